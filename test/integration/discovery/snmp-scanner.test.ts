import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSnmpScanner, type ProbeAnswer, type ScanCredential, type ScanOptions } from '../../../src-main/core/discovery/snmp-scan/snmp-scanner';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import { loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * The unicast scanner against the simulator, on this file's own loopback range (127.92/16 and
 * 127.93/16) and port, so nothing else answers its probes.
 */

const PORT = 16161;
const PUBLIC: ScanCredential = { version: 'v2c', community: 'public' };
const FAST = { port: PORT, timeoutMs: 250, retries: 1, ratePerSecond: 5000 } as const;
const profiles = loadDemoProfiles();
const text = (s: string) => ({ type: 'OctetString' as const, value: new TextEncoder().encode(s) });

/** A printer from the demo profiles at `address`. */
function printer(name: string, address: string, extra: Partial<SimulatedDeviceSpec> = {}): SimulatedDeviceSpec {
  const profile = profiles[Math.abs(hash(name)) % profiles.length];
  if (!profile) throw new Error('no demo profiles');
  return { name, address, varbinds: profile.varbinds, ...extra };
}

/** An SNMP agent that is no printer: the system group and, unless `short`, an enterprise subtree after it. */
function router(name: string, address: string, short = false): SimulatedDeviceSpec {
  const varbinds: VarBind[] = [
    { oid: '1.3.6.1.2.1.1.1.0', value: text(`Router ${name}`) },
    { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.9.1.1' } },
    { oid: '1.3.6.1.2.1.1.5.0', value: text(name) },
  ];
  if (!short) varbinds.push({ oid: '1.3.6.1.4.1.9.2.1.1.0', value: text('enterprise data') });
  return { name, address, varbinds };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

function* range(prefix: string, from: number, to: number): Generator<string> {
  for (let i = from; i <= to; i++) yield `${prefix}.${i}`;
}

const byAddress = (answers: ProbeAnswer[]): Map<string, ProbeAnswer> => new Map(answers.map((a) => [a.address, a]));

let sim: Simulator | null = null;
const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });

afterEach(async () => {
  await sim?.close();
  sim = null;
});
afterAll(() => scanner.close());

describe('SNMP range scan', () => {
  it('finds exactly the printers in a range of mostly silent addresses, each once, as it answers', async () => {
    const devices = [10, 20, 30, 40, 50, 60].map((n) => printer(`printer-${n}`, `127.92.0.${n}`));
    sim = await startSimulator({ devices, port: PORT });
    const seen: string[] = [];
    const summary = await scanner.scan(range('127.92.0', 1, 80), { ...FAST, credentials: [PUBLIC], onAnswer: (a) => seen.push(a.address) });
    expect(summary.answers.map((a) => a.address).sort()).toEqual(devices.map((d) => d.address).sort());
    expect(seen.sort()).toEqual(devices.map((d) => d.address).sort());
    expect(summary.addressesDone).toBe(80);
    expect(summary.cancelled).toBe(false);
    // 74 silent addresses get one retry each; the 6 printers answer the first probe.
    expect(summary.sent).toBe(6 + 74 * 2);
    for (const answer of summary.answers) {
      expect(answer).toMatchObject({ port: PORT, credentialIndex: 0, isPrinter: true, via: 'unicast' });
      expect(answer.sysDescr).toBeTruthy();
      expect(answer.sysObjectID).toMatch(/^1\.3\.6\.1\.4\.1\./);
    }
  });

  it('finds every printer behind 5 % packet loss thanks to retries', async () => {
    const devices = Array.from({ length: 100 }, (_, i) => printer(`lossy-${i}`, `127.92.1.${i + 1}`, { faults: { dropPercent: 5 } }));
    sim = await startSimulator({ devices, port: PORT, seed: 4 });
    const summary = await scanner.scan(range('127.92.1', 1, 100), { ...FAST, retries: 3, credentials: [PUBLIC] });
    expect(sim.stats().dropped).toBeGreaterThan(0); // the loss did happen
    expect(summary.answers.map((a) => a.address).sort()).toEqual(devices.map((d) => d.address).sort());
  });

  it('counts an answer that comes after its deadline while the scan still listens (no retry)', async () => {
    sim = await startSimulator({ devices: [printer('slow', '127.92.8.1', { faults: { delayMs: 700 } })], port: PORT });
    // 254 addresses at 250/s: the scan sends for about a second, so it still listens when the answer comes at 0.7 s.
    const summary = await scanner.scan(range('127.92.8', 1, 254), { ...FAST, timeoutMs: 500, retries: 0, ratePerSecond: 250, credentials: [PUBLIC] });
    expect(summary.answers.map((a) => a.address)).toEqual(['127.92.8.1']);
    expect(summary.addressesDone).toBe(254);
    expect(summary.sent).toBe(254);
    expect(summary.pacing.lateAnswers).toBe(1);
  });

  it('reports an SNMP agent that is no printer with isPrinter false, in v2c and in v1 (noSuchName follow-ups)', async () => {
    const devices = [router('core-sw', '127.92.2.1'), router('old-hub', '127.92.2.2', true), printer('v1-printer', '127.92.2.3')];
    sim = await startSimulator({ devices, port: PORT });
    const v2c = byAddress((await scanner.scan(range('127.92.2', 1, 3), { ...FAST, credentials: [PUBLIC] })).answers);
    expect(v2c.get('127.92.2.1')).toMatchObject({ isPrinter: false, sysDescr: 'Router core-sw', sysName: 'core-sw', sysObjectID: '1.3.6.1.4.1.9.1.1' });
    expect(v2c.get('127.92.2.2')).toMatchObject({ isPrinter: false, sysName: 'old-hub' });
    expect(v2c.get('127.92.2.3')?.isPrinter).toBe(true);
    // The short MIB ends before both printer columns: a v1 agent answers noSuchName, twice, before it tells its name.
    const v1 = byAddress((await scanner.scan(range('127.92.2', 1, 3), { ...FAST, credentials: [{ version: 'v1', community: 'public' }] })).answers);
    expect(v1.get('127.92.2.2')).toMatchObject({ isPrinter: false, sysDescr: 'Router old-hub', sysName: 'old-hub', credentialIndex: 0 });
    expect(v1.get('127.92.2.1')).toMatchObject({ isPrinter: false, sysName: 'core-sw' });
    expect(v1.get('127.92.2.3')?.isPrinter).toBe(true);
  });

  it('tries credential sets in order: the next only for addresses silent to the previous', async () => {
    const devices = [
      printer('second-only', '127.92.3.1', { communities: ['second'] }),
      printer('both', '127.92.3.2', { communities: ['first', 'second'] }),
      printer('first-only', '127.92.3.3', { communities: ['first'] }),
    ];
    sim = await startSimulator({ devices, port: PORT });
    const credentials: ScanCredential[] = [
      { version: 'v2c', community: 'first' },
      { version: 'v2c', community: 'second' },
    ];
    const before = sim.stats().requests;
    const answers = byAddress((await scanner.scan(range('127.92.3', 1, 3), { ...FAST, credentials })).answers);
    expect(answers.get('127.92.3.1')?.credentialIndex).toBe(1);
    expect(answers.get('127.92.3.2')?.credentialIndex).toBe(0);
    expect(answers.get('127.92.3.3')?.credentialIndex).toBe(0);
    // Two attempts with "first" for the first device, then one with "second"; one each for the others.
    expect(sim.stats().requests - before).toBe(3 + 1 + 1);
  });

  it('ignores and reports malformed replies and replies with a wrong request id, and still finds the rest', async () => {
    const devices = [
      printer('garbage', '127.92.4.1', { faults: { malformed: true } }),
      printer('wrong-id', '127.92.4.2', { faults: { wrongRequestId: true } }),
      printer('fine', '127.92.4.3'),
    ];
    sim = await startSimulator({ devices, port: PORT });
    const ignored: Array<{ reason: string; sender: string }> = [];
    const summary = await scanner.scan(range('127.92.4', 1, 3), { ...FAST, credentials: [PUBLIC], onIgnoredReply: (reason, sender) => ignored.push({ reason, sender }) });
    expect(summary.answers.map((a) => a.address)).toEqual(['127.92.4.3']);
    const from = (address: string): string[] => ignored.filter((i) => i.sender === `${address}:${PORT}`).map((i) => i.reason);
    expect(from('127.92.4.1')).toHaveLength(2); // both attempts
    expect(from('127.92.4.1').every((r) => r.startsWith('malformed reply'))).toBe(true);
    expect(from('127.92.4.2')).toHaveLength(2);
    expect(from('127.92.4.2').every((r) => /request id|another host than asked/.test(r))).toBe(true);
    expect(from('127.92.4.3')).toEqual([]);
  });

  it('stops sending at once when cancelled and resolves with what it found', async () => {
    sim = await startSimulator({ devices: [printer('early', '127.93.1.1')], port: PORT });
    let sentOnWire = 0;
    const countingSocket = (): Socket => {
      const socket = createSocket('udp4');
      const send = socket.send.bind(socket) as (...args: unknown[]) => void;
      (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
        sentOnWire++;
        send(...args);
      };
      return socket;
    };
    const counting = createSnmpScanner({ bindAddress: '127.0.0.1', socketFactory: countingSocket });
    const controller = new AbortController();
    let atAbort = -1;
    const options: ScanOptions = {
      ...FAST,
      ratePerSecond: 2000,
      credentials: [PUBLIC],
      signal: controller.signal,
      onAnswer: () => {
        // The device is address 255 of a /16 that would take ~65 s at this rate.
        atAbort = sentOnWire;
        controller.abort();
      },
    };
    const summary = await counting.scan(range16('127.93'), options);
    expect(summary.cancelled).toBe(true);
    expect(summary.answers.map((a) => a.address)).toEqual(['127.93.1.1']);
    expect(summary.sent).toBe(atAbort);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentOnWire).toBe(atAbort);
    expect(summary.addressesDone).toBeLessThan(1000);
    await counting.close();
  });

  it('finds a v3-only device through the SnmpClient with the v3 credential set', async () => {
    const user = { name: 'scanner', level: 'authPriv' as const, authProtocol: 'sha' as const, authKey: 'auth-pass-1', privProtocol: 'aes' as const, privKey: 'priv-pass-1' };
    sim = await startSimulator({ devices: [printer('v3-only', '127.92.5.1', { communities: [], v3Users: [user] })], port: PORT });
    const snmp = createSnmpClient({ bindAddress: '127.0.0.1' });
    const v3Scanner = createSnmpScanner({ bindAddress: '127.0.0.1', snmp });
    try {
      const credentials: ScanCredential[] = [
        PUBLIC,
        { version: 'v3', v3: { user: 'scanner', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-1', privProtocol: 'aes', privKey: 'priv-pass-1' } },
      ];
      const summary = await v3Scanner.scan(['127.92.5.1', '127.92.5.2'], { ...FAST, credentials });
      expect(summary.answers).toHaveLength(1);
      expect(summary.answers[0]).toMatchObject({ address: '127.92.5.1', credentialIndex: 1, isPrinter: true, via: 'unicast' });
      expect(summary.answers[0]?.sysName).toBeTruthy();
      expect(summary.addressesDone).toBe(2);
    } finally {
      await v3Scanner.close();
      await snmp.close();
    }
  });

  it('answers once per address listed twice', async () => {
    sim = await startSimulator({ devices: [printer('twice', '127.92.6.1')], port: PORT });
    const summary = await scanner.scan(['127.92.6.1', '127.92.6.1'], { ...FAST, credentials: [PUBLIC] });
    expect(summary.answers.map((a) => a.address)).toEqual(['127.92.6.1']);
  });

  it('rejects bad input with what and where', async () => {
    await expect(scanner.scan(['127.92.7.1', 'printer.local'], { ...FAST, credentials: [PUBLIC] })).rejects.toThrow('SNMP scan: address #2 ("printer.local") is not an IPv4 address');
    await expect(scanner.scan(['127.92.7.1'], { ...FAST, ratePerSecond: 0, credentials: [PUBLIC] })).rejects.toThrow(/ratePerSecond must be 1–50000, got 0/);
    const v3: ScanCredential = { version: 'v3', v3: { user: 'u', level: 'noAuthNoPriv' } };
    await expect(scanner.scan(['127.92.7.1'], { ...FAST, credentials: [v3] })).rejects.toThrow(/need the scanner to be created with an SnmpClient/);
  });
});

function* range16(prefix: string): Generator<string> {
  for (let third = 0; third < 256; third++) for (let fourth = 1; fourth < 255; fourth++) yield `${prefix}.${third}.${fourth}`;
}
