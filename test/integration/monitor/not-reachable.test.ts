import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { createCore } from '../../../src-main/core/create-core';
import { ADMIN, listed, startMonitorRig, type MonitorRig } from './monitor-rig';

let rig: MonitorRig;

beforeAll(async () => {
  rig = await startMonitorRig('127.122.2.1', 2);
});
afterAll(async () => {
  await rig?.close();
});

const statusesOf = (id: number | undefined): Array<AppEvents['device.status']> =>
  rig.events.filter((e) => e.name === 'device.status').map((e) => e.payload as AppEvents['device.status']).filter((s) => s.id === id);

describe('a monitored device that goes silent', () => {
  it('is offline at once, "not reachable" after the set misses, and alerts only then', async () => {
    await rig.core.api.monitoring.updateSettings({ missesBeforeNotReachable: 3 }, ADMIN);
    const announced = rig.events.filter((e) => e.name === 'monitoring.changed').length;
    await rig.core.api.monitoring.createCondition(
      { name: 'Gone', enabled: true, targets: { allDevices: false, deviceIds: rig.ids, groupIds: [] }, watch: ['notReachable'], hours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }, destinations: [], holdDownMinutes: 0, dampingMinutes: 0, digest: false },
      ADMIN,
    );
    expect(rig.events.filter((e) => e.name === 'monitoring.changed').length).toBe(announced + 1); // the new condition is announced
    const [info] = rig.simulator.devices;
    const id = rig.ids[0];
    rig.simulator.device(info?.name ?? '').setFaults({ silent: true });

    await rig.core.monitor.runRound();
    expect(statusesOf(id).at(-1)).toMatchObject({ state: 'offline', previous: 'ok' });
    expect(statusesOf(id).at(-1)?.message).not.toMatch(/not reachable/);
    await rig.core.monitor.runRound();
    expect((await rig.core.api.monitoring.listAlerts({ limit: 10 }, ADMIN)).alerts).toEqual([]);
    expect(await listed(rig, id)).toMatchObject({ missedPolls: 2, lastError: expect.objectContaining({ code: expect.any(String) }) });

    await rig.core.monitor.runRound();
    expect(statusesOf(id).at(-1)).toMatchObject({ state: 'offline', previous: 'offline', message: expect.stringMatching(/^not reachable since /) });
    expect((await rig.core.api.monitoring.listAlerts({ limit: 10 }, ADMIN)).alerts).toEqual([
      expect.objectContaining({ deviceId: id, kind: 'raised', active: ['notReachable'] }),
    ]);
    // The printer that kept answering was never reported.
    expect(statusesOf(rig.ids[1]).filter((s) => s.state === 'offline')).toEqual([]);

    rig.simulator.device(info?.name ?? '').setFaults({ silent: false });
    await rig.core.monitor.runRound();
    expect(await listed(rig, id)).toMatchObject({ missedPolls: 0, missingSince: null, lastError: null });
    expect((await rig.core.api.monitoring.listAlerts({ limit: 10 }, ADMIN)).alerts[0]).toMatchObject({ kind: 'cleared', active: [], previous: ['notReachable'] });
  });
});

describe('monitoring settings', () => {
  it('apply at once and are kept for the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'printdeck-monitor-settings-'));
    const open = () => createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-monitor' });
    try {
      const first = await open();
      expect(await first.api.monitoring.getSettings({}, ADMIN)).toEqual({ intervalMs: 600_000, missesBeforeNotReachable: 3, trapsEnabled: true, trapPort: 162 });
      const changes: string[] = [];
      first.events.subscribe((name) => {
        if (name === 'monitoring.changed') changes.push(name);
      });
      await first.api.monitoring.updateSettings({ intervalMs: 120_000, missesBeforeNotReachable: 5, trapPort: 16169 }, ADMIN);
      // Every console hears of it and refetches.
      expect(changes).toEqual(['monitoring.changed']);
      expect(first.monitor.intervalMs).toBe(120_000);
      await first.dispose();
      const second = await open();
      expect(await second.api.monitoring.getSettings({}, ADMIN)).toEqual({ intervalMs: 120_000, missesBeforeNotReachable: 5, trapsEnabled: true, trapPort: 16169 });
      expect(second.monitor.intervalMs).toBe(120_000);
      await second.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
