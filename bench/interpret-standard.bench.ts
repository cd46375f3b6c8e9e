/**
 * CPU cost of interpretStandard, the per-device, per-poll interpretation (target: 10,000
 * devices/s on one core). Uses the real recordings in ../shared/fixtures/printers when present.
 * Run: npx tsx bench/interpret-standard.bench.ts   (prints figures, asserts nothing)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { interpretStandard } from '../src-shared/printer/interpret-standard';
import { routineReadPlan } from '../src-shared/printer/read-plan';
import type { MibSnapshot } from '../src-shared/snmp/mib-snapshot';
import { loadSnmprecSnapshot } from '../test/helpers/snmprec-fixture';

const RECORDINGS = ['konica', 'fujifilmprinter_c7580', 'ricoh_mpc3002', 'jetdirect_m252dw', 'sharp_mxm266nv', 'brother_hl5370dw', 'dell-laser_s5830dn', 'utax'];
const DIR = resolve(__dirname, '../../shared/fixtures/printers/snmprec');
const ROUNDS = 20_000;

function measure(label: string, snapshots: MibSnapshot[], beforeEach?: (s: MibSnapshot, round: number) => void): void {
  for (let i = 0; i < 2_000; i++) interpretStandard(snapshots[i % snapshots.length] as MibSnapshot);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) {
    const snapshot = snapshots[i % snapshots.length] as MibSnapshot;
    beforeEach?.(snapshot, i);
    interpretStandard(snapshot);
  }
  const ns = Number(process.hrtime.bigint() - start);
  console.log(`${label}: ${(ns / ROUNDS / 1000).toFixed(1)} µs/device, ${Math.round((ROUNDS / ns) * 1e9).toLocaleString('en-US')} devices/s`);
}

if (!existsSync(DIR)) {
  console.log(`no recordings at ${DIR}: nothing to measure`);
} else {
  const snapshots = RECORDINGS.map((name) => loadSnmprecSnapshot(`${DIR}/${name}.snmprec`));
  measure('interpretStandard, unchanged snapshot', snapshots);
  // What a routine poll does before interpreting: overwrite the dynamic values, replace the alert table.
  const plans = new Map(snapshots.map((s) => [s, routineReadPlan(s).get]));
  measure('interpretStandard after a routine-poll update', snapshots, (snapshot, round) => {
    const oids = plans.get(snapshot) ?? [];
    snapshot.set(oids.map((oid) => ({ oid, value: snapshot.get(oid) ?? { type: 'Integer', value: round % 100 } })));
    snapshot.removeSubtree('1.3.6.1.2.1.43.18.1.1');
  });
}
