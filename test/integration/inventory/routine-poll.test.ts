import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import { pollRound, type PollJob } from '../../../src-main/core/inventory/fleet-poller';
import type { RoundOutcome } from '../../../src-main/core/inventory/inventory.service';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, openStack, projectProfiles, startFleet, targetOf, V2C, type InventoryStack, type Traffic } from './inventory-rig';

/**
 * After one full read, a routine poll asks only for what changes (status, error bits, levels,
 * counters, the alert table) and still notices every change made on the device, which the
 * store then holds.
 */

const BASE = '127.40.0.1';
const FLEET = 24;
/** Devices 0–11 stay untouched (the "nothing moved" checks); 12–23 are changed by the tests. */
const UNTOUCHED = 12;
const ROUTINE_MAX_REQUESTS = 3;
const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1';

interface FleetDevice {
  name: string;
  id: number;
  full: RoundOutcome;
  fullTraffic: Traffic;
}

describe('routine polls after a full read', () => {
  let simulator: Simulator;
  let stack: InventoryStack;
  const fleet: FleetDevice[] = [];
  const spareOkDevices: FleetDevice[] = [];

  beforeAll(async () => {
    const profiles = await projectProfiles();
    simulator = await startFleet(BASE, answeringDemoFleet(FLEET, 40));
    stack = openStack(':memory:', profiles);
    // One device at a time, so each device's cost of a full read is known.
    for (const { name } of simulator.devices) {
      const { value, traffic } = await measure(stack.client, () => stack.service.readTargets([targetOf(simulator, name)]));
      const full = value[0];
      if (!full?.reading.ok) throw new Error(`full read of ${name} failed: ${JSON.stringify(full?.reading.error)}`);
      fleet.push({ name, id: full.saved.deviceId, full, fullTraffic: traffic });
    }
    const healthy = fleet.slice(UNTOUCHED).filter((d) => d.full.reading.status.state === 'ok' && d.full.reading.alerts.length === 0);
    spareOkDevices.push(...healthy);
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  /** A healthy device no other test touches. */
  function claimOkDevice(): FleetDevice {
    const device = spareOkDevices.shift();
    if (!device) throw new Error('the demo fleet has too few healthy devices for these tests: raise FLEET');
    return device;
  }

  /** One routine poll of one stored device through the service, with what it cost. */
  async function pollOne(device: FleetDevice): Promise<{ outcome: RoundOutcome; traffic: Traffic }> {
    const { value, traffic } = await measure(stack.client, () => stack.service.pollStored(V2C, { ids: [device.id] }));
    expect(value, `one outcome for ${device.name}`).toHaveLength(1);
    const outcome = value[0] as RoundOutcome;
    expect(outcome.reading.error, `${device.name} read without error`).toBeNull();
    expect(traffic.requests, `${device.name}: a routine poll, not a full read`).toBeLessThanOrEqual(ROUTINE_MAX_REQUESTS);
    return { outcome, traffic };
  }

  it(`asks each unchanged device at most ${ROUTINE_MAX_REQUESTS} requests, in fewer bytes than its full read, and saves it as unchanged`, async () => {
    const rows = [];
    for (const device of fleet.slice(0, UNTOUCHED)) {
      const { value, traffic } = await measure(stack.client, () => stack.service.pollStored(V2C, { ids: [device.id] }));
      rows.push({
        device: device.name,
        change: value[0]?.saved.change,
        requests: traffic.requests,
        bytes: traffic.bytes,
        fullRequests: device.fullTraffic.requests,
        fullBytes: device.fullTraffic.bytes,
      });
    }
    const wrong = rows.filter((r) => r.change !== 'unchanged' || r.requests > ROUTINE_MAX_REQUESTS || r.bytes >= r.fullBytes);
    expect(wrong, 'devices whose routine poll was not small, or not unchanged').toEqual([]);
  });

  it('answers a whole unchanged round with unchanged results: the previous readings, only the uptime moved', async () => {
    const devices = fleet.slice(0, UNTOUCHED);
    const jobs: PollJob[] = devices.map((d) => ({ target: targetOf(simulator, d.name), label: d.full.reading.target }));
    const full = await pollRound(stack.reader, jobs);
    const routineJobs = jobs.map((job, i): PollJob => {
      const result = full[i];
      if (!result?.snapshot || !result.profile) throw new Error(`full read of ${devices[i]?.name} failed: ${JSON.stringify(result?.reading.error)}`);
      return { ...job, snapshot: result.snapshot, profile: result.profile, previous: result.reading };
    });
    const { value: routine, traffic } = await measure(stack.client, () => pollRound(stack.reader, routineJobs, { concurrency: 4 }));

    expect(traffic.requests).toBeLessThanOrEqual(ROUTINE_MAX_REQUESTS * devices.length);
    const notUnchanged = routine.map((r, i) => ({ device: devices[i]?.name, unchanged: r?.unchanged ?? false })).filter((r) => !r.unchanged);
    expect(notUnchanged, 'devices a routine poll did not report unchanged').toEqual([]);
    const withoutUptime = (r: DeviceReading | undefined) => (r ? { ...r, identity: { ...r.identity, uptimeSeconds: null } } : r);
    expect(routine.map((r) => withoutUptime(r?.reading))).toEqual(full.map((r) => withoutUptime(r?.reading)));
  });

  it('sees a paper jam at the next routine poll, and the device back to ok once it is cleared; the store and its status history follow', async () => {
    const device = claimOkDevice();
    const handle = simulator.device(device.name);

    handle.setErrorState(['jammed']);
    const jammed = (await pollOne(device)).outcome;
    expect(jammed.saved.change).toBe('updated');
    expect(jammed.reading.status).toMatchObject({ state: 'error', conditions: ['jammed'] });
    expect(jammed.reading.status.message).toMatch(/jam/i);
    expect(stack.devices.getDevice(device.id)).toMatchObject({ state: 'error', message: jammed.reading.status.message, conditions: ['jammed'] });

    handle.setErrorState([]);
    const cleared = (await pollOne(device)).outcome;
    expect(cleared.reading.status).toEqual(device.full.reading.status);
    expect(stack.devices.getDevice(device.id)).toMatchObject({ state: 'ok', conditions: [] });

    const history = stack.devices.history(device.id, { since: 0 }).status.map(({ state, conditions }) => ({ state, conditions }));
    expect(history).toEqual([
      { state: 'ok', conditions: [] },
      { state: 'error', conditions: ['jammed'] },
      { state: 'ok', conditions: [] },
    ]);
  });

  it('sees an alert row added on the device: in the reading, in the status it explains, and in the store', async () => {
    const device = claimOkDevice();
    const supply = device.full.reading.supplies[0];
    if (!supply) throw new Error(`${device.name} has no supplies`);
    const supplyIndex = Number(supply.index.split('.').pop());
    const description = `${supply.description} low`;
    simulator.device(device.name).addAlert({ severity: 'warning', group: 11, groupIndex: supplyIndex, location: 0, code: 1104, description });

    const { outcome } = await pollOne(device);
    expect(outcome.saved.change).toBe('updated');
    expect(outcome.reading.alerts).toEqual([expect.objectContaining({ severity: 'warning', group: 'markerSupplies', code: 'markerTonerAlmostEmpty', description })]);
    expect(outcome.reading.status.state).toBe('warning');
    expect(outcome.reading.status.message).toMatch(/toner low/i);
    const stored = stack.devices.getDevice(device.id);
    expect(stored).toMatchObject({ state: 'warning', message: outcome.reading.status.message });
    expect(stored?.alerts).toEqual([expect.objectContaining({ severity: 'warning', code: 'markerTonerAlmostEmpty', description })]);
  });

  it('sees a supply level lowered on the device as a new percentage, stored with a history point', async () => {
    const device = claimOkDevice();
    const supply = device.full.reading.supplies.find((s) => s.quality === 'exact' && s.class === 'consumed' && s.max !== null && s.max > 0 && (s.percent ?? 0) > 20);
    if (!supply || supply.max === null) throw new Error(`${device.name} has no exact consumable above 20 %`);
    const level = Math.floor(supply.max / 10);
    const percent = Math.round((level / supply.max) * 100);
    simulator.device(device.name).setSupplyLevel(supply.index, level);

    const { outcome } = await pollOne(device);
    expect(outcome.saved.change).toBe('updated');
    expect(outcome.reading.supplies.find((s) => s.index === supply.index)).toEqual({ ...supply, level, percent });
    expect(stack.devices.getDevice(device.id)?.supplies.find((s) => s.index === supply.index)).toEqual({ ...supply, level, percent });
    const points = stack.devices.history(device.id, { since: 0 }).supplies.filter((p) => p.index === supply.index);
    expect(points.map((p) => p.percent)).toEqual([supply.percent, percent]);
  });

  it('sees a page counter that moved on the device, in the reading and the store', async () => {
    const device = claimOkDevice();
    const handle = simulator.device(device.name);
    const before = handle.getValue(LIFE_COUNT);
    if (before?.type !== 'Counter32') throw new Error(`${device.name} has no Counter32 prtMarkerLifeCount`);
    const total = device.full.reading.counters.find((c) => c.name === 'total');
    expect(total, 'the total counter is prtMarkerLifeCount').toEqual(expect.objectContaining({ value: before.value }));
    handle.setCounter(LIFE_COUNT, before.value + 1_234);

    const { outcome } = await pollOne(device);
    expect(outcome.saved.change).toBe('updated');
    const expected = device.full.reading.counters.map((c) => (c.name === 'total' ? { ...c, value: before.value + 1_234 } : c));
    expect(outcome.reading.counters).toEqual(expected);
    expect(stack.devices.getDevice(device.id)?.counters).toEqual(expected);
    expect(stack.devices.getDevice(device.id)?.totalPages).toBe(before.value + 1_234);
  });
});
