import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import { PRT_MARKER_SUPPLIES_TABLE as S } from '../../../src-shared/mib/printer-mib.oids';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { packSnapshot, unpackSnapshot } from '../../../src-main/core/inventory/snapshot-storage';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient, SnmpTarget, SnmpV3Credentials } from '../../../src-main/core/snmp/snmp-client';
import { loadSnmprecDir, type SimulatedDeviceSpec, type SimV3User, type Simulator } from '../../../src-main/simulator/simulator';
import { projectProfiles, startFleet } from './inventory-rig';

/**
 * Some HP JetDirect cards answer the Printer-MIB supplies table only in SNMP context
 * "Jetdirect" (LibreNMS reads it there for every JetDirect). The HP profile says so as data
 * (`supplyContexts`); the reader tries the context when the default one has no supplies, and
 * routine polls read the levels there. The simulator serves test/fixtures/snmprec: the
 * recording `hp-jetdirect-context` and its `@Jetdirect` context file. Loopback only.
 */

const FIXTURES = resolve(__dirname, '../../fixtures/snmprec');
const NAME = 'hp-jetdirect-context';
const USER: SimV3User = { name: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-123' };
const CREDENTIALS: SnmpV3Credentials = { user: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-123' };
const CYAN_LEVEL = `${S.prtMarkerSuppliesLevel}.1.2`;

let simulator: Simulator;
let client: SnmpClient;
let reader: DeviceReader;

function target(name: string, version: SnmpTarget['version']): SnmpTarget {
  const device = simulator.devices.find((d) => d.name === name);
  if (!device) throw new RangeError(name);
  const base = { host: device.address, port: device.port, timeoutMs: 1_000, retries: 1 };
  return version === 'v3' ? { ...base, version, v3: CREDENTIALS } : { ...base, version, community: 'public' };
}

const supplyLine = (r: DeviceReading): string[] => r.supplies.map((s) => `${s.color ?? '?'} ${s.description} ${s.percent ?? '-'}% ${s.quality}`);

beforeAll(async () => {
  const [recorded] = (await loadSnmprecDir(FIXTURES)).filter((spec) => spec.name === NAME);
  if (!recorded?.contexts?.Jetdirect) throw new Error(`${FIXTURES} has no ${NAME} with a Jetdirect context`);
  const jetdirect = recorded.contexts.Jetdirect;
  const { contexts: _contexts, ...withoutContexts } = recorded;
  const withLevel = (varbinds: VarBind[], level: number): VarBind[] => varbinds.map((vb) => (vb.oid === CYAN_LEVEL ? { oid: vb.oid, value: { type: 'Integer', value: level } } : vb));
  const specs: SimulatedDeviceSpec[] = [
    { ...recorded, v3Users: [USER] },
    // The same printer with another cyan level: polled with the first one's learned layout.
    { ...recorded, name: 'twin', contexts: { Jetdirect: withLevel(jetdirect, 3) }, v3Users: [USER] },
    // Its supplies in the default context as well: the context is never asked.
    { ...recorded, name: 'both', varbinds: [...recorded.varbinds, ...withLevel(jetdirect, 55)], contexts: { Jetdirect: withLevel(jetdirect, 1) } },
    // An HP whose card has no such context: public@Jetdirect goes unanswered.
    { ...withoutContexts, name: 'no-context' },
    // Not an HP: the generic profile names no context.
    { ...recorded, name: 'not-hp', varbinds: recorded.varbinds.map((vb): VarBind => (vb.oid === '1.3.6.1.2.1.1.2.0' ? { oid: vb.oid, value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.99999.1' } } : vb)).filter((vb) => vb.oid !== '1.3.6.1.2.1.1.1.0') },
  ];
  simulator = await startFleet('127.48.0.1', specs);
  client = createSnmpClient();
  reader = new DeviceReader({ snmp: client, profiles: await projectProfiles() });
});

afterAll(async () => {
  await client?.close();
  await simulator?.close();
});

const EXPECTED_SUPPLIES = [
  'black Black Cartridge HP 305A 62% exact',
  'cyan Cyan Cartridge HP 305A 8% exact',
  'magenta Magenta Cartridge HP 305A 47% exact',
  'yellow Yellow Cartridge HP 305A 90% exact',
];

describe('HP supplies in SNMP context "Jetdirect"', () => {
  it('the default context has no supplies: that is what the recording serves', async () => {
    await expect(client.walk(target(NAME, 'v2c'), S.prtMarkerSuppliesLevel)).resolves.toEqual([]);
    await expect(client.walk({ ...target(NAME, 'v2c'), community: 'public@Jetdirect' }, S.prtMarkerSuppliesLevel)).resolves.toHaveLength(4);
  });

  it.each(['v1', 'v2c', 'v3'] as const)('%s: reads the supplies in the Jetdirect context, with their colours, and everything else as usual', async (version) => {
    const { reading } = await reader.fullRead(target(NAME, version), 'printer');
    expect(reading.error).toBeNull();
    expect(reading.identity).toMatchObject({ vendor: 'HP', serial: 'CNBTEST001', sysName: 'NPI0C0FFE' });
    expect(supplyLine(reading)).toEqual(EXPECTED_SUPPLIES);
    expect(reading.status.state).toBe('ok');
    expect(reading.trays.map((t) => t.name)).toEqual(['Tray 2']);
    expect(reading.counters.find((c) => c.name === 'total')?.value).toBe(20417);
  });

  it('routine polls read the levels in the context too, also after the layout was stored and loaded again', async () => {
    const full = await reader.fullRead(target(NAME, 'v2c'), 'printer');
    if (!full.snapshot || !full.profile) throw new Error(`full read failed: ${full.reading.error?.message ?? ''}`);
    const poll = await reader.routinePoll(target(NAME, 'v2c'), full.snapshot, full.profile, 'printer', full.reading);
    expect(poll.reading.error).toBeNull();
    expect(poll.unchanged, 'levels read where they are: nothing changed').toBe(true);
    const restored = unpackSnapshot(packSnapshot(full.snapshot));
    restored.compact();
    const twin = await reader.routinePoll(target('twin', 'v2c'), restored, full.profile, 'printer');
    expect(twin.snapshot, 'a routine poll, not a new full read').toBe(restored);
    expect(supplyLine(twin.reading)[1]).toBe('cyan Cyan Cartridge HP 305A 3% exact');
  });

  it('does not ask the context when the default context has supplies, nor for a profile that names none', async () => {
    const both = await reader.fullRead(target('both', 'v2c'), 'printer');
    expect(supplyLine(both.reading)[1]).toBe('cyan Cyan Cartridge HP 305A 55% exact');
    const notHp = await reader.fullRead(target('not-hp', 'v2c'), 'printer');
    expect(notHp.reading.error).toBeNull();
    expect(notHp.reading.identity.vendor).toBeNull();
    expect(notHp.reading.supplies).toEqual([]);
  });

  it('an HP without the context (silent for public@Jetdirect) is read without supplies, after one unanswered attempt', async () => {
    const started = performance.now();
    const { reading } = await reader.fullRead(target('no-context', 'v2c'), 'printer');
    expect(reading.error).toBeNull();
    expect(reading.identity.vendor).toBe('HP');
    expect(reading.supplies).toEqual([]);
    expect(reading.trays.map((t) => t.name)).toEqual(['Tray 2']);
    expect(performance.now() - started, 'one timeout (1 s) of the context attempt, no retries').toBeLessThan(1_900);
  });
});
