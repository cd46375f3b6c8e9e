import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { InventoryService } from '../../../src-main/core/inventory/inventory.service';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, openStack, projectProfiles, startFleet, targetsOf, V2C, type InventoryStack } from './inventory-rig';

/**
 * A large round is saved as its devices finish, a batch per transaction, instead of holding
 * every reading until the end: the outcomes and the store must be exactly those of one
 * transaction for the whole round.
 */

const BASE = '127.57.0.1';
const FLEET = 7;
const BATCH = 3;
/** prtMarkerLifeCount of the first marker: pages printed, re-read by every routine poll. */
const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1';

/** What a device list says, without what differs between two stores (ids, clocks, uptimes). */
function listed(stack: InventoryStack): unknown[] {
  return stack.devices.listDevices().map(({ id: _id, firstSeen: _f, lastSeen: _s, lastAttempt: _a, identity, ...rest }) => ({
    ...rest,
    identity: { ...identity, uptimeSeconds: null },
  }));
}

describe('a round saved in batches', () => {
  let simulator: Simulator;
  let profiles: DeviceProfile[];
  let batched: InventoryStack;
  let whole: InventoryStack;
  let service: InventoryService;

  beforeAll(async () => {
    simulator = await startFleet(BASE, answeringDemoFleet(FLEET, 57));
    profiles = await projectProfiles();
    batched = openStack(':memory:', profiles);
    whole = openStack(':memory:', profiles);
    service = new InventoryService({ reader: new DeviceReader({ snmp: batched.client, profiles }), devices: batched.devices, profiles, now: Date.now, saveBatch: BATCH });
  });

  afterAll(async () => {
    await batched?.close();
    await whole?.close();
    await simulator?.close();
  });

  it('saves devices while the round still reads others, with outcomes in target order and the same store as one transaction', async () => {
    const targets = targetsOf(simulator);
    let storedWhenLastFinished = -1;
    const outcomes = await service.readTargets(targets, {
      concurrency: 1,
      onProgress: (done, total) => {
        if (done === total) storedWhenLastFinished = batched.devices.countDevices();
      },
    });
    // One device at a time: every full batch before the last device was saved while reading went on.
    expect(storedWhenLastFinished).toBe(Math.floor((FLEET - 1) / BATCH) * BATCH);
    expect(outcomes.map((o) => o.reading.target)).toEqual(targets.map((t) => `${t.host}:${t.port}`));
    expect(outcomes.every((o) => o.reading.ok && o.saved.change === 'new')).toBe(true);

    await whole.service.readTargets(targets);
    expect(listed(batched)).toEqual(listed(whole));
  });

  it('polls stored devices in batches: quiet devices stay unchanged, one that changed is saved', async () => {
    const [first] = simulator.devices;
    if (!first) throw new Error('empty fleet');
    const device = simulator.device(first.name);
    const pages = device.getValue(LIFE_COUNT)?.value;
    if (typeof pages !== 'number') throw new Error(`${first.name} has no prtMarkerLifeCount`);
    device.setCounter(LIFE_COUNT, pages + 40);
    const outcomes = await service.pollStored(V2C, { concurrency: 2 });
    expect(outcomes.map((o) => o.saved.deviceId)).toEqual(batched.devices.listPollTargets().map((t) => t.id));
    const changed = outcomes.filter((o) => o.saved.change !== 'unchanged').map((o) => o.reading.target);
    expect(changed).toEqual([`${first.address}:${first.port}`]);
    const id = outcomes.find((o) => o.saved.change !== 'unchanged')?.saved.deviceId ?? -1;
    expect(batched.devices.getDevice(id)?.counters.find((c) => c.value === pages + 40)).toBeDefined();
  });
});
