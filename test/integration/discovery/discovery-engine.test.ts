import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedDeviceSpec, Simulator } from '../../../src-main/simulator/simulator';
import { startSimulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { openCore, outcomes, type CoreRig } from './discovery-rig';
import { internalContext } from '../../../src-shared/auth/call-context';

/** The discovery engine through the core, as the CLI and the console drive it, against simulated printers on 127.110.0.0/16. */

const PORT = 16110;
const FAST = { port: PORT, timeoutMs: 300, retries: 1, ratePerSecond: 5000 };
const FAST_OPTIONS = { ...FAST, credentials: [{ version: 'v2c' as const, community: 'public' }], concurrency: 8, printersOnly: true, exclusions: '' };

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** A managed switch: answers SNMP, has no Printer MIB. */
const SWITCH: SimulatedDeviceSpec = {
  name: 'switch',
  varbinds: [
    { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'OctetString', value: text('Example switch') } },
    { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.9.1.1' } },
    { oid: '1.3.6.1.2.1.1.3.0', value: { type: 'TimeTicks', value: 1000 } },
    { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: text('core-switch') } },
  ],};

function fleet(count: number, seed: number): SimulatedDeviceSpec[] {
  return answeringDemoFleet(count, seed);
}

describe('discovery engine: SNMP to addresses', () => {
  let dir: string;
  let rig: CoreRig;
  let simulator: Simulator | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-discovery-'));
    rig = await openCore(join(dir, 'printdeck.db'));
  });
  afterEach(async () => {
    await simulator?.close();
    simulator = null;
  });
  afterAll(async () => {
    await rig?.core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every printer in a range, skips the non-printer and stores the run', async () => {
    const printers = fleet(6, 110);
    simulator = await startSimulator({ port: PORT, baseAddress: '127.110.1.1', devices: [...printers, { ...SWITCH, address: '127.110.1.50' }] });
    const { run, results } = await rig.search({ methods: [{ kind: 'addresses', spec: '127.110.1.1-127.110.1.60' }], options: FAST });
    expect(run.state).toBe('succeeded');
    expect(run.counts).toMatchObject({ probed: 60, total: 60, answered: 7, new: 6, skipped: 1, failed: 0, lost: 0 });
    expect(outcomes(results.filter((r) => r.outcome === 'new'))).toEqual(simulator.devices.slice(0, 6).map((d) => `${d.address} new`).sort());
    expect(results.find((r) => r.outcome === 'skipped')).toMatchObject({ address: '127.110.1.50', label: 'core-switch', methods: ['addresses'] });
    const listed = await rig.core.api.devices.list({}, internalContext('cli'));
    expect(listed.devices).toHaveLength(6);
    expect(run.request).toMatchObject({ options: { credentials: [{ version: 'v2c', community: '••••' }] } });
  });

  it('a second search finds the same devices unchanged, a moved one keeps its row, a vanished one is lost', async () => {
    const printers = fleet(6, 110);
    // Same printers, but the fourth moved from .4 to .40 and the sixth is switched off.
    const moved = printers.map((spec, i) => (i === 3 ? { ...spec, address: '127.110.1.40' } : spec)).slice(0, 5);
    simulator = await startSimulator({ port: PORT, baseAddress: '127.110.1.1', devices: moved });
    const before = (await rig.core.api.devices.list({}, internalContext('cli'))).devices;
    const { run, results } = await rig.search({ methods: [{ kind: 'addresses', spec: '127.110.1.1-127.110.1.60' }], options: FAST });
    expect(run.counts).toMatchObject({ new: 0, lost: 1 });
    const movedResult = results.find((r) => r.address === '127.110.1.40');
    expect(movedResult).toMatchObject({ outcome: 'updated', previousAddress: '127.110.1.4:16110' });
    const after = (await rig.core.api.devices.list({}, internalContext('cli'))).devices;
    expect(after).toHaveLength(before.length);
    expect(after.find((d) => d.id === movedResult?.deviceId)?.address).toBe('127.110.1.40');
    expect(results.find((r) => r.outcome === 'lost')?.address).toBe('127.110.1.6');
  });

  it('finds every device behind 5 % packet loss', async () => {
    const lossy = fleet(40, 111).map((spec) => ({ ...spec, faults: { dropPercent: 5 } }));
    simulator = await startSimulator({ port: PORT, baseAddress: '127.110.2.1', devices: lossy, seed: 3 });
    const { run } = await rig.search({ methods: [{ kind: 'addresses', spec: '127.110.2.0/26' }], options: { ...FAST, retries: 3 } });
    expect(run.counts.new + run.counts.updated + run.counts.unchanged).toBe(40);
    expect(run.counts.failed).toBe(0);
    expect(simulator.stats().dropped).toBeGreaterThan(0);
  });

  it('ignores a malformed reply without stopping the search, and tries credential sets in order', async () => {
    const [good, bad, privateOne] = fleet(3, 112);
    simulator = await startSimulator({
      port: PORT,
      baseAddress: '127.110.3.1',
      devices: [good as SimulatedDeviceSpec, { ...(bad as SimulatedDeviceSpec), faults: { malformed: true } }, { ...(privateOne as SimulatedDeviceSpec), communities: ['s3cret'] }],
    });
    const { run, results } = await rig.search({
      methods: [{ kind: 'addresses', spec: '127.110.3.1-3' }],
      options: { ...FAST, credentials: [{ version: 'v2c', community: 'public' }, { version: 'v2c', community: 's3cret' }] },
    });
    expect(run.state).toBe('succeeded');
    expect(outcomes(results)).toEqual(['127.110.3.1 new', '127.110.3.3 new']);
    expect(rig.log.some((line) => line.includes('127.110.3.2'))).toBe(true);
    // The device found with the second community is polled with it from now on.
    const id = results.find((r) => r.address === '127.110.3.3')?.deviceId ?? -1;
    const refreshed = await rig.core.api.devices.refresh({ ids: [id] }, internalContext('cli'));
    expect(refreshed.results[0]).toMatchObject({ ok: true });
    // The community is a secret: stored sealed, never in clear.
    const raw = new BetterSqlite3(join(dir, 'printdeck.db'), { readonly: true });
    try {
      const stored = raw.prepare<[number], { c: string | null }>('SELECT snmp_credential AS c FROM devices WHERE id = ?').get(id)?.c ?? '';
      expect(stored).not.toBe('');
      expect(stored).not.toContain('s3cret');
    } finally {
      raw.close();
    }
  });

  it('keeps every SNMP device when not limited to printers, and never probes an excluded address', async () => {
    const [printer] = fleet(1, 113);
    simulator = await startSimulator({
      port: PORT,
      baseAddress: '127.110.4.1',
      devices: [{ ...(printer as SimulatedDeviceSpec), address: '127.110.4.1' }, { ...SWITCH, address: '127.110.4.2' }],
    });
    const excluded = await startSimulator({ port: PORT, baseAddress: '127.110.4.3', devices: [{ ...SWITCH, address: '127.110.4.3' }] });
    const { run, results } = await rig.search({
      methods: [{ kind: 'addresses', spec: '127.110.4.1-127.110.4.3' }],
      options: { ...FAST, printersOnly: false, exclusions: '127.110.4.3' },
    });
    expect(run.counts).toMatchObject({ total: 2, probed: 2, new: 2, skipped: 0 });
    expect(outcomes(results)).toEqual(['127.110.4.1 new', '127.110.4.2 new']);
    // The excluded switch never saw a packet.
    expect(excluded.stats().requests).toBe(0);
    await excluded.close();
  });

  it('reaches an SNMPv3-only printer with the v3 credential set, reads it in full with it, and keeps the keys sealed', async () => {
    const [printer] = fleet(1, 114);
    const user = { name: 'ops', level: 'authPriv' as const, authProtocol: 'sha256' as const, authKey: 'auth-pass-1', privProtocol: 'aes' as const, privKey: 'priv-pass-1' };
    simulator = await startSimulator({ port: PORT, baseAddress: '127.110.5.1', devices: [{ ...(printer as SimulatedDeviceSpec), communities: [], v3Users: [user] }] });
    const { run, results } = await rig.search({
      methods: [{ kind: 'addresses', spec: '127.110.5.1' }],
      options: {
        ...FAST,
        credentials: [
          { version: 'v2c', community: 'public' },
          { version: 'v3', user: 'ops', level: 'authPriv', authProtocol: 'sha256', authKey: 'auth-pass-1', privProtocol: 'aes', privKey: 'priv-pass-1' },
        ],
      },
    });
    expect(run.counts).toMatchObject({ answered: 1, new: 1, failed: 0 });
    const id = results[0]?.deviceId ?? -1;
    const detail = await rig.core.api.devices.get({ id }, internalContext('cli'));
    expect(detail.supplies.length).toBeGreaterThan(0);
    const raw = new BetterSqlite3(join(dir, 'printdeck.db'), { readonly: true });
    try {
      const stored = raw.prepare<[number], { c: string | null }>('SELECT snmp_credential AS c FROM devices WHERE id = ?').get(id)?.c ?? '';
      expect(stored).not.toContain('auth-pass-1');
      expect(stored).not.toContain('priv-pass-1');
    } finally {
      raw.close();
    }
  });

  it('cancel stops the probes at once and keeps the run as cancelled', async () => {
    const run = rig.core.discovery.begin({
      methods: [{ kind: 'addresses', spec: '127.110.128.0/17' }],
      options: { ...FAST_OPTIONS, ratePerSecond: 2000 },
    });
    expect(() => rig.core.discovery.begin({ methods: [{ kind: 'addresses', spec: '127.110.0.1' }], options: FAST_OPTIONS })).toThrow(/already running/);
    await new Promise((r) => setTimeout(r, 300));
    rig.core.discovery.cancel({ runId: run.id }, internalContext('cli'));
    await run.done;
    const stored = await rig.core.discovery.getRun({ runId: run.id }, internalContext('cli'));
    expect(stored.run.state).toBe('cancelled');
    expect(stored.run.counts.probed).toBeLessThan(2000);
    expect(stored.run.counts.total).toBe(32766); // a /17 without its network and broadcast addresses
  });
});
