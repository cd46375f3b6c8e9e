import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentJob, JobQueue, JobReport, JobStep } from '../../src-shared/plugins/drivers/agent-protocol';
import { readSetFrom, SetRefused, type SetSource } from '../plugins/drivers/store-files/set-download';
import type { ConsoleLink } from './console-link';
import type { QueueInstaller } from './installers';

/** Where a queue's set files come from: for a job, the set of one of its queues. */
export type SetFiles = (jobId: number, associationId: number) => SetSource;

/** Silence on the connection for this long ends a file's download. */
const FILE_TIMEOUT_MS = 120_000;

/** The set's files through the console (set-file): the agent holds no store password. */
export function consoleSetFiles(link: Pick<ConsoleLink, 'download'>): SetFiles {
  return (job, association) => ({ where: 'the store (through the console)', download: (path, sink) => link.download({ job, association, path }, sink, FILE_TIMEOUT_MS) });
}

/**
 * Runs one job on this computer: per queue, downloads the set (through the console, which reads
 * it from its store) into a scratch folder and checks every file against the set's SHA-256 manifest (the foundation's reader:
 * a corrupted or altered file is refused by name and nothing is installed), then creates or
 * removes the queue. Every step's outcome goes into the report. Never throws.
 */
export async function runJob(job: AgentJob, installer: QueueInstaller, workDir: string, installedBefore: readonly string[], now: () => number, files: SetFiles): Promise<JobReport> {
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
      const entry = await fetchSet(queue, installer, folder, steps, files(job.id, queue.associationId));
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
async function fetchSet(queue: JobQueue, installer: QueueInstaller, folder: string, steps: JobStep[], source: SetSource): Promise<string | null | undefined> {
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
    const read = await readSetFrom(source, { into: folder, manifestSha256: queue.set.manifestSha256 });
    steps.push({ queueName: queue.queueName, step: 'download', ok: true, message: `${read.files} file${read.files === 1 ? '' : 's'} (${read.bytes} bytes) from the store "${store.name}" through the console, each SHA-256 checked against the manifest` });
    return join(folder, ...entryFile.split('/'));
  } catch (error) {
    const message = error instanceof SetRefused ? `refused: ${error.message}` : `could not download the set "${queue.set.name}" from the store "${store.name}" through the console: ${error instanceof Error ? error.message : String(error)}`;
    steps.push({ queueName: queue.queueName, step: 'download', ok: false, message });
    return undefined;
  }
}
