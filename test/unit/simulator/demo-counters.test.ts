import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFE_COUNT } from '../../../src-main/simulator/demo-counters';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { seededRandom } from '../../../src-main/simulator/fault-injector';
import { simulatePrinting } from '../../../src-main/simulator/fleet-activity';
import { startSimulator } from '../../../src-main/simulator/simulator';
import type { Simulator } from '../../../src-main/simulator/simulator-types';
import { asNumber, type SnmpValue, type VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * Issue 14: the demo gave a Canon a random total beside the recording's black-and-white and
 * colour counters, so its detail showed a total that was not their sum. The counters of a demo
 * device add up when it is made and after it prints.
 */

const CANON = (id: number): string => `1.3.6.1.4.1.1602.1.11.1.3.1.4.${id}`;

interface CanonCounters {
  life: number;
  total: number;
  mono: number;
  monoLarge: number;
  monoSmall: number;
  colour: number;
  copy: number;
  print: number;
}

function canonCounters(get: (oid: string) => SnmpValue | undefined): CanonCounters {
  const n = (oid: string): number => {
    const value = asNumber(get(oid));
    if (value === null) throw new Error(`no counter at ${oid}`);
    return value;
  };
  return { life: n(LIFE_COUNT), total: n(CANON(101)), mono: n(CANON(108)), monoLarge: n(CANON(112)), monoSmall: n(CANON(113)), colour: n(CANON(122)) + n(CANON(123)), copy: n(CANON(201)), print: n(CANON(301)) };
}

function expectConsistent(c: CanonCounters, where: string): void {
  expect(c.total, `${where}: total = black-and-white + colour`).toBe(c.mono + c.colour);
  expect(c.mono, `${where}: black-and-white = large + small`).toBe(c.monoLarge + c.monoSmall);
  expect(c.copy + c.print, `${where}: copy + print = total`).toBe(c.total);
  expect(c.life, `${where}: prtMarkerLifeCount = total`).toBe(c.total);
}

const fleet = buildDemoFleet(120, 1);
const canons = fleet.filter((d) => d.name.startsWith('canon-'));
const valueOf = (varbinds: VarBind[], oid: string): SnmpValue | undefined => varbinds.find((vb) => vb.oid === oid)?.value;

describe('demo counters', () => {
  it('gives each Canon counters that add up, and different ones from the next Canon', () => {
    expect(canons.length).toBeGreaterThan(5);
    const totals = canons.map((d) => {
      const counters = canonCounters((oid) => valueOf(d.varbinds, oid));
      expectConsistent(counters, d.name);
      return counters.total;
    });
    expect(new Set(totals).size).toBe(totals.length);
  });

  describe('while the demo prints', () => {
    let simulator: Simulator;
    beforeAll(async () => {
      simulator = await startSimulator({ devices: canons.slice(0, 6), baseAddress: '127.203.0.1', port: 0 });
    });
    afterAll(async () => {
      await simulator.close();
    });

    it('adds the pages to the total, one of black-and-white or colour, and print', () => {
      const before = simulator.devices.map((d) => canonCounters((oid) => simulator.device(d.name).getValue(oid)));
      const random = seededRandom(7);
      let printed = 0;
      for (let round = 0; round < 20; round++) printed += simulatePrinting(simulator, 1, random);
      expect(printed).toBe(20 * simulator.devices.length);
      simulator.devices.forEach((d, i) => {
        const after = canonCounters((oid) => simulator.device(d.name).getValue(oid));
        expectConsistent(after, `${d.name} after printing`);
        const was = before[i];
        if (!was) throw new Error('no counters before');
        expect(after.total).toBeGreaterThanOrEqual(was.total + 20);
        expect(after.print - was.print).toBe(after.total - was.total);
        expect(after.copy).toBe(was.copy);
      });
    });
  });
});
