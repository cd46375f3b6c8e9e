import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInSubtree } from '../../../src-shared/snmp/oid';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpAuthProtocol, SnmpClient, SnmpPrivProtocol, SnmpTarget, SnmpV3Credentials } from '../../../src-main/core/snmp/snmp-client';
import { startSimulator, type SimV3User, type Simulator } from '../../../src-main/simulator/simulator';
import { readSnmprecFile } from '../../../src-main/simulator/snmprec-parser';

/**
 * The client against the simulator serving a real printer's recording (HP Color LaserJet
 * M452nw, LibreNMS test data): what it reads must be exactly what the recording holds.
 */

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/printers');
const RECORDING = join(FIXTURES, 'snmprec', 'jetdirect.snmprec');

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
const SYS_CONTACT = '1.3.6.1.2.1.1.4.0';
const PRT_MARKER_SUPPLIES = '1.3.6.1.2.1.43.11';
const SUPPLY_DESCRIPTION = '1.3.6.1.2.1.43.11.1.1.6';
const SUPPLY_MAX = '1.3.6.1.2.1.43.11.1.1.8';
const SUPPLY_LEVEL = '1.3.6.1.2.1.43.11.1.1.9';
const MIB_2 = '1.3.6.1.2.1';

/** Every supported auth × priv pair that this Node build can run (DES needs OpenSSL's legacy provider). */
const V3_COMBINATIONS: Array<[SnmpAuthProtocol, SnmpPrivProtocol]> = [
  ['md5', 'aes'],
  ['sha', 'aes'],
  ['sha224', 'aes256b'],
  ['sha256', 'aes256r'],
  ['sha384', 'aes'],
  ['sha512', 'aes256b'],
];
const AUTH_KEY = 'maplesyrup-auth';
const PRIV_KEY = 'maplesyrup-priv';
const userName = (auth: string, priv: string) => `u-${auth}-${priv}`;

const text = (vb: VarBind | undefined): string => Buffer.from((vb?.value.value ?? new Uint8Array()) as Uint8Array).toString('latin1');
const plain = (vbs: VarBind[]) => vbs.map((vb) => ({ oid: vb.oid, type: vb.value.type, value: vb.value.value instanceof Uint8Array ? Buffer.from(vb.value.value).toString('hex') : vb.value.value }));

describe.skipIf(!existsSync(RECORDING))('net-snmp client against the simulator (real recording)', () => {
  let recording: VarBind[];
  let simulator: Simulator;
  let client: SnmpClient;
  let hp: SnmpTarget;
  let lab: SnmpTarget;

  beforeAll(async () => {
    recording = await readSnmprecFile(RECORDING);
    const v3Users: SimV3User[] = [
      ...V3_COMBINATIONS.map(([auth, priv]): SimV3User => ({ name: userName(auth, priv), level: 'authPriv', authProtocol: auth, authKey: AUTH_KEY, privProtocol: priv, privKey: PRIV_KEY })),
      { name: 'reader', level: 'authNoPriv', authProtocol: 'sha', authKey: AUTH_KEY },
      { name: 'u-sha-des', level: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'des', privKey: PRIV_KEY },
      { name: 'guest', level: 'noAuthNoPriv' },
    ];
    simulator = await startSimulator({
      baseAddress: '127.31.0.1',
      port: 0,
      devices: [
        { name: 'jetdirect', varbinds: recording, v3Users, writable: [{ oid: SYS_CONTACT, type: 'OctetString' }] },
        {
          name: 'lab',
          varbinds: [{ oid: SYS_DESCR, value: { type: 'OctetString', value: Buffer.from('default context') } }],
          contexts: { floor2: [{ oid: SYS_DESCR, value: { type: 'OctetString', value: Buffer.from('context floor2') } }] },
          v3Users,
        },
      ],
    });
    const at = (name: string) => simulator.devices.find((d) => d.name === name);
    hp = { host: at('jetdirect')?.address ?? '', port: at('jetdirect')?.port, version: 'v2c', timeoutMs: 500, retries: 1 };
    lab = { host: at('lab')?.address ?? '', port: at('lab')?.port, version: 'v2c', timeoutMs: 500, retries: 1 };
    client = createSnmpClient();
  });

  afterAll(async () => {
    await client?.close();
    await simulator?.close();
  });

  const recorded = (oid: string) => recording.find((vb) => vb.oid === oid);
  const recordedUnder = (root: string) => recording.filter((vb) => isInSubtree(vb.oid, root));

  it('v2c GET returns the recorded values, with noSuchObject for what the device lacks', async () => {
    const [descr, objectId, missing] = await client.get(hp, [SYS_DESCR, SYS_OBJECT_ID, '1.3.6.1.2.1.1.99.0']);
    expect(text(descr)).toBe(text(recorded(SYS_DESCR)));
    expect(objectId?.value).toEqual({ type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11.2.3.9.1' });
    expect(missing?.value.type).toBe('NoSuchObject');
  });

  it('v2c walk of the supplies table returns exactly the recorded rows and stops at its end', async () => {
    const rows = await client.walk(hp, PRT_MARKER_SUPPLIES, { maxRepetitions: 5 });
    expect(plain(rows)).toEqual(plain(recordedUnder(PRT_MARKER_SUPPLIES)));
  });

  it('reads the supplies LibreNMS found in the same recording', async () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', 'jetdirect.json'), 'utf8')) as {
      'printer-supplies': { discovery: { printer_supplies: Array<{ supply_oid: string; supply_descr: string; supply_type: string }> } };
    };
    const markers = expected['printer-supplies'].discovery.printer_supplies.filter((s) => s.supply_type === 'markerSupply');
    const rows = await client.walkColumns(hp, [SUPPLY_DESCRIPTION, SUPPLY_LEVEL]);
    for (const supply of markers) {
      const levelOid = supply.supply_oid.replace(/^\./, '');
      expect(rows.some((vb) => vb.oid === levelOid)).toBe(true);
      const index = levelOid.slice(SUPPLY_LEVEL.length + 1);
      expect(text(rows.find((vb) => vb.oid === `${SUPPLY_DESCRIPTION}.${index}`))).toBe(supply.supply_descr);
    }
  });

  it('walkColumns returns the same rows as walking each column, in fewer requests', async () => {
    const before = client.stats().requests;
    const together = await client.walkColumns(hp, [SUPPLY_DESCRIPTION, SUPPLY_MAX, SUPPLY_LEVEL], { maxRepetitions: 10 });
    const used = client.stats().requests - before;
    const separately = [
      ...(await client.walk(hp, SUPPLY_DESCRIPTION, { maxRepetitions: 10 })),
      ...(await client.walk(hp, SUPPLY_MAX, { maxRepetitions: 10 })),
      ...(await client.walk(hp, SUPPLY_LEVEL, { maxRepetitions: 10 })),
    ];
    expect(plain(together)).toEqual(plain(separately));
    expect(used).toBe(1);
  });

  it('reads Counter64 values as bigint', async () => {
    const counter = recording.find((vb) => vb.value.type === 'Counter64' && typeof vb.value.value === 'bigint' && vb.value.value > 0n);
    expect(counter).toBeDefined();
    const [vb] = await client.get(hp, [counter?.oid ?? '']);
    expect(vb?.value).toEqual(counter?.value);
  });

  it('v1 walk (GetNext) returns the same as v2c, without the Counter64 objects v1 cannot carry', async () => {
    const v1 = await client.walk({ ...hp, version: 'v1' }, MIB_2);
    const v2c = await client.walk(hp, MIB_2, { maxRepetitions: 25 });
    // sysUpTime ticks between the two walks: compare everything else.
    const stable = (vbs: VarBind[]) => plain(vbs.filter((vb) => vb.oid !== '1.3.6.1.2.1.1.3.0'));
    expect(v1.length).toBeGreaterThan(300);
    expect(stable(v1)).toEqual(stable(v2c.filter((vb) => vb.value.type !== 'Counter64')));
    expect(v2c.length - v1.length).toBe(recordedUnder(MIB_2).filter((vb) => vb.value.type === 'Counter64').length);
  });

  it('getBulk orders non-repeaters first, then the repetitions row by row', async () => {
    const result = await client.getBulk(hp, ['1.3.6.1.2.1.1.1', SUPPLY_DESCRIPTION, SUPPLY_LEVEL], 1, 2);
    expect(result.map((vb) => vb.oid)).toEqual([SYS_DESCR, `${SUPPLY_DESCRIPTION}.1.1`, `${SUPPLY_LEVEL}.1.1`, `${SUPPLY_DESCRIPTION}.1.2`, `${SUPPLY_LEVEL}.1.2`]);
  });

  it('SET changes a value that a later GET sees', async () => {
    const contact = { oid: SYS_CONTACT, value: { type: 'OctetString' as const, value: Buffer.from('printer-admin@example.org') } };
    const [echo] = await client.set({ ...hp, community: 'private' }, [contact]);
    expect(text(echo)).toBe('printer-admin@example.org');
    expect(text((await client.get(hp, [SYS_CONTACT]))[0])).toBe('printer-admin@example.org');
  });

  it('a wrong community is a timeout whose message says to check the community', async () => {
    await expect(client.get({ ...hp, community: 'not-the-community', timeoutMs: 100, retries: 0 }, [SYS_DESCR])).rejects.toMatchObject({
      code: 'snmp-timeout',
      message: expect.stringContaining('check address, port and community'),
    });
  });

  const v3 = (credentials: SnmpV3Credentials): SnmpTarget => ({ ...hp, version: 'v3', v3: credentials });

  it.each(V3_COMBINATIONS)('v3 authPriv with %s/%s reads the device', async (auth, priv) => {
    const rows = await client.walk(v3({ user: userName(auth, priv), level: 'authPriv', authProtocol: auth, authKey: AUTH_KEY, privProtocol: priv, privKey: PRIV_KEY }), PRT_MARKER_SUPPLIES);
    expect(plain(rows)).toEqual(plain(recordedUnder(PRT_MARKER_SUPPLIES)));
  });

  it('v3 with DES privacy reads the device (DES computed as 3DES-EDE with equal keys: OpenSSL 3 has no single DES)', async () => {
    const target = v3({ user: 'u-sha-des', level: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'des', privKey: PRIV_KEY });
    expect(text((await client.get(target, [SYS_DESCR]))[0])).toBe(text(recorded(SYS_DESCR)));
    const rows = await client.walk(target, PRT_MARKER_SUPPLIES);
    expect(plain(rows)).toEqual(plain(recordedUnder(PRT_MARKER_SUPPLIES)));
  });

  it('v3 authNoPriv and noAuthNoPriv read the device', async () => {
    const [signed] = await client.get(v3({ user: 'reader', level: 'authNoPriv', authProtocol: 'sha', authKey: AUTH_KEY }), [SYS_DESCR]);
    const [open] = await client.get(v3({ user: 'guest', level: 'noAuthNoPriv' }), [SYS_DESCR]);
    expect(text(signed)).toBe(text(recorded(SYS_DESCR)));
    expect(text(open)).toBe(text(recorded(SYS_DESCR)));
  });

  it('v3 failures are snmp-auth-failed naming what the agent reported', async () => {
    const good: SnmpV3Credentials = { user: userName('sha', 'aes'), level: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY };
    await expect(client.get(v3({ ...good, user: 'nobody' }), [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-auth-failed', message: expect.stringContaining('usmStatsUnknownUserNames') });
    await expect(client.get(v3({ ...good, authKey: 'wrong-auth-key' }), [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-auth-failed', message: expect.stringContaining('usmStatsWrongDigests') });
    await expect(client.get(v3({ user: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY }), [SYS_DESCR]))
      .rejects.toMatchObject({ code: 'snmp-auth-failed', message: expect.stringContaining('usmStatsUnsupportedSecLevels') });
  });

  it('v3 with a context name reads that context', async () => {
    const credentials: SnmpV3Credentials = { user: userName('sha', 'aes'), level: 'authPriv', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY };
    const [inContext] = await client.get({ ...lab, version: 'v3', v3: { ...credentials, context: 'floor2' } }, [SYS_DESCR]);
    const [byDefault] = await client.get({ ...lab, version: 'v3', v3: credentials }, [SYS_DESCR]);
    expect(text(inContext)).toBe('context floor2');
    expect(text(byDefault)).toBe('default context');
  });

  it('resolves a host name and accepts the replies of the resolved address', async () => {
    const local = await startSimulator({ baseAddress: '127.0.0.1', port: 0, devices: [{ name: 'local', varbinds: recording }] });
    try {
      const port = local.devices[0]?.port;
      const [vb] = await client.get({ host: 'localhost', port, version: 'v2c', timeoutMs: 500 }, [SYS_DESCR]);
      expect(text(vb)).toBe(text(recorded(SYS_DESCR)));
      expect(client.stats().strayDatagrams).toBe(0);
    } finally {
      await local.close();
    }
  });

  it('reads a device over IPv6 loopback', async () => {
    const local = await startSimulator({ baseAddress: '::1', port: 0, devices: [{ name: 'six', varbinds: recording }] });
    try {
      const rows = await client.walk({ host: '::1', port: local.devices[0]?.port, version: 'v2c', timeoutMs: 500 }, PRT_MARKER_SUPPLIES);
      expect(plain(rows)).toEqual(plain(recordedUnder(PRT_MARKER_SUPPLIES)));
    } finally {
      await local.close();
    }
  });

  it('refuses bad arguments before sending anything', async () => {
    await expect(client.get(hp, ['1.3.6.x'])).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(client.get({ ...hp, version: 'v3' }, [SYS_DESCR])).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(client.get(v3({ user: 'reader', level: 'authNoPriv' }), [SYS_DESCR])).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});
