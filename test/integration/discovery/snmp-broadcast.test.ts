import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSnmpScanner, type ScanCredential } from '../../../src-main/core/discovery/snmp-scan/snmp-scanner';
import { loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';

/**
 * SNMP broadcast to 127.255.255.255 against the simulator's broadcast listener. Only loopback:
 * this file's devices live in 127.94/16 and its broadcasts use ports 11161–11169.
 */

const BROADCAST = '127.255.255.255';
const PUBLIC: ScanCredential = { version: 'v2c', community: 'public' };
const profiles = loadDemoProfiles();

function fleet(count: number, third: number, extra: (i: number) => Partial<SimulatedDeviceSpec> = () => ({})): SimulatedDeviceSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bc-${third}-${i}`,
    address: `127.94.${third}.${i + 1}`,
    varbinds: (profiles[i % profiles.length] as { varbinds: SimulatedDeviceSpec['varbinds'] }).varbinds,
    ...extra(i),
  }));
}

let sim: Simulator | null = null;
const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });

afterEach(async () => {
  await sim?.close();
  sim = null;
});
afterAll(() => scanner.close());

describe('SNMP broadcast', () => {
  it('finds every simulated device once, each answering from its own address', async () => {
    const devices = fleet(12, 0);
    sim = await startSimulator({ devices, port: 11161, broadcastListener: {} });
    const seen: string[] = [];
    const ignored: string[] = [];
    const summary = await scanner.broadcast(BROADCAST, {
      port: 11161,
      credentials: [PUBLIC],
      timeoutMs: 150,
      retries: 1,
      waitMs: 250,
      onAnswer: (a) => seen.push(a.address),
      onIgnoredReply: (reason, sender) => ignored.push(`${sender}: ${reason}`),
    });
    const expected = devices.map((d) => d.address).sort();
    expect(summary.answers.map((a) => a.address).sort()).toEqual(expected);
    expect(seen.sort()).toEqual(expected);
    expect(summary.answers.every((a) => a.via === 'broadcast' && a.isPrinter && a.port === 11161 && a.credentialIndex === 0)).toBe(true);
    // Two rounds, one credential set; every device answered both (the repeats are not news).
    expect(summary.sent).toBe(2);
    expect(sim.stats().responses).toBe(24);
    expect(ignored).toEqual([]);
  });

  it('honours each device’s community and faults, and tries credential sets per round', async () => {
    const devices = fleet(6, 1, (i) => (i === 0 ? { communities: ['private'] } : i === 1 ? { faults: { silent: true } } : i === 2 ? { faults: { malformed: true } } : {}));
    sim = await startSimulator({ devices, port: 11162, broadcastListener: {} });
    const ignored: Array<{ reason: string; sender: string }> = [];
    const credentials: ScanCredential[] = [PUBLIC, { version: 'v3', v3: { user: 'skipped', level: 'noAuthNoPriv' } }, { version: 'v1', community: 'private' }];
    const summary = await scanner.broadcast(BROADCAST, { port: 11162, credentials, timeoutMs: 100, retries: 0, waitMs: 250, onIgnoredReply: (reason, sender) => ignored.push({ reason, sender }) });
    const found = new Map(summary.answers.map((a) => [a.address, a.credentialIndex]));
    expect([...found.keys()].sort()).toEqual(['127.94.1.1', '127.94.1.4', '127.94.1.5', '127.94.1.6']);
    expect(found.get('127.94.1.1')).toBe(2);
    expect(found.get('127.94.1.4')).toBe(0);
    expect(summary.sent).toBe(2); // the v3 set cannot be broadcast
    expect(ignored.some((i) => i.sender === '127.94.1.3:11162' && i.reason.startsWith('malformed reply'))).toBe(true);
  });

  it('asks a v1 agent whose MIB ends early again, unicast, to learn what it is', async () => {
    const text = (s: string) => ({ type: 'OctetString' as const, value: new TextEncoder().encode(s) });
    const hub: SimulatedDeviceSpec = {
      name: 'old-hub',
      address: '127.94.2.1',
      varbinds: [
        { oid: '1.3.6.1.2.1.1.1.0', value: text('Hub 8-port') },
        { oid: '1.3.6.1.2.1.1.5.0', value: text('old-hub') },
      ],
    };
    sim = await startSimulator({ devices: [hub, ...fleet(2, 2).map((d, i) => ({ ...d, address: `127.94.2.${i + 2}` }))], port: 11163, broadcastListener: {} });
    const summary = await scanner.broadcast(BROADCAST, { port: 11163, credentials: [{ version: 'v1', community: 'public' }], timeoutMs: 150, retries: 0, waitMs: 200 });
    const answers = new Map(summary.answers.map((a) => [a.address, a]));
    expect(answers.size).toBe(3);
    expect(answers.get('127.94.2.1')).toMatchObject({ sysDescr: 'Hub 8-port', sysName: 'old-hub', isPrinter: false, via: 'broadcast' });
    expect(answers.get('127.94.2.2')?.isPrinter).toBe(true);
  });

  it('with the listener bound to 127.255.255.255, answers broadcasts but not unicast to an empty address', async () => {
    sim = await startSimulator({ devices: fleet(3, 3), port: 11164, broadcastListener: { bindAddress: '127.255.255.255' } });
    const broadcast = await scanner.broadcast(BROADCAST, { port: 11164, credentials: [PUBLIC], timeoutMs: 100, retries: 0, waitMs: 200 });
    expect(broadcast.answers).toHaveLength(3);
    const unicast = await scanner.scan(['127.94.3.200', '127.94.3.1'], { port: 11164, credentials: [PUBLIC], timeoutMs: 150, retries: 0 });
    expect(unicast.answers.map((a) => a.address)).toEqual(['127.94.3.1']);
  });

  it('rejects what it cannot do, naming it', async () => {
    await expect(scanner.broadcast(BROADCAST, { port: 11165, credentials: [{ version: 'v3', v3: { user: 'u', level: 'noAuthNoPriv' } }] })).rejects.toThrow(
      /needs at least one v1\/v2c credential set/,
    );
    await expect(scanner.broadcast('everyone', { port: 11165, credentials: [PUBLIC] })).rejects.toThrow(/"everyone" is not an IPv4 broadcast address/);
    await expect(startSimulator({ devices: fleet(1, 4), port: 0, broadcastListener: {} })).rejects.toThrow(/broadcastListener: port must be 1–65535/);
  });
});
