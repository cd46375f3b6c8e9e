import { asNumber } from '../../src-shared/snmp/snmp-value';
import type { Simulator } from './simulator-types';

const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1';
const SUPPLY_LEVEL = '1.3.6.1.2.1.43.11.1.1.9';

/**
 * Makes part of a simulated fleet print: a `fraction` of the devices (chosen with `random`)
 * count 1–50 more pages, and about one in five of those loses a point of its first supply.
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
    device.setCounter(LIFE_COUNT, pages + 1 + Math.floor(random() * 50));
    if (random() < 0.2) {
      const level = asNumber(device.getValue(`${SUPPLY_LEVEL}.1.1`));
      if (level !== null && level > 0) device.setSupplyLevel('1.1', level - 1);
    }
    printed++;
  }
  return printed;
}
