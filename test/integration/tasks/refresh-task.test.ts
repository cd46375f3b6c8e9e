import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, startFleet } from '../inventory/inventory-rig';
import { CONTEXT, createTask, openTaskCore, runToEnd } from './task-core-rig';

/** 'refresh' tasks through the core against simulated printers on 127.120.1.0/24. */

const NAMES = ['reception', 'silent', 'lab'] as const;

describe("'refresh' task", () => {
  let dir: string;
  let core: Core;
  let simulator: Simulator;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-refresh-task-'));
    simulator = await startFleet('127.120.1.1', answeringDemoFleet(NAMES.length, 120).map((spec, i) => ({ ...spec, name: NAMES[i] ?? spec.name })));
    simulator.device('silent').setFaults({ silent: true });
    ({ core } = await openTaskCore(join(dir, 'printdeck.db')));
    for (const d of simulator.devices) {
      const added = await core.api.devices.add({ address: `${d.address}:${d.port}`, name: d.name }, CONTEXT);
      ids.set(d.name, added.id);
    }
  });
  afterAll(async () => {
    await core?.dispose();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const id = (name: string): number => ids.get(name) ?? Number.NaN;

  it('reads every target and reports one result per device: one silent device makes it partly-failed', async () => {
    const task = await createTask(core, { name: 'Refresh all', type: 'refresh', schedule: { kind: 'daily', time: '06:00' }, targets: { deviceIds: NAMES.map(id), groupIds: [] } });
    const { execution, devices, log } = await runToEnd(core, task.id);
    expect(execution).toMatchObject({ state: 'partly-failed', trigger: 'manual', succeeded: 2, failed: 1, done: 3, total: 3 });
    const byLabel = Object.fromEntries(devices.map((d) => [d.label, d]));
    expect(Object.keys(byLabel).sort()).toEqual([...NAMES].sort());
    expect(byLabel.reception).toMatchObject({ deviceId: id('reception'), ok: true });
    expect(byLabel.lab).toMatchObject({ deviceId: id('lab'), ok: true });
    expect(byLabel.silent).toMatchObject({ deviceId: id('silent'), ok: false });
    expect(byLabel.silent?.message).toMatch(/^no reply from 127\.120\.1\.2:\d+/);
    expect(log.map((l) => l.line)).toContain('read 3 of 3 device(s)');
    // The reads were saved like a refresh from the device list.
    const reception = await core.api.devices.get({ id: id('reception') }, CONTEXT);
    expect(reception.lastSeen).not.toBeNull();
    expect(reception.identity.model).not.toBeNull();
  });

  it('a group target emptied, then filled, is resolved at each run', async () => {
    const group = await core.api.groups.create({ name: 'Second floor', kind: 'static' }, CONTEXT);
    const task = await createTask(core, { name: 'Second floor refresh', type: 'refresh', schedule: { kind: 'weekly', days: [1], time: '07:00' }, targets: { deviceIds: [], groupIds: [group.id] } });

    const empty = await runToEnd(core, task.id);
    expect(empty.execution).toMatchObject({ state: 'succeeded', succeeded: 0, failed: 0 });
    expect(empty.log.map((l) => l.line)).toContain('group "Second floor": 0 device(s) now');

    await core.api.groups.addDevices({ id: group.id, deviceIds: [id('reception'), id('lab')] }, CONTEXT);
    const filled = await runToEnd(core, task.id);
    expect(filled.execution).toMatchObject({ state: 'succeeded', succeeded: 2, failed: 0 });
    expect(filled.devices.map((d) => d.label).sort()).toEqual(['lab', 'reception']);

    await core.api.groups.removeDevices({ id: group.id, deviceIds: [id('reception'), id('lab')] }, CONTEXT);
    const emptiedAgain = await runToEnd(core, task.id);
    expect(emptiedAgain.devices).toEqual([]);

    const listed = (await core.api.tasks.list({}, CONTEXT)).tasks.find((t) => t.id === task.id);
    expect(listed?.lastExecution?.id).toBe(emptiedAgain.execution.id);
    expect(listed?.nextRunAt).toBeGreaterThan(Date.now());
  });
});
