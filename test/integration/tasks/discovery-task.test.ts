import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryRequestSchema } from '../../../src-shared/contract/discovery.contract';
import type { Core } from '../../../src-main/core/create-core';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { CONTEXT, createTask, openTaskCore, runToEnd } from './task-core-rig';

/** 'discovery' tasks: a saved search run through the discovery service, against simulated printers on 127.120.2.0/24. */

const PORT = 16120;
const OPTIONS = { port: PORT, timeoutMs: 300, retries: 1, ratePerSecond: 5000, concurrency: 8 };

describe("'discovery' task", () => {
  let dir: string;
  let core: Core;
  let simulator: Simulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-discovery-task-'));
    simulator = await startSimulator({ port: PORT, baseAddress: '127.120.2.1', devices: answeringDemoFleet(3, 121) });
    ({ core } = await openTaskCore(join(dir, 'printdeck.db')));
  });
  afterAll(async () => {
    await core?.dispose();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the saved search: found devices are successes; the next run finds them unchanged', async () => {
    const task = await createTask(core, {
      name: 'Search floor 2',
      type: 'discovery',
      schedule: { kind: 'weekly', days: [0], time: '03:00' },
      params: { methods: [{ kind: 'addresses', spec: '127.120.2.1-127.120.2.20' }], options: OPTIONS },
    });
    expect(task.targets).toEqual({ deviceIds: [], groupIds: [] });
    const first = await runToEnd(core, task.id);
    expect(first.execution).toMatchObject({ state: 'succeeded', succeeded: 3, failed: 0, done: 20, total: 20 });
    expect(first.devices.map((d) => d.message).sort()).toEqual(simulator.devices.map((d) => `New device at ${d.address}:${PORT}`).sort());
    expect(first.devices.every((d) => d.deviceId !== null)).toBe(true);
    expect(first.log.map((l) => l.line)).toEqual(expect.arrayContaining([expect.stringMatching(/^search \d+ Succeeded: 3 succeeded, 0 failed \(3 answered: 3 new, 0 updated, 0 unchanged, 0 lost, 0 skipped, 0 not readable\)$/), 'Succeeded: 3 succeeded, 0 failed']));
    expect((await core.api.devices.list({}, CONTEXT)).devices).toHaveLength(3);
    // The search history names the run after its task, in the same words as the execution.
    const { runs } = await core.api.discovery.listRuns({ limit: 1 }, CONTEXT);
    expect(runs[0]).toMatchObject({ name: 'Search floor 2', state: 'succeeded' });

    // A printer switched off is lost: a failed result, so the execution is partly failed.
    simulator.device(simulator.devices[2]?.name ?? '').setFaults({ silent: true });
    const second = await runToEnd(core, task.id);
    expect(second.execution).toMatchObject({ state: 'partly-failed', succeeded: 2, failed: 1 });
    expect(second.devices.filter((d) => d.ok).map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Unchanged at /)]));
    expect(second.devices.find((d) => !d.ok)?.message).toBe(`Lost: did not answer at ${simulator.devices[2]?.address}:${PORT}`);
    // The search's line and the execution's last line say the same: partly failed, 2 succeeded, 1 failed.
    const lines = second.log.map((l) => l.line);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^search \d+ Partly failed: 2 succeeded, 1 failed \(2 answered: 0 new, 0 updated, 2 unchanged, 1 lost, 0 skipped, 0 not readable\)$/)]));
    expect(lines).toContain('Partly failed: 2 succeeded, 1 failed');
    expect(lines.join('\n')).not.toMatch(/\bsucceeded: /);
    simulator.device(simulator.devices[2]?.name ?? '').setFaults({ silent: false });
  });

  it('keeps the search\'s credentials sealed in the store, and in clear for the administrator who edits it', async () => {
    const task = await createTask(core, {
      name: 'Search with a secret',
      type: 'discovery',
      schedule: { kind: 'weekly', days: [0], time: '03:00' },
      params: { methods: [{ kind: 'addresses', spec: '127.120.2.1' }], options: { ...OPTIONS, credentials: [{ version: 'v2c', community: 'c0mmunity-s3cret' }] } },
    });
    const raw = new BetterSqlite3(join(dir, 'printdeck.db'), { readonly: true });
    try {
      const stored = raw.prepare<[number], { params: string }>('SELECT params FROM tasks WHERE id = ?').get(task.id)?.params ?? '';
      expect(stored).toMatch(/^sealed:/);
      expect(stored).not.toContain('c0mmunity-s3cret');
    } finally {
      raw.close();
    }
    const read = await core.api.tasks.get({ id: task.id }, CONTEXT);
    expect(JSON.stringify(read)).toContain('c0mmunity-s3cret');
  });

  it('waits for a search started elsewhere instead of failing, then runs', async () => {
    const wizard = core.discovery.begin(
      discoveryRequestSchema.parse({ methods: [{ kind: 'addresses', spec: '127.120.4.1-127.120.4.254' }], options: { ...OPTIONS, ratePerSecond: 20 } }),
    );
    const task = await createTask(core, {
      name: 'Search while another runs',
      type: 'discovery',
      schedule: { kind: 'weekly', days: [0], time: '03:00' },
      params: { methods: [{ kind: 'addresses', spec: '127.120.2.1-127.120.2.5' }], options: OPTIONS },
    });
    const { executionId } = await core.api.tasks.runNow({ id: task.id }, CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await core.api.tasks.getExecution({ executionId }, CONTEXT)).execution.state).toBe('running');
    wizard.cancel();
    let finished = await core.api.tasks.getExecution({ executionId }, CONTEXT);
    for (let i = 0; i < 500 && ['queued', 'running'].includes(finished.execution.state); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = await core.api.tasks.getExecution({ executionId }, CONTEXT);
    }
    expect(finished.execution.state).toBe('succeeded');
    expect(finished.log.map((l) => l.line)).toEqual(expect.arrayContaining([`waiting for search ${wizard.id} to end`]));
  });

  it('names a bad search field when saved', async () => {
    await expect(createTask(core, { name: 'Bad', type: 'discovery', schedule: { kind: 'now' }, params: { methods: [] } })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/^tasks\.create: params\.methods: /),
    });
  });

  it('cancelling the execution cancels the search', async () => {
    const task = await createTask(core, {
      name: 'Slow search',
      type: 'discovery',
      schedule: { kind: 'daily', time: '03:00' },
      // 254 silent loopback addresses at 20 packets/s: far longer than the test waits.
      params: { methods: [{ kind: 'addresses', spec: '127.120.3.1-127.120.3.254' }], options: { ...OPTIONS, ratePerSecond: 20 } },
    });
    const { executionId } = await core.api.tasks.runNow({ id: task.id }, CONTEXT);
    await core.api.tasks.cancel({ executionId }, CONTEXT);
    await core.api.tasks.remove({ id: 999_999 }, CONTEXT); // unknown ids are no error
    const deadline = Date.now() + 10_000;
    let state = '';
    while (Date.now() < deadline) {
      state = (await core.api.tasks.getExecution({ executionId }, CONTEXT)).execution.state;
      if (state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(state).toBe('cancelled');
    const runs = (await core.api.discovery.listRuns({ limit: 1 }, CONTEXT)).runs;
    expect(runs[0]).toMatchObject({ state: 'cancelled' });
  });
});
