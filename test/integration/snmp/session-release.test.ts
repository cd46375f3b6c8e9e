import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { loadProfiles } from '../../../src-main/core/profiles/profile-loader';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import { createNetSnmpClient } from '../../../src-main/core/snmp/net-snmp-client';
import type { SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';

/**
 * A device read once per round needs no session until the next round: release() closes its
 * session at once (not after the idle time), but never one with a request in flight, and the
 * next request to the device simply opens a new one.
 */

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

describe('releasing the session of a device that was read (net-snmp, the SNMPv3 adapter; v1/v2c keep no session at all)', () => {
  let simulator: Simulator;
  let targets: SnmpTarget[];

  beforeAll(async () => {
    const fleet = buildDemoFleet(3, 58).map(({ faults: _faults, ...healthy }) => healthy);
    simulator = await startSimulator({ baseAddress: '127.58.0.1', port: 0, devices: fleet });
    targets = simulator.devices.map((d) => ({ host: d.address, port: d.port, version: 'v2c', timeoutMs: 1000, retries: 1 }));
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it('closes an idle v2c session at once, keeps one with a request in flight, and reads again on a new session', async () => {
    const client = createNetSnmpClient({ sessionIdleMs: 60_000 });
    try {
      const [a, b] = targets as [SnmpTarget, SnmpTarget];
      await Promise.all([client.get(a, [SYS_UPTIME]), client.get(b, [SYS_UPTIME])]);
      expect(client.stats().sessions).toBe(2);
      client.release?.(a);
      expect(client.stats().sessions).toBe(1);

      const pending = client.get(b, [SYS_UPTIME]);
      client.release?.(b);
      expect(client.stats().sessions, 'a request in flight keeps its session').toBe(1);
      const [answer] = await pending;
      expect(answer?.value.type).toBe('TimeTicks');

      const [again] = await client.get(a, [SYS_UPTIME]);
      expect(again?.value.type).toBe('TimeTicks');
      expect(client.stats().sessions).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('is what the device reader does after reading a device: no session outlives a full read or a routine poll', async () => {
    const client = createSnmpClient({ sessionIdleMs: 60_000 });
    try {
      const profiles = await loadProfiles(resolve(__dirname, '../../../resources/profiles'));
      const reader = new DeviceReader({ snmp: client, profiles });
      const [a] = targets as [SnmpTarget];
      const full = await reader.fullRead(a);
      expect(full.reading.ok).toBe(true);
      expect(client.stats().sessions).toBe(0);
      if (!full.snapshot || !full.profile) throw new Error('a full read without a layout');
      const routine = await reader.routinePoll(a, full.snapshot, full.profile, undefined, full.reading);
      expect(routine.reading.ok).toBe(true);
      expect(client.stats().sessions).toBe(0);
    } finally {
      await client.close();
    }
  });
});
