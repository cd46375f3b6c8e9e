import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { pollRound, type PollJob } from '../../../src-main/core/inventory/fleet-poller';
import type { SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { loadSnmprecDir, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, openStack, projectProfiles, RECORDINGS_DIR, startFleet, targetsOf, V2C, type InventoryStack } from './inventory-rig';

/**
 * SNMPv1 has no GetBulk, no per-varbind exceptions and no Counter64 (RFC 3584: a v1 agent
 * hides it), yet a printer read over v1 must read as it does over v2c — slower, not different.
 */

const BASE = '127.46.0.1';
const V1: SnmpSettings = { version: 'v1', community: 'public', timeoutMs: 1_000, retries: 1 };
/** HP's PML mono page count: given as Counter64 here, the one value v1 cannot carry. */
const HP_MONO_PAGES = '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0';
const HP_WITH_COUNTER64 = 'hp-with-counter64';
const haveRecordings = existsSync(RECORDINGS_DIR);

const withoutUptime = (r: DeviceReading | undefined) => r && { ...r, identity: { ...r.identity, uptimeSeconds: null } };

/** The readings of every simulated device through one version, in simulator order. */
async function readAll(stack: InventoryStack, simulator: Simulator, settings: SnmpSettings) {
  const jobs: PollJob[] = targetsOf(simulator, settings).map((target) => ({ target }));
  return pollRound(stack.reader, jobs, { concurrency: 16 });
}

describe('SNMPv1 full reads of the demo printers', () => {
  let simulator: Simulator;
  let stack: InventoryStack;

  beforeAll(async () => {
    const fleet = answeringDemoFleet(12, 46);
    const hp = fleet.find((spec) => spec.name.startsWith('hp-color-laser'));
    if (!hp) throw new Error('the demo fleet has no HP printer: change its seed');
    const counter64: VarBind = { oid: HP_MONO_PAGES, value: { type: 'Counter64', value: 123_456_789n } };
    const devices: SimulatedDeviceSpec[] = [...fleet, { name: HP_WITH_COUNTER64, varbinds: [...hp.varbinds, counter64] }];
    simulator = await startFleet(BASE, devices);
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('reads every demo printer over v1 as over v2c, but for a Counter64 counter, which v1 cannot carry', async () => {
    const v2c = await readAll(stack, simulator, V2C);
    const v1 = await readAll(stack, simulator, V1);
    const names = simulator.devices.map((d) => d.name);
    expect(v1.map((r) => r?.reading.error ?? null)).toEqual(names.map(() => null));

    const last = names.length - 1;
    expect(v2c[last]?.reading.counters).toContainEqual({ name: 'mono', unit: 'pages', value: 123_456_789 });
    expect(v1[last]?.reading.counters.map((c) => c.name)).not.toContain('mono');
    const dropMono = (r: DeviceReading | undefined) => r && { ...r, counters: r.counters.filter((c) => c.name !== 'mono') };
    expect(v1.map((r) => withoutUptime(dropMono(r?.reading)))).toEqual(v2c.map((r) => withoutUptime(dropMono(r?.reading))));
  });

  it('polls over v1 routinely after a v1 full read, finds nothing changed, and costs far fewer requests', async () => {
    const { value: full, traffic: fullTraffic } = await measure(stack.client, () => readAll(stack, simulator, V1));
    const jobs = targetsOf(simulator, V1).map((target, i): PollJob => {
      const result = full[i];
      if (!result?.snapshot || !result.profile) throw new Error(`v1 full read of ${target.host} failed: ${JSON.stringify(result?.reading.error)}`);
      return { target, snapshot: result.snapshot, profile: result.profile, previous: result.reading };
    });
    const { value, traffic } = await measure(stack.client, () => pollRound(stack.reader, jobs, { concurrency: 16 }));
    expect(value.map((r) => r?.unchanged ?? false)).toEqual(jobs.map(() => true));
    // Without GetBulk a routine poll is a GET plus GetNexts over the alert table (v1 ends a walk
    // that runs off the MIB with noSuchName, one column at a time): more than over v2c, still few.
    expect(traffic.requests, `v1 routine poll of ${jobs.length} devices (the v1 full read took ${fullTraffic.requests})`).toBeLessThan(fullTraffic.requests / 4);
  });
});

describe.skipIf(!haveRecordings)('SNMPv1 full reads of real printer recordings', () => {
  let simulator: Simulator;
  let stack: InventoryStack;
  let specs: SimulatedDeviceSpec[];

  beforeAll(async () => {
    specs = await loadSnmprecDir(RECORDINGS_DIR);
    simulator = await startFleet('127.46.1.1', specs);
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('reads every recording over v1 as over v2c (HP JetDirects included: one v1 row past an empty alert table is tooBig)', async () => {
    const v2c = await readAll(stack, simulator, V2C);
    const v1 = await readAll(stack, simulator, V1);
    // The recordings hold Counter64 only outside what a reading uses (IP-MIB statistics), so nothing is exempt.
    const differing = simulator.devices
      .map((d, i) => ({ device: d.name, v1: withoutUptime(v1[i]?.reading), v2c: withoutUptime(v2c[i]?.reading) }))
      .filter((d) => JSON.stringify(d.v1) !== JSON.stringify(d.v2c));
    expect(differing).toEqual([]);
    expect(v1.filter((r) => r?.reading.ok).length).toBe(specs.length);
  });
});
