import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnmpScanner, type ProbeAnswer, type ScanCredential } from '../../../src-main/core/discovery/snmp-scan/snmp-scanner';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import { parseSnmprec } from '../../../src-main/simulator/snmprec-parser';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { isInSubtree } from '../../../src-shared/snmp/oid';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { openCore, type CoreRig } from './discovery-rig';

/**
 * "Printers only" must not miss printers: any Printer-MIB object, any hrPrinterTable row or an
 * hrDeviceTable row of type hrDevicePrinter is a printer, and an agent whose first device row
 * is something else gets a second look at its next rows. Proved with this project's own
 * trimmed fixtures (test/fixtures/printers-only), with the real recordings in
 * ../shared/fixtures/printers, and with those recordings trimmed here, at test time, to what a
 * monitor reads (never copied into the project). Loopback 127.150/16, port 17161.
 */

const PORT = 17161;
const FAST = { port: PORT, timeoutMs: 400, retries: 1, ratePerSecond: 5000 } as const;
const OWN = resolve(__dirname, '../../fixtures/printers-only');
const SHARED = resolve(__dirname, '../../../../shared/fixtures/printers/snmprec');
const haveShared = existsSync(SHARED);
const NOT_PRINTERS = new Set(['epson-scanner_ds-860', 'workstation']);

function own(name: string, address: string): SimulatedDeviceSpec {
  const file = join(OWN, `${name}.snmprec`);
  return { name, address, varbinds: parseSnmprec(readFileSync(file, 'utf8'), file) };
}

/** Recordings of the shared folder that hold Printer-MIB or HOST-RESOURCES device data (the rest are detection stubs). */
function sharedRecordings(): Array<{ name: string; varbinds: VarBind[] }> {
  if (!haveShared) return [];
  return readdirSync(SHARED)
    .filter((f) => f.endsWith('.snmprec') && !f.includes('@'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.snmprec'.length), varbinds: parseSnmprec(readFileSync(join(SHARED, f), 'utf8'), f) }))
    .filter((r) => r.varbinds.some((vb) => isInSubtree(vb.oid, '1.3.6.1.2.1.43') || isInSubtree(vb.oid, '1.3.6.1.2.1.25.3.2')));
}

/** What a monitor that reads only some tables keeps of a recording: the system group and those subtrees. */
const TRIMS: Record<string, readonly string[]> = {
  supplies: ['1.3.6.1.2.1.43.11'],
  counters: ['1.3.6.1.2.1.43.10.2.1.4'],
  'device-table': ['1.3.6.1.2.1.25.3.2'],
  'device-status': ['1.3.6.1.2.1.25.3.2.1.2', '1.3.6.1.2.1.25.3.2.1.5', '1.3.6.1.2.1.25.3.5.1.2'],
};

function trim(varbinds: readonly VarBind[], keep: readonly string[]): VarBind[] | null {
  const kept = varbinds.filter((vb) => keep.some((root) => isInSubtree(vb.oid, root)));
  if (kept.length === 0) return null; // the recording has none of it: nothing to prove
  return [...varbinds.filter((vb) => isInSubtree(vb.oid, '1.3.6.1.2.1.1')), ...kept];
}

describe('printers only: every kind of printer evidence, found by the probe scanner', () => {
  const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });
  let sim: Simulator;
  const specs: SimulatedDeviceSpec[] = [];

  beforeAll(async () => {
    ['supplies-only', 'life-count-only', 'error-state-only', 'printer-third-device', 'workstation'].forEach((name, i) => specs.push(own(name, `127.150.0.${i + 1}`)));
    sharedRecordings().forEach((r, i) => {
      specs.push({ name: r.name, address: `127.150.1.${i + 1}`, varbinds: r.varbinds });
      Object.entries(TRIMS).forEach(([trimName, keep], t) => {
        const varbinds = trim(r.varbinds, keep);
        if (varbinds) specs.push({ name: `${r.name}~${trimName}`, address: `127.150.${t + 2}.${i + 1}`, varbinds, communities: ['public'] });
      });
    });
    sim = await startSimulator({ devices: specs, port: PORT });
  });
  afterAll(async () => {
    await scanner.close();
    await sim?.close();
  });

  async function verdicts(credential: ScanCredential): Promise<Record<string, boolean | 'silent'>> {
    const summary = await scanner.scan(
      specs.map((s) => s.address as string),
      { ...FAST, credentials: [credential] },
    );
    const byAddress = new Map<string, ProbeAnswer>(summary.answers.map((a) => [a.address, a]));
    return Object.fromEntries(specs.map((s) => [s.name, byAddress.get(s.address as string)?.isPrinter ?? 'silent']));
  }

  function expected(): Record<string, boolean> {
    return Object.fromEntries(specs.map((s) => [s.name, !NOT_PRINTERS.has(s.name.split('~')[0] as string)]));
  }

  it.each(['v2c', 'v1'] as const)('tells printers from the rest in %s, whatever part of the MIBs a device holds', async (version) => {
    const found = await verdicts({ version, community: 'public' });
    expect(found).toEqual(expected());
  });

  it.runIf(haveShared)('holds the real recordings and their trimmed variants (the shared folder is there)', () => {
    const names = specs.map((s) => s.name);
    expect(names.filter((n) => !n.includes('~')).length).toBeGreaterThanOrEqual(15 + 5);
    expect(names.filter((n) => n.includes('~')).length).toBeGreaterThan(30);
  });
});

describe('printers only: a search keeps printers found only by the second look, and skips the workstation', () => {
  let sim: Simulator;
  let rig: CoreRig;

  beforeAll(async () => {
    sim = await startSimulator({ devices: [own('printer-third-device', '127.150.9.1'), own('workstation', '127.150.9.2'), own('supplies-only', '127.150.9.3')], port: PORT + 1 });
    rig = await openCore(':memory:');
  });
  afterAll(async () => {
    await rig?.core.dispose();
    await sim?.close();
  });

  it('reads the printers and lists the workstation as skipped', async () => {
    const { run, results } = await rig.search({ methods: [{ kind: 'addresses', spec: '127.150.9.1-3' }], options: { ...FAST, port: PORT + 1 } });
    expect(run.state).toBe('succeeded');
    const byAddress = Object.fromEntries(results.map((r) => [r.address, r.outcome]));
    expect(byAddress).toEqual({ '127.150.9.1': 'new', '127.150.9.2': 'skipped', '127.150.9.3': 'new' });
  });
});

describe('printers only: a broadcast answer that leaves the agent undecided gets its second look unicast', () => {
  const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });
  let sim: Simulator;

  beforeAll(async () => {
    const devices = [own('printer-third-device', '127.150.10.1'), own('workstation', '127.150.10.2'), own('life-count-only', '127.150.10.3')];
    sim = await startSimulator({ devices, port: PORT + 2, broadcastListener: {} });
  });
  afterAll(async () => {
    await scanner.close();
    await sim?.close();
  });

  it('finds the printer behind a processor row and leaves the workstation a non-printer', async () => {
    const summary = await scanner.broadcast('127.255.255.255', { port: PORT + 2, credentials: [{ version: 'v2c', community: 'public' }], timeoutMs: 200, retries: 0, waitMs: 300 });
    const verdicts = Object.fromEntries(summary.answers.map((a) => [a.address, [a.isPrinter, a.via]]));
    expect(verdicts).toEqual({ '127.150.10.1': [true, 'broadcast'], '127.150.10.2': [false, 'broadcast'], '127.150.10.3': [true, 'broadcast'] });
  });
});

describe('printers only: SNMPv3 agents get the second look through the SnmpClient', () => {
  const user = { name: 'scanner', level: 'authNoPriv' as const, authProtocol: 'sha' as const, authKey: 'auth-pass-1' };
  let sim: Simulator;

  beforeAll(async () => {
    const v3Only = (spec: SimulatedDeviceSpec): SimulatedDeviceSpec => ({ ...spec, communities: [], v3Users: [user] });
    sim = await startSimulator({ devices: [v3Only(own('printer-third-device', '127.150.11.1')), v3Only(own('workstation', '127.150.11.2'))], port: PORT + 3 });
  });
  afterAll(() => sim?.close());

  it('finds the printer behind a processor row and leaves the workstation a non-printer', async () => {
    const snmp = createSnmpClient({ bindAddress: '127.0.0.1' });
    const scanner = createSnmpScanner({ bindAddress: '127.0.0.1', snmp });
    try {
      const credentials: ScanCredential[] = [{ version: 'v3', v3: { user: 'scanner', level: 'authNoPriv', authProtocol: 'sha', authKey: 'auth-pass-1' } }];
      const summary = await scanner.scan(['127.150.11.1', '127.150.11.2'], { ...FAST, port: PORT + 3, credentials });
      expect(Object.fromEntries(summary.answers.map((a) => [a.address, a.isPrinter]))).toEqual({ '127.150.11.1': true, '127.150.11.2': false });
    } finally {
      await scanner.close();
      await snmp.close();
    }
  });
});
