import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentJob, JobQueue, JobReport, JobStep } from '../../src-shared/plugins/drivers/agent-protocol';
import { readStoredSet, SetRefused } from '../plugins/drivers/store-files/set-download';
import { ftpFailure } from '../plugins/drivers/store-files/ftp-wording';
import type { QueueInstaller } from './installers';

/**
 * Runs one job on this computer: per queue, downloads the set from its store into a scratch
 * folder and checks every file against the set's SHA-256 manifest (the foundation's reader:
 * a corrupted or altered file is refused by name and nothing is installed), then creates or
 * removes the queue. Every step's outcome goes into the report. Never throws.
 */
export async function runJob(job: AgentJob, installer: QueueInstaller, workDir: string, installedBefore: readonly string[], now: () => number): Promise<JobReport> {
  const steps: JobStep[] = [];
  const installed = new Set(installedBefore);
  for (const queue of job.queues) {
    const folder = join(workDir, String(queue.associationId));
    try {
      if (job.action === 'remove') {
        const result = await installer.remove(queue.queueName);
        steps.push(...result);
        if (result.every((s) => s.ok)) installed.delete(queue.queueName);
        continue;
      }
      const entry = await fetchSet(queue, installer, folder, steps);
      if (entry === undefined) continue;
      const result = await installer.install(queue, entry);
      steps.push(...result);
      if (result.every((s) => s.ok)) installed.add(queue.queueName);
    } catch (error) {
      // A failure the installer did not foresee (lpstat cannot reach CUPS …) is this queue's result, not the job's end: the job is reported, never retried forever.
      steps.push({ queueName: queue.queueName, step: job.action, ok: false, message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  const names = [...installed];
  const present = await installer.existing(names).catch(() => names);
  return { jobId: job.id, ok: steps.every((s) => s.ok), steps, queues: present, finishedAt: now() };
}

/** The set's entry file as downloaded and verified; null when none is needed; undefined when the download failed (its step says why). */
async function fetchSet(queue: JobQueue, installer: QueueInstaller, folder: string, steps: JobStep[]): Promise<string | null | undefined> {
  if (!(await installer.needsFiles(queue))) return null;
  const { store, folder: setFolder, entryFile } = queue.set;
  if (store === null || setFolder === null || entryFile === null) {
    steps.push({ queueName: queue.queueName, step: 'download', ok: false, message: `the set "${queue.set.name}" has no files on a store` });
    return undefined;
  }
  if (queue.set.manifestSha256 === null) {
    // Without the checksum recorded at upload a manifest rewritten on the server would pass: never installed so.
    steps.push({ queueName: queue.queueName, step: 'download', ok: false, message: `refused: the console sent no SHA-256 of the set "${queue.set.name}"'s manifest, so its files cannot be checked; upload the set again` });
    return undefined;
  }
  try {
    const read = await readStoredSet({ ...store, password: store.password === '' ? null : store.password }, setFolder, { into: folder, manifestSha256: queue.set.manifestSha256 });
    steps.push({ queueName: queue.queueName, step: 'download', ok: true, message: `${read.files} file${read.files === 1 ? '' : 's'} (${read.bytes} bytes) from ${store.host}, each SHA-256 checked against the manifest` });
    return join(folder, ...entryFile.split('/'));
  } catch (error) {
    const message = error instanceof SetRefused ? `refused: ${error.message}` : ftpFailure(error, store, `download the set "${queue.set.name}" from ${store.host}`);
    steps.push({ queueName: queue.queueName, step: 'download', ok: false, message });
    return undefined;
  }
}
