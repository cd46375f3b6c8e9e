import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient } from '../../../src-main/core/snmp/snmp-client';
import type { Simulator } from '../../../src-main/simulator/simulator';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { answeringDemoFleet, projectProfiles, startFleet, targetOf } from './inventory-rig';

/**
 * Routine polls keep the identity a snapshot gave (it comes from values they do not re-read),
 * unless the profile takes it from a value they do re-read: then every poll shows the new one.
 */

const BASE = '127.58.0.1';
/** prtMarkerLifeCount of the first marker: re-read by every routine poll. */
const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1';

describe('identity on routine polls', () => {
  let simulator: Simulator;
  let client: SnmpClient;
  let profiles: DeviceProfile[];

  beforeAll(async () => {
    simulator = await startFleet(BASE, answeringDemoFleet(1, 11));
    client = createSnmpClient();
    profiles = await projectProfiles();
  });

  afterAll(async () => {
    await client?.close();
    await simulator?.close();
  });

  async function pollAfterPrinting(profile: DeviceProfile, pages: number): Promise<{ before: string | null; after: string | null; serial: string | null }> {
    const reader = new DeviceReader({ snmp: client, profiles: [profile] });
    const name = simulator.devices[0]?.name ?? '';
    const target = targetOf(simulator, name);
    const full = await reader.fullRead(target);
    if (!full.snapshot || !full.profile) throw new Error(`full read failed: ${JSON.stringify(full.reading.error)}`);
    const device = simulator.device(name);
    const print = (n: number): void => {
      const count = device.getValue(LIFE_COUNT);
      if (count?.type !== 'Counter32') throw new Error('the simulated printer has no Counter32 prtMarkerLifeCount');
      device.setCounter(LIFE_COUNT, count.value + n);
    };
    // Two polls that found something new: the first assembles (and may keep) the identity, the second may reuse it.
    print(1);
    const first = await reader.routinePoll(target, full.snapshot, full.profile, undefined, full.reading);
    print(pages);
    const second = await reader.routinePoll(target, full.snapshot, full.profile, undefined, first.reading);
    expect([first.unchanged, second.unchanged]).toEqual([undefined, undefined]);
    return { before: first.reading.identity.model, after: second.reading.identity.model, serial: second.reading.identity.serial };
  }

  it('shows a model taken from a value every poll re-reads as it is now', async () => {
    const countedModel: DeviceProfile = { id: 'counted-model', vendor: null, fallback: true, match: { sysObjectIdPrefixes: [] }, model: [{ oid: LIFE_COUNT }] };
    const { before, after } = await pollAfterPrinting(countedModel, 25);
    expect(Number(after) - Number(before)).toBe(25);
  });

  it('keeps the identity of the learned snapshot otherwise', async () => {
    const generic = profiles.find((p) => p.fallback === true);
    if (!generic) throw new Error('no generic profile');
    const { before, after, serial } = await pollAfterPrinting(generic, 25);
    expect(after).toBe(before);
    expect(after).not.toBeNull();
    expect(serial).not.toBeNull();
  });
});
