import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, openStack, projectProfiles, startFleet, targetsOf, V2C } from './inventory-rig';

/**
 * The table layout a full read learns is stored with the device, so a restarted application
 * goes straight to routine polls — and those give the same readings as before the restart.
 */

const BASE = '127.41.0.1';
const FLEET = 8;
const ROUTINE_MAX_REQUESTS = 3;

const withoutUptime = (r: DeviceReading): DeviceReading => ({ ...r, identity: { ...r.identity, uptimeSeconds: null } });

describe('restarting on the same database file', () => {
  let simulator: Simulator;
  let profiles: DeviceProfile[];
  let dir: string;

  beforeAll(async () => {
    profiles = await projectProfiles();
    simulator = await startFleet(BASE, answeringDemoFleet(FLEET, 41));
    dir = mkdtempSync(join(tmpdir(), 'printdeck-inventory-restart-'));
  });

  afterAll(async () => {
    await simulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('polls stored devices with routine requests after a restart, and reads them as before', async () => {
    const file = join(dir, 'printdeck.db');
    const first = openStack(file, profiles);
    let before: DeviceReading[];
    let fullRequests: number;
    try {
      const { value, traffic } = await measure(first.client, () => first.service.readTargets(targetsOf(simulator)));
      before = value.map((o) => o.reading);
      fullRequests = traffic.requests;
      expect(before.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await first.close();
    }

    const second = openStack(file, profiles);
    try {
      const { value, traffic } = await measure(second.client, () => second.service.pollStored(V2C));
      expect(value).toHaveLength(FLEET);
      // Each device: a routine poll (the loaded layout), not the full read it had the first time.
      expect(traffic.requests, `requests for ${FLEET} devices after the restart (the full read took ${fullRequests})`).toBeLessThanOrEqual(ROUTINE_MAX_REQUESTS * FLEET);
      expect(traffic.requests).toBeLessThan(fullRequests / 2);
      expect(value.map((o) => withoutUptime(o.reading))).toEqual(before.map(withoutUptime));
      expect(value.map((o) => o.saved.change)).toEqual(before.map(() => 'unchanged'));
      expect(second.devices.listDevices().map((d) => d.identity.serial)).toEqual(before.map((r) => r.identity.serial));
    } finally {
      await second.close();
    }
  });

  it('after a restart, a routine poll still sees what changed on a device while the application was closed', async () => {
    const file = join(dir, 'changed-while-closed.db');
    const first = openStack(file, profiles);
    let before: DeviceReading[];
    try {
      before = (await first.service.readTargets(targetsOf(simulator))).map((o) => o.reading);
    } finally {
      await first.close();
    }
    const name = simulator.devices[0]?.name ?? '';
    simulator.device(name).setErrorState(['doorOpen']);

    const second = openStack(file, profiles);
    try {
      const { value, traffic } = await measure(second.client, () => second.service.pollStored(V2C));
      expect(traffic.requests).toBeLessThanOrEqual(ROUTINE_MAX_REQUESTS * FLEET);
      const [changed, ...rest] = value;
      expect(changed?.reading.status).toMatchObject({ state: 'error', conditions: ['doorOpen'] });
      expect(changed?.saved.change).toBe('updated');
      expect(second.devices.getDevice(changed?.saved.deviceId ?? -1)).toMatchObject({ state: 'error', conditions: ['doorOpen'] });
      expect(rest.map((o) => withoutUptime(o.reading))).toEqual(before.slice(1).map(withoutUptime));
    } finally {
      simulator.device(name).setErrorState([]);
      await second.close();
    }
  });
});
