import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentJob, JobReport } from '../../../src-shared/plugins/drivers/agent-protocol';
import { AgentState } from '../../../src-main/agent/agent-state';

/** What the agent keeps so that a restart or an absent console loses no job and runs none twice. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function state(): Promise<AgentState> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-agent-state-'));
  dirs.push(dir);
  const s = new AgentState(join(dir, 'state'));
  await s.init();
  return s;
}

const job = (id: number): AgentJob => ({
  id,
  action: 'remove',
  createdAt: 1,
  queues: [
    {
      associationId: 1,
      name: 'a',
      queueName: `Q${id}`,
      uri: 'ipp://h:631/ipp/print',
      protocol: 'ipp',
      host: 'h',
      port: 631,
      resource: '',
      defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null },
      location: '',
      set: { name: 's', os: 'linux', kind: 'driverless', driverName: '', entryFile: null, folder: null, manifestSha256: null, store: null },
    },
  ],
});
const report = (jobId: number): JobReport => ({ jobId, ok: true, steps: [], queues: [], finishedAt: 2 });

describe('agent state folder', () => {
  it('keeps received jobs until finished, then their reports until delivered; a job sent again is not taken twice', async () => {
    const s = await state();
    expect((await s.receive([job(1), job(2)])).map((j) => j.id)).toEqual([1, 2]);
    expect((await s.receive([job(1), job(2)])).map((j) => j.id)).toEqual([]);
    await s.finish(report(1));
    expect((await s.pending()).map((j) => j.id)).toEqual([2]);
    expect((await s.unsent()).map((r) => r.jobId)).toEqual([1]);
    // The console did not get the report and sends job 1 again: it is neither run nor kept again.
    expect(await s.receive([job(1)])).toEqual([]);
    await s.delivered([1]);
    expect(await s.unsent()).toEqual([]);
    expect(await s.receive([job(1)])).toEqual([]);
    // A new instance on the same folder (a restart) sees the same.
    const again = new AgentState(s.dir);
    expect((await again.pending()).map((j) => j.id)).toEqual([2]);
  });

  it('is private to the service user, and sets aside a file it cannot read instead of failing forever', async () => {
    const s = await state();
    await s.receive([job(5)]);
    expect(statSync(s.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(s.dir, 'jobs', '5.json')).mode & 0o777).toBe(0o600);
    writeFileSync(join(s.dir, 'jobs', '6.json'), '{"half": ');
    expect((await s.pending()).map((j) => j.id)).toEqual([5]);
    expect(readdirSync(join(s.dir, 'jobs')).sort()).toEqual(['5.json', '6.json.unreadable']);
    expect(await s.config()).toBeNull();
    writeFileSync(join(s.dir, 'config.json'), '{"consoleUrl": 1}');
    await expect(s.config()).rejects.toThrow(/is not an agent configuration .*enrol again/);
    writeFileSync(join(s.dir, 'config.json'), 'not json');
    await expect(s.config()).rejects.toThrow(/is not an agent configuration .*enrol again/);
  });
});
