import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as snmp from 'net-snmp';
import { demoProfilesDir } from '../../../src-main/simulator/demo-fleet';
import { loadSnmprecDir, startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { ERROR_STATUS } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';
import { close, get, objectType, set, v2cSession, v3Session, type Endpoint, type V3User } from './net-snmp-manager';

/**
 * SET over real UDP on loopback, against the demo printers (their `.device.json` sidecars) and
 * a few devices of the test's own: net-snmp as one manager, Net-SNMP's `snmpset`/`snmpget`
 * (Debian package snmp) as an independent second one.
 */

const BASE = '127.48.0.1';
const MOVES = '127.49.0';
const REBOOT_MS = 300;

const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';
const SYS_CONTACT = '1.3.6.1.2.1.1.4.0';
const OPERATOR = '1.3.6.1.2.1.43.5.1.1.4.1';
const RESET = '1.3.6.1.2.1.43.5.1.1.3.1';
const LPD_STATE = '1.3.6.1.2.1.43.14.1.1.6.1.1';
const BROTHER_DNS = '1.3.6.1.4.1.2435.2.4.3.99.1.7.0';
const BROTHER_METHOD = '1.3.6.1.4.1.2435.2.4.3.1240.5.2.6.0';
const BROTHER_ADDRESS = '1.3.6.1.4.1.2435.2.4.3.1240.5.2.3.0';
const NP_SOURCE = '1.3.6.1.4.1.11.2.4.3.5.1.0';
const NP_ADDRESS = '1.3.6.1.4.1.11.2.4.3.5.2.0';
const NP_LPD = '1.3.6.1.4.1.11.2.4.3.7.22.0';

const AUTH = 'simulated-auth-key';
const PRIV = 'simulated-priv-key';
const READER: V3User = { name: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: AUTH, privProtocol: 'aes', privKey: PRIV };
const WRITER: V3User = { ...READER, name: 'writer' };

const SNMPSET = '/usr/bin/snmpset';
const HAS_NET_SNMP_TOOLS = existsSync(SNMPSET) && existsSync('/usr/bin/snmpget');

const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new Uint8Array(Buffer.from(s)) });
const str = (oid: string, value: string): snmp.RawVarbind => ({ oid, type: objectType('OctetString'), value });
const int = (oid: string, value: number): snmp.RawVarbind => ({ oid, type: objectType('Integer'), value });
const ipv4 = (oid: string, value: string): snmp.RawVarbind => ({ oid, type: objectType('IpAddress'), value });

let sim: Simulator;
const at = (name: string): Endpoint => sim.devices.find((d) => d.name === name) ?? expect.fail(`no device ${name}`);

/** Runs `session`-using code and closes the session whatever happens. */
async function using<T>(session: snmp.Session, body: (s: snmp.Session) => Promise<T>): Promise<T> {
  try {
    return await body(session);
  } finally {
    close(session);
  }
}

/** One GET with a short timeout: the varbind, or null when nothing answered. */
async function probe(where: Endpoint, oid: string, community = 'public'): Promise<VarBind | null> {
  return using(v2cSession(where, community, { timeout: 120 }), async (s) => (await get(s, [oid]).catch(() => []))[0] ?? null);
}

/** Polls `probe` until it answers (at most `limitMs`, every 50 ms); the answer or null. */
async function waitForAnswer(where: Endpoint, oid: string, limitMs = 3000): Promise<VarBind | null> {
  const deadline = Date.now() + limitMs;
  for (let i = 0; i < 100 && Date.now() < deadline; i++) {
    const answer = await probe(where, oid);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

const ticks = (vb: VarBind | null): number => (vb?.value.type === 'TimeTicks' ? vb.value.value : -1);

beforeAll(async () => {
  const demo = await loadSnmprecDir(demoProfilesDir());
  const hp = demo.find((d) => d.name === 'hp-color-laser') ?? expect.fail('no hp-color-laser profile');
  const brother = demo.find((d) => d.name === 'brother-mono-mfp') ?? expect.fail('no brother-mono-mfp profile');
  const own: SimulatedDeviceSpec[] = [
    // Copies that tests may move or reboot without disturbing the others.
    { ...hp, name: 'jetdirect-move', addressChange: { ...hp.addressChange, addressOid: NP_ADDRESS, applyAfter: 100 } },
    { ...hp, name: 'jetdirect-factory' },
    { ...brother, name: 'brother-move' },
    { ...brother, name: 'brother-reboot' },
    { ...brother, name: 'runtime-move' },
    {
      name: 'v3-device',
      varbinds: [
        { oid: SYS_UP_TIME, value: { type: 'TimeTicks', value: 500_000 } },
        { oid: SYS_NAME, value: text('v3 device') },
      ],
      writable: [{ oid: SYS_NAME, type: 'OctetString' }],
      v3Users: [{ ...READER }, { ...WRITER, access: 'read-write' }],
    },
  ];
  sim = await startSimulator({ devices: [...demo, ...own], baseAddress: BASE, port: 0, rebootMs: REBOOT_MS });
});

afterAll(async () => {
  await sim?.close();
});

describe('SET with net-snmp: write community, writable objects and their constraints', () => {
  it('writes the objects a profile lists and reads them back (Brother, write community "private")', async () => {
    await using(v2cSession(at('brother-mono-mfp'), 'private'), async (s) => {
      const echo = await set(s, [str(SYS_LOCATION, 'Room 7'), str(OPERATOR, 'Ann Admin'), int(LPD_STATE, 4), ipv4(BROTHER_DNS, '10.9.8.7')]);
      expect(echo.map((vb) => vb.oid)).toEqual([SYS_LOCATION, OPERATOR, LPD_STATE, BROTHER_DNS]);
    });
    await using(v2cSession(at('brother-mono-mfp'), 'public'), async (s) => {
      expect(await get(s, [SYS_LOCATION, OPERATOR, LPD_STATE, BROTHER_DNS])).toEqual([
        { oid: SYS_LOCATION, value: text('Room 7') },
        { oid: OPERATOR, value: text('Ann Admin') },
        { oid: LPD_STATE, value: { type: 'Integer', value: 4 } },
        { oid: BROTHER_DNS, value: { type: 'IpAddress', value: '10.9.8.7' } },
      ]);
    });
  });

  it('answers notWritable for what a profile does not list (Canon sysName, anything on the Epson), wrongLength and wrongValue for bad values', async () => {
    await using(v2cSession(at('canon-color-mfp'), 'private'), async (s) => {
      await expect(set(s, [str(SYS_NAME, 'renamed')])).rejects.toMatchObject({ status: ERROR_STATUS.notWritable });
      await expect(set(s, [str(SYS_LOCATION, 'Finance'), str(SYS_NAME, 'renamed')])).rejects.toMatchObject({ status: ERROR_STATUS.notWritable, message: `NotWritable: ${SYS_NAME}` });
      // All or nothing: the location of the refused SET was not written.
      expect((await get(s, [SYS_LOCATION]))[0]?.value).not.toEqual(text('Finance'));
      await expect(set(s, [int(RESET, 4)])).rejects.toMatchObject({ status: ERROR_STATUS.wrongValue });
    });
    await using(v2cSession(at('epson-inkjet'), 'private'), async (s) => {
      await expect(set(s, [str(SYS_CONTACT, 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.notWritable });
    });
    await using(v2cSession(at('brother-mono-mfp'), 'private'), async (s) => {
      await expect(set(s, [str(OPERATOR, 'x'.repeat(128))])).rejects.toMatchObject({ status: ERROR_STATUS.wrongLength });
      await expect(set(s, [int(LPD_STATE, 5)])).rejects.toMatchObject({ status: ERROR_STATUS.wrongValue });
      await expect(set(s, [int(SYS_CONTACT, 5)])).rejects.toMatchObject({ status: ERROR_STATUS.wrongType });
    });
    await using(v2cSession(at('brother-mono-mfp'), 'private', { v1: true }), async (s) => {
      await expect(set(s, [int(LPD_STATE, 5)])).rejects.toMatchObject({ status: ERROR_STATUS.badValue });
      await expect(set(s, [str('1.3.6.1.2.1.1.1.0', 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.noSuchName });
    });
  });

  it('answers a read community noAccess (v1: noSuchName) and an unknown community not at all', async () => {
    await using(v2cSession(at('kyocera-mono'), 'public'), async (s) => {
      await expect(set(s, [str(SYS_LOCATION, 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.noAccess });
    });
    await using(v2cSession(at('kyocera-mono'), 'public', { v1: true }), async (s) => {
      await expect(set(s, [str(SYS_LOCATION, 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.noSuchName });
    });
    await using(v2cSession(at('kyocera-mono'), 'not-a-community', { timeout: 200 }), async (s) => {
      await expect(set(s, [str(SYS_LOCATION, 'x')])).rejects.toThrow(/timed out/i);
    });
  });

  it('uses each vendor\'s own write community: HP "internal", Ricoh "admin" ("private" is unknown there)', async () => {
    await using(v2cSession(at('hp-color-laser'), 'internal'), async (s) => {
      await set(s, [str(SYS_NAME, 'hp-renamed'), int(NP_LPD, 0)]);
      expect((await get(s, [SYS_NAME, NP_LPD])).map((vb) => vb.value)).toEqual([text('hp-renamed'), { type: 'Integer', value: 0 }]);
      // JetDirect has no prtGeneralCurrentOperator (an object the agent lacks: notWritable, as Net-SNMP's agent answers).
      await expect(set(s, [str(OPERATOR, 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.notWritable });
      // A missing instance of an object it has: noCreation.
      await expect(set(s, [str('1.3.6.1.2.1.1.5.1', 'x')])).rejects.toMatchObject({ status: ERROR_STATUS.noCreation });
    });
    await using(v2cSession(at('ricoh-mfp'), 'admin'), async (s) => {
      await set(s, [int(LPD_STATE, 4)]);
    });
    await using(v2cSession(at('ricoh-mfp'), 'private', { timeout: 200 }), async (s) => {
      await expect(set(s, [int(LPD_STATE, 3)])).rejects.toThrow(/timed out/i);
    });
  });

  it('SNMPv3: a read-only user gets noAccess, a read-write user writes', async () => {
    await using(v3Session(at('v3-device'), READER), async (s) => {
      expect((await get(s, [SYS_NAME]))[0]?.value).toEqual(text('v3 device'));
      await expect(set(s, [str(SYS_NAME, 'by reader')])).rejects.toMatchObject({ status: ERROR_STATUS.noAccess });
    });
    await using(v3Session(at('v3-device'), WRITER), async (s) => {
      await set(s, [str(SYS_NAME, 'by writer')]);
      expect((await get(s, [SYS_NAME]))[0]?.value).toEqual(text('by writer'));
    });
  });
});

describe('reboot (prtGeneralReset)', () => {
  it('answers the SET, goes silent, comes back with sysUpTime from 0, reads notResetting(3) and keeps written values', async () => {
    const where = at('brother-reboot');
    const before = ticks(await probe(where, SYS_UP_TIME));
    expect(before).toBeGreaterThan(1000);
    await using(v2cSession(where, 'private'), async (s) => {
      await set(s, [str(SYS_LOCATION, 'kept in NVRAM')]);
      await set(s, [int(RESET, 5)]);
    });
    expect(sim.device('brother-reboot').rebooting).toBe(true);
    expect(await probe(where, SYS_UP_TIME)).toBeNull();
    const after = await waitForAnswer(where, SYS_UP_TIME);
    expect(ticks(after)).toBeGreaterThanOrEqual(0);
    expect(ticks(after)).toBeLessThan(before);
    expect(ticks(after)).toBeLessThan(200); // under 2 s since it came back
    expect((await probe(where, RESET))?.value).toEqual({ type: 'Integer', value: 3 });
    expect((await probe(where, SYS_LOCATION))?.value).toEqual(text('kept in NVRAM'));
  });

  it('an SNMPv3 session goes on after the reboot (snmpEngineBoots + 1, engine time from 0)', async () => {
    await using(v3Session(at('v3-device'), WRITER, { timeout: 300 }), async (s) => {
      expect((await get(s, [SYS_UP_TIME]))[0]?.value.type).toBe('TimeTicks');
      sim.device('v3-device').reboot({ silentMs: 100 });
      await expect(get(s, [SYS_UP_TIME])).rejects.toThrow(/timed out/i);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(ticks((await get(s, [SYS_UP_TIME]))[0] ?? null)).toBeLessThan(100);
    });
  });

  it('a factory reset (6) restores the recorded values', async () => {
    const where = at('jetdirect-factory');
    const recorded = (await probe(where, SYS_LOCATION))?.value;
    await using(v2cSession(where, 'internal'), async (s) => {
      await set(s, [str(SYS_LOCATION, 'temporary')]);
      await set(s, [int(RESET, 6)]);
    });
    await waitForAnswer(where, SYS_UP_TIME);
    expect((await probe(where, SYS_LOCATION))?.value).toEqual(recorded);
  });
});

describe('IP address changes', () => {
  it('JetDirect: npCfgSource manual(3) with npCfgYiaddr moves the device shortly after the reply; the old address goes silent', async () => {
    const from = at('jetdirect-move');
    const to = `${MOVES}.11`;
    expect((await probe(from, NP_ADDRESS))?.value).toEqual({ type: 'IpAddress', value: from.address });
    await using(v2cSession(from, 'internal'), async (s) => {
      // Without the manual source in the same SET the address is inconsistent.
      await expect(set(s, [ipv4(NP_ADDRESS, to)])).rejects.toMatchObject({ status: ERROR_STATUS.inconsistentValue });
      await expect(set(s, [int(NP_SOURCE, 3), ipv4(NP_ADDRESS, '10.1.2.3')])).rejects.toMatchObject({ status: ERROR_STATUS.wrongValue });
      await set(s, [int(NP_SOURCE, 3), ipv4(NP_ADDRESS, to)]);
    });
    const there = { address: to, port: from.port };
    expect((await waitForAnswer(there, NP_ADDRESS))?.value).toEqual({ type: 'IpAddress', value: to });
    expect(await probe(from, SYS_NAME)).toBeNull();
    expect(at('jetdirect-move').address).toBe(to);
  });

  it('Brother: a static address moves the device at its next reboot', async () => {
    const from = at('brother-move');
    const to = `${MOVES}.12`;
    await using(v2cSession(from, 'private'), async (s) => {
      await expect(set(s, [ipv4(BROTHER_ADDRESS, to)])).rejects.toMatchObject({ status: ERROR_STATUS.inconsistentValue });
      await set(s, [int(BROTHER_METHOD, 2), ipv4(BROTHER_ADDRESS, to)]);
    });
    // Still where it was, and the written address reads back.
    expect((await probe(from, BROTHER_ADDRESS))?.value).toEqual({ type: 'IpAddress', value: to });
    await using(v2cSession(from, 'private'), (s) => set(s, [int(RESET, 4)]));
    const there = { address: to, port: from.port };
    expect(await waitForAnswer(there, SYS_UP_TIME)).not.toBeNull();
    expect(await probe(from, SYS_UP_TIME)).toBeNull();
  });

  it('moveTo moves a device at once and refuses addresses off loopback or held by another device', async () => {
    const device = sim.device('runtime-move');
    const from = at('runtime-move');
    await device.moveTo(`${MOVES}.13`);
    expect(await probe({ address: `${MOVES}.13`, port: from.port }, SYS_NAME)).not.toBeNull();
    expect(await probe(from, SYS_NAME)).toBeNull();
    await expect(device.moveTo('10.0.0.1')).rejects.toThrow(RangeError);
    await expect(device.moveTo('not-an-address')).rejects.toThrow(RangeError);
  });

  it('two devices on one port: neither a SET nor moveTo may take the other\'s address', async () => {
    const demo = await loadSnmprecDir(demoProfilesDir());
    const hp = demo.find((d) => d.name === 'hp-color-laser') ?? expect.fail('no hp-color-laser profile');
    const port = await freePort(`${MOVES}.21`);
    const pair = await startSimulator({ devices: [{ ...hp, name: 'a', address: `${MOVES}.21` }, { ...hp, name: 'b', address: `${MOVES}.22` }], port, rebootMs: REBOOT_MS });
    try {
      await expect(pair.device('a').moveTo(`${MOVES}.22`)).rejects.toThrow(/held by b/);
      await using(v2cSession({ address: `${MOVES}.21`, port }, 'internal'), async (s) => {
        await expect(set(s, [int(NP_SOURCE, 3), ipv4(NP_ADDRESS, `${MOVES}.22`)])).rejects.toMatchObject({ status: ERROR_STATUS.inconsistentValue });
      });
    } finally {
      await pair.close();
    }
  });
});

/** A UDP port free on `address` just now (bound and released). */
function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, address, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** Net-SNMP's command-line tools: an independent manager. Resolves with stdout + stderr, whatever the exit code. */
function netSnmp(tool: 'snmpset' | 'snmpget', args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(`/usr/bin/${tool}`, ['-t', '1', '-r', '0', '-On', '-M', '/nonexistent', ...args], { timeout: 5000 }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

describe.skipIf(!HAS_NET_SNMP_TOOLS)("Net-SNMP's snmpset and snmpget", () => {
  const target = (name: string): string => `${at(name).address}:${at(name).port}`;

  it('writes with the write community and reads the value back', async () => {
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'private', target('kyocera-mono'), SYS_LOCATION, 's', 'Loading dock'])).toContain('STRING: "Loading dock"');
    expect(await netSnmp('snmpget', ['-v2c', '-c', 'public', target('kyocera-mono'), SYS_LOCATION])).toContain('STRING: "Loading dock"');
  });

  it('reports notWritable, wrongLength, noAccess for a read community, noSuchName for SNMPv1, and a timeout for an unknown community', async () => {
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'private', target('kyocera-mono'), '1.3.6.1.2.1.1.1.0', 's', 'x'])).toContain('notWritable');
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'private', target('kyocera-mono'), SYS_NAME, 's', 'x'.repeat(256)])).toContain('wrongLength');
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'public', target('kyocera-mono'), SYS_NAME, 's', 'x'])).toContain('noAccess');
    expect(await netSnmp('snmpset', ['-v1', '-c', 'public', target('kyocera-mono'), SYS_NAME, 's', 'x'])).toContain('noSuchName');
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'nope', target('kyocera-mono'), SYS_NAME, 's', 'x'])).toContain('Timeout');
  });

  it('writes an IpAddress and an enumeration, and gets wrongValue for a value outside it', async () => {
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'admin', target('ricoh-mfp'), '1.3.6.1.2.1.43.14.1.1.6.1.2', 'i', '4'])).toContain('INTEGER: 4');
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'admin', target('ricoh-mfp'), '1.3.6.1.2.1.43.14.1.1.6.1.2', 'i', '7'])).toContain('wrongValue');
    expect(await netSnmp('snmpset', ['-v2c', '-c', 'private', target('brother-mono-mfp'), '1.3.6.1.4.1.2435.2.4.3.99.1.8.0', 'a', '10.0.0.53'])).toContain('IpAddress: 10.0.0.53');
  });
});
