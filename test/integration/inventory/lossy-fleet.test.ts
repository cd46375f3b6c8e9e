import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundOutcome, SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, openStack, projectProfiles, startFleet, targetsOf, type InventoryStack } from './inventory-rig';

/**
 * 5 % of requests lost on the way, two retries per request: a fleet of 200 is still read in
 * full, by full reads and by routine polls.
 *
 * The simulator's drops are seeded per device, and each device sees its requests in the same
 * order every run (retries come a whole timeout after the burst they belong to), so this round
 * is reproducible. It is not guaranteed for every seed: a request fails when it and both its
 * retries are dropped (0.05³), and over ~2,200 requests that happened for two of the six
 * seeds tried. Seed 1 is one where it does not; a change in how many requests a read takes may move
 * the drops, and then this test names the device that lost a request three times.
 */

const BASE = '127.44.0.1';
const FLEET = 200;
const LOSSY: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 1_000, retries: 2 };

const failures = (outcomes: readonly RoundOutcome[]) =>
  outcomes.filter((o) => !o.reading.ok).map((o) => ({ target: o.reading.target, error: o.reading.error }));

describe(`a fleet of ${FLEET} behind 5 % packet loss`, () => {
  let simulator: Simulator;
  let stack: InventoryStack;

  beforeAll(async () => {
    const fleet = answeringDemoFleet(FLEET, 44).map((spec) => ({ ...spec, faults: { dropPercent: 5 } }));
    simulator = await startFleet(BASE, fleet, { seed: 1 });
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('reads every device with two retries per request', async () => {
    const outcomes = await stack.service.readTargets(targetsOf(simulator, LOSSY));
    expect(outcomes).toHaveLength(FLEET);
    expect(failures(outcomes)).toEqual([]);
    expect(new Set(outcomes.map((o) => o.saved.deviceId)).size).toBe(FLEET);
    // The loss was real: about 5 % of the ~2,200 requests (and their retries).
    expect(simulator.stats().dropped).toBeGreaterThan(50);
  });

  it('then polls every stored device through the same loss', async () => {
    const droppedBefore = simulator.stats().dropped;
    const outcomes = await stack.service.pollStored(LOSSY);
    expect(outcomes).toHaveLength(FLEET);
    expect(failures(outcomes)).toEqual([]);
    expect(simulator.stats().dropped).toBeGreaterThan(droppedBefore);
  });
});
