import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnmpAuthProtocol, SnmpPrivProtocol } from '../../../src-main/core/snmp/snmp-client';
import { BER_TAG, BerReader, encodeBytes, encodeInteger, readOidArcs, tlvSize, writeHeader } from '../../../src-shared/snmp/ber/ber-primitives';
import { startSimulator, type Simulator, type SimV3User } from '../../../src-main/simulator/simulator';
import { close, get, getBulk, v3Session, type Endpoint } from './net-snmp-manager';

const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const AUTH: SnmpAuthProtocol[] = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'];
const PRIV: SnmpPrivProtocol[] = ['des', 'aes', 'aes256b', 'aes256r'];
const text = (s: string) => ({ type: 'OctetString' as const, value: new Uint8Array(Buffer.from(s)) });

const users: SimV3User[] = [
  { name: 'plain', level: 'noAuthNoPriv' },
  ...AUTH.map((a): SimV3User => ({ name: `auth-${a}`, level: 'authNoPriv', authProtocol: a, authKey: `authpass-${a}` })),
  ...AUTH.flatMap((a) =>
    PRIV.map((p): SimV3User => ({ name: `priv-${a}-${p}`, level: 'authPriv', authProtocol: a, authKey: `authpass-${a}`, privProtocol: p, privKey: `privpass-${p}` })),
  ),
];
const user = (name: string): SimV3User => users.find((u) => u.name === name) as SimV3User;

let sim: Simulator;
let at: Endpoint;

beforeAll(async () => {
  sim = await startSimulator({
    devices: [
      {
        name: 'secure',
        varbinds: [
          { oid: SYS_NAME, value: text('secure printer') },
          ...Array.from({ length: 300 }, (_, i) => ({ oid: `1.3.6.1.2.1.43.11.1.1.6.1.${i + 1}`, value: text(`Supply number ${i + 1}`) })),
        ],
        contexts: { scanner: [{ oid: SYS_NAME, value: text('scanner unit') }] },
        v3Users: users,
      },
    ],
    baseAddress: '127.44.0.1',
    port: 0,
  });
  at = sim.devices[0] as Endpoint;
});

afterAll(async () => {
  await sim?.close();
});

async function sysName(u: SimV3User, context?: string): Promise<unknown> {
  const session = v3Session(at, u, { context });
  try {
    const [vb] = await get(session, [SYS_NAME]);
    return vb?.value.type === 'OctetString' ? Buffer.from(vb.value.value).toString() : vb?.value.type;
  } finally {
    close(session);
  }
}

describe('SNMPv3 USM interoperates with net-snmp', () => {
  it('noAuthNoPriv', async () => {
    expect(await sysName(user('plain'))).toBe('secure printer');
  });

  it.each(AUTH)('authNoPriv with %s', async (a) => {
    expect(await sysName(user(`auth-${a}`))).toBe('secure printer');
  });

  it.each(AUTH.flatMap((a) => PRIV.filter((p) => p !== 'des').map((p) => [a, p] as const)))('authPriv with %s and %s', async (a, p) => {
    expect(await sysName(user(`priv-${a}-${p}`))).toBe('secure printer');
  });

  it('authPriv with DES and every auth protocol (net-snmp run with the legacy OpenSSL provider)', async () => {
    const desUsers = AUTH.map((a) => user(`priv-${a}-des`));
    const script = resolve(__dirname, 'net-snmp-des-client.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--openssl-legacy-provider', '--import', 'tsx', script, JSON.stringify({ ...at, oid: SYS_NAME, users: desUsers })],
      { cwd: resolve(__dirname, '../../..'), timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual(desUsers.map((u) => ({ user: u.name, value: 'secure printer' })));
  });

  it('a GetBulk reply is protected and fits the message size', async () => {
    const session = v3Session(at, user('priv-sha256-aes256b'));
    try {
      const rows = await getBulk(session, ['1.3.6.1.2.1.43.11.1.1.6'], 0, 200);
      expect(rows.length).toBeGreaterThan(20);
      expect(rows.length).toBeLessThan(200);
      expect(rows[0]).toEqual({ oid: '1.3.6.1.2.1.43.11.1.1.6.1.1', value: text('Supply number 1') });
    } finally {
      close(session);
    }
  });

  it('serves SNMPv3 contexts by contextName', async () => {
    expect(await sysName(user('auth-sha'), 'scanner')).toBe('scanner unit');
    await expect(sysName(user('auth-sha'), 'fax')).rejects.toThrow(/Report/);
  });
});

describe('SNMPv3 failures are reported, so a manager can tell "auth failed" from "no answer"', () => {
  it.each([
    ['an unknown user', { name: 'nobody', level: 'authNoPriv', authProtocol: 'sha', authKey: 'whatever1' }, /Unknown User Name/],
    ['a wrong auth password', { ...user('auth-sha256'), authKey: 'not-the-password' }, /Wrong Digest/],
    ['a wrong auth protocol', { ...user('auth-sha256'), authProtocol: 'sha512' }, /Wrong Digest/],
    ['more security than the user has', { ...user('auth-md5'), level: 'authPriv', privProtocol: 'aes', privKey: 'privpass-aes' }, /Unsupported Security Level/],
    ['a wrong privacy password', { ...user('priv-sha-aes'), privKey: 'not-the-password' }, /Decryption Error/],
  ] as Array<[string, SimV3User, RegExp]>)('%s', async (_name, u, message) => {
    await expect(sysName(u)).rejects.toThrow(message);
  });

  it('less security than the user requires is refused with authorizationError', async () => {
    await expect(sysName({ name: 'priv-sha-aes', level: 'noAuthNoPriv' })).rejects.toThrow(/AuthorizationError/);
  });

  it('engine discovery: usmStatsUnknownEngineIDs report with the engine ID, boots and time', async () => {
    const socket = createSocket('udp4');
    const reply = new Promise<Buffer>((done) => socket.once('message', done));
    await new Promise<void>((ready) => socket.bind(0, '127.0.0.1', ready));
    socket.send(discoveryRequest(4242), at.port, at.address);
    const report = parseReport(await reply);
    socket.close();
    expect(report.msgId).toBe(4242);
    expect(report.engineId).toBe(sim.device('secure').engineId);
    expect(report.boots).toBe(1);
    expect(report.time).toBeGreaterThanOrEqual(0);
    expect(report.pduTag).toBe(0xa8);
    expect(report.oid).toBe('1.3.6.1.6.3.15.1.1.4.0');
  });
});

/** An RFC 3414 §4 discovery message: noAuthNoPriv, reportable, empty engine ID and user. */
function discoveryRequest(msgId: number): Buffer {
  const seq = (...parts: Buffer[]): Buffer => {
    const content = Buffer.concat(parts);
    const out = Buffer.alloc(tlvSize(content.length));
    content.copy(out, writeHeader(out, 0, BER_TAG.sequence, content.length));
    return out;
  };
  const int = (n: number): Buffer => Buffer.from(encodeInteger(BER_TAG.integer, n));
  const oct = (b: Buffer): Buffer => Buffer.from(encodeBytes(BER_TAG.octetString, b));
  const empty = Buffer.alloc(0);
  const pduContent = Buffer.concat([int(msgId), int(0), int(0), seq()]);
  const pdu = Buffer.alloc(tlvSize(pduContent.length));
  pduContent.copy(pdu, writeHeader(pdu, 0, 0xa0, pduContent.length));
  return seq(
    int(3),
    seq(int(msgId), int(65507), oct(Buffer.from([0x04])), int(3)),
    oct(seq(oct(empty), int(0), int(0), oct(empty), oct(empty), oct(empty))),
    seq(oct(empty), oct(empty), pdu),
  );
}

function parseReport(buf: Buffer): { msgId: number; engineId: string; boots: number; time: number; pduTag: number; oid: string } {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  outer.integer();
  const header = outer.enter(BER_TAG.sequence);
  const msgId = header.integer();
  outer.octets();
  const sp = new BerReader(buf, outer.start, outer.end).enter(BER_TAG.sequence);
  sp.octets();
  const engineId = buf.subarray(sp.start, sp.end).toString('hex');
  const boots = sp.integer();
  const time = sp.integer();
  const scoped = outer.enter(BER_TAG.sequence);
  scoped.skip();
  scoped.skip();
  const pduTag = scoped.next();
  const pdu = new BerReader(buf, scoped.start, scoped.end);
  pdu.skip();
  pdu.skip();
  pdu.skip();
  const vb = pdu.enter(BER_TAG.sequence).enter(BER_TAG.sequence);
  vb.next(BER_TAG.oid);
  return { msgId, engineId, boots, time, pduTag, oid: readOidArcs(buf, vb.start, vb.end).join('.') };
}
