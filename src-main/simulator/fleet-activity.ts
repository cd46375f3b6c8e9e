import { asNumber } from '../../src-shared/snmp/snmp-value';
import { counterModelOf, LIFE_COUNT, printedCounters } from './demo-counters';
import type { Simulator } from './simulator-types';

const SUPPLY_LEVEL = '1.3.6.1.2.1.43.11.1.1.9';

/**
 * Makes part of a simulated fleet print: a `fraction` of the devices (chosen with `random`)
 * count 1–50 more pages (on every counter that adds them up: demo-counters.ts), and about one in five of those loses a point of its first supply.
 * Used by benchmarks (routine polls that find real changes) and the demo (a living fleet).
 * Returns how many devices printed.
 */
export function simulatePrinting(simulator: Simulator, fraction: number, random: () => number): number {
  let printed = 0;
  for (const info of simulator.devices) {
    if (random() >= fraction) continue;
    const device = simulator.device(info.name);
    const pages = asNumber(device.getValue(LIFE_COUNT));
    if (pages === null) continue;
    // One draw as before: the pages, and from its fraction which of a Canon's counters they go to.
    const draw = random() * 50;
    const model = counterModelOf((oid) => device.getValue(oid) !== undefined);
    const counters = printedCounters(model, (oid) => asNumber(device.getValue(oid)) ?? 0, 1 + Math.floor(draw), draw % 1);
    for (const [oid, value] of counters) device.setCounter(oid, value);
    if (random() < 0.2) {
      const level = asNumber(device.getValue(`${SUPPLY_LEVEL}.1.1`));
      if (level !== null && level > 0) device.setSupplyLevel('1.1', level - 1);
    }
    printed++;
  }
  return printed;
}
