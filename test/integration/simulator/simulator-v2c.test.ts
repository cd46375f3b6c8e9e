import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProfilesDir } from '../../../src-main/simulator/demo-fleet';
import { loadSnmprecDir, startSimulator, type Simulator, type SimulatedDeviceSpec } from '../../../src-main/simulator/simulator';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { close, get, getBulk, getNext, objectType, set, show, v2cSession, walkAll, type Endpoint } from './net-snmp-manager';

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/printers/snmprec');
const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
const text = (s: string): VarBind['value'] => ({ type: 'OctetString', value: new Uint8Array(Buffer.from(s)) });

let sim: Simulator;
let profiles: SimulatedDeviceSpec[];
let recordings: SimulatedDeviceSpec[];
const at = (name: string): Endpoint => {
  const d = sim.devices.find((x) => x.name === name);
  if (!d) throw new Error(`no device ${name}`);
  return d;
};

/**
 * The recording as a walk should return it: sysUpTime moves on, so it is checked apart, and a
 * vendor's address object reads the address the device listens on.
 */
function expected(spec: SimulatedDeviceSpec, v1 = false): string[] {
  const addressOid = spec.addressChange?.addressOid;
  return spec.varbinds
    .filter((vb) => vb.oid !== SYS_UP_TIME && !(v1 && vb.value.type === 'Counter64'))
    .map((vb) => (vb.oid === addressOid ? { oid: vb.oid, value: { type: 'IpAddress' as const, value: at(spec.name).address } } : vb))
    .map((vb) => `${vb.oid}=${show(vb.value)}`);
}
function walked(varbinds: VarBind[]): string[] {
  return varbinds.filter((vb) => vb.oid !== SYS_UP_TIME).map((vb) => `${vb.oid}=${show(vb.value)}`);
}

beforeAll(async () => {
  profiles = await loadSnmprecDir(demoProfilesDir());
  recordings = existsSync(FIXTURES) ? await loadSnmprecDir(FIXTURES) : [];
  const extra: SimulatedDeviceSpec[] = [
    // The permissive mode, asked for: every existing object takes a value of its own type.
    { name: 'scratch', varbinds: [...(profiles[0] as SimulatedDeviceSpec).varbinds], writable: 'any' },
    { name: 'private', varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('private') }], communities: ['s3cret'] },
    {
      name: 'ctx',
      varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('default context') }],
      contexts: { vlan7: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('vlan 7 context') }] },
    },
    { name: 'locked', varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('locked') }], readOnly: true },
  ];
  sim = await startSimulator({ devices: [...profiles, ...recordings, ...extra], baseAddress: '127.40.0.1', port: 0 });
});

afterAll(async () => {
  await sim?.close();
});

describe('walks return the recordings value for value (BER round trip through net-snmp)', () => {
  it.each(['brother-mono-mfp', 'canon-color-mfp', 'epson-inkjet', 'hp-color-laser', 'kyocera-mono', 'ricoh-mfp'])('demo profile %s over v2c GetBulk', async (name) => {
    const session = v2cSession(at(name));
    try {
      const spec = profiles.find((p) => p.name === name) as SimulatedDeviceSpec;
      const result = await walkAll(session);
      expect(walked(result)).toEqual(expected(spec));
      const uptime = result.find((vb) => vb.oid === SYS_UP_TIME)?.value;
      const recorded = spec.varbinds.find((vb) => vb.oid === SYS_UP_TIME)?.value;
      expect(uptime?.type).toBe('TimeTicks');
      expect((uptime?.value as number) >= (recorded?.value as number)).toBe(true);
    } finally {
      close(session);
    }
  });

  it('demo profile over v1 GetNext (Counter64 hidden)', async () => {
    const session = v2cSession(at('hp-color-laser'), 'public', { v1: true });
    try {
      expect(walked(await walkAll(session, { v1: true }))).toEqual(expected(profiles.find((p) => p.name === 'hp-color-laser') as SimulatedDeviceSpec, true));
    } finally {
      close(session);
    }
  });

  it.skipIf(!existsSync(FIXTURES))('every real recording in ../shared/fixtures over v2c GetBulk', async () => {
    for (const spec of recordings) {
      const session = v2cSession(at(spec.name), spec.name);
      try {
        expect(walked(await walkAll(session)), spec.name).toEqual(expected(spec));
      } finally {
        close(session);
      }
    }
  });
});

describe('GET, GETNEXT, GETBULK and SET via net-snmp', () => {
  it('GET answers values and noSuchObject/noSuchInstance', async () => {
    const session = v2cSession(at('kyocera-mono'));
    try {
      const reply = await get(session, ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.5.1', '1.3.6.1.4.1.99999.1.0']);
      expect(reply.map((vb) => vb.value.type)).toEqual(['OctetString', 'NoSuchInstance', 'NoSuchObject']);
    } finally {
      close(session);
    }
  });

  it('SNMPv1 GET of a missing OID fails with noSuchName', async () => {
    const session = v2cSession(at('kyocera-mono'), 'public', { v1: true });
    try {
      await expect(get(session, ['1.3.6.1.2.1.1.5.0', '1.3.6.1.4.1.99999.1.0'])).rejects.toThrow(/NoSuchName/);
    } finally {
      close(session);
    }
  });

  it('GETNEXT and GETBULK follow OID order with non-repeaters', async () => {
    const session = v2cSession(at('epson-inkjet'));
    try {
      expect((await getNext(session, ['1.3.6.1.2.1.43.11.1.1.6']))[0]?.oid).toBe('1.3.6.1.2.1.43.11.1.1.6.1.1');
      const bulk = await getBulk(session, ['1.3.6.1.2.1.1.4', '1.3.6.1.2.1.43.11.1.1.6', '1.3.6.1.2.1.43.11.1.1.9'], 1, 5);
      expect(bulk.map((vb) => vb.oid)).toEqual([
        '1.3.6.1.2.1.1.4.0',
        ...[1, 2, 3, 4, 5].flatMap((i) => [`1.3.6.1.2.1.43.11.1.1.6.1.${i}`, `1.3.6.1.2.1.43.11.1.1.9.1.${i}`]),
      ]);
    } finally {
      close(session);
    }
  });

  it('SET changes the value the next GET returns; a wrong type is refused', async () => {
    const session = v2cSession(at('scratch'), 'private');
    try {
      await set(session, [{ oid: '1.3.6.1.2.1.1.6.0', type: objectType('OctetString'), value: 'Room 101' }]);
      expect(await get(session, ['1.3.6.1.2.1.1.6.0'])).toEqual([{ oid: '1.3.6.1.2.1.1.6.0', value: text('Room 101') }]);
      await expect(set(session, [{ oid: '1.3.6.1.2.1.1.6.0', type: objectType('Integer'), value: 5 }])).rejects.toThrow(/WrongType/);
    } finally {
      close(session);
    }
  });

  it('a read-only device refuses SET with notWritable', async () => {
    const session = v2cSession(at('locked'), 'private');
    try {
      await expect(set(session, [{ oid: '1.3.6.1.2.1.1.5.0', type: objectType('OctetString'), value: 'x' }])).rejects.toThrow(/NotWritable/);
    } finally {
      close(session);
    }
  });
});

describe('communities and contexts', () => {
  it('answers "public" and the device name, and nothing for another community', async () => {
    const ok1 = v2cSession(at('ricoh-mfp'), 'public');
    const ok2 = v2cSession(at('ricoh-mfp'), 'ricoh-mfp');
    const bad = v2cSession(at('ricoh-mfp'), 'brother-mono-mfp', { timeout: 300 });
    try {
      expect((await get(ok1, ['1.3.6.1.2.1.1.5.0']))[0]?.value.type).toBe('OctetString');
      expect((await get(ok2, ['1.3.6.1.2.1.1.5.0']))[0]?.value.type).toBe('OctetString');
      await expect(get(bad, ['1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/timed out/i);
    } finally {
      close(ok1, ok2, bad);
    }
  });

  it('a device with its own community list answers only those', async () => {
    const secret = v2cSession(at('private'), 's3cret');
    const pub = v2cSession(at('private'), 'public', { timeout: 300 });
    try {
      expect(await get(secret, ['1.3.6.1.2.1.1.5.0'])).toEqual([{ oid: '1.3.6.1.2.1.1.5.0', value: text('private') }]);
      await expect(get(pub, ['1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/timed out/i);
    } finally {
      close(secret, pub);
    }
  });

  it('serves a context under community name@context (snmpsim file naming) and community@context', async () => {
    const byName = v2cSession(at('ctx'), 'ctx@vlan7');
    const byPublic = v2cSession(at('ctx'), 'public@vlan7');
    const plain = v2cSession(at('ctx'), 'ctx');
    const unknown = v2cSession(at('ctx'), 'ctx@vlan8', { timeout: 300 });
    try {
      expect((await get(byName, ['1.3.6.1.2.1.1.5.0']))[0]?.value).toEqual(text('vlan 7 context'));
      expect((await get(byPublic, ['1.3.6.1.2.1.1.5.0']))[0]?.value).toEqual(text('vlan 7 context'));
      expect((await get(plain, ['1.3.6.1.2.1.1.5.0']))[0]?.value).toEqual(text('default context'));
      await expect(get(unknown, ['1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/timed out/i);
    } finally {
      close(byName, byPublic, plain, unknown);
    }
  });

  it('loadSnmprecDir merges name@context.snmprec into the device as a context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'printdeck-snmprec-'));
    try {
      await writeFile(join(dir, 'mfp.snmprec'), '1.3.6.1.2.1.1.5.0|4|main\n');
      await writeFile(join(dir, 'mfp@scanner.snmprec'), '1.3.6.1.2.1.1.5.0|4|scanner\n');
      await writeFile(join(dir, 'notes.txt'), 'ignored');
      expect(await loadSnmprecDir(dir)).toEqual([
        { name: 'mfp', varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('main') }], contexts: { scanner: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('scanner') }] } },
      ]);
      await writeFile(join(dir, 'broken.snmprec'), '1.3.6.1.2.1.1.5.0|4|ok\n1.3.6.1.2.1.1.6.0|2|x\n');
      await expect(loadSnmprecDir(dir)).rejects.toThrow('broken.snmprec:2:');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
