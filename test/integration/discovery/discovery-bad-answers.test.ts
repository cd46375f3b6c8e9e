import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import type { CommandIo } from '../../../src-main/cli/poll-command';
import { startMdnsResponder, type MdnsResponder } from '../../../src-main/simulator/mdns-responder';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import { startSlpResponder, type SlpResponder } from '../../../src-main/simulator/slp-responder';
import { internalContext } from '../../../src-shared/auth/call-context';
import { discoveryRequestSchema } from '../../../src-shared/contract/discovery.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { openCore, type CoreRig } from './discovery-rig';

/**
 * One bad answer must not fail a search, and a method that cannot run must not pass for a
 * search that succeeded (issue 15, items 1 and 2). Loopback 127.151/16; SNMP port 17171, SLP
 * 17172, mDNS 17173 and 17174.
 */

const PORT = 17171;
const SLP_PORT = 17172;
const MDNS_PORT = 17173;
const BLOCKED_MDNS_PORT = 17174;
const OPTIONS = { port: PORT, timeoutMs: 300, retries: 1, ratePerSecond: 5000 };

let simulator: Simulator;
let rig: CoreRig;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: PORT, baseAddress: '127.151.0.1', devices: answeringDemoFleet(3, 151) });
  rig = await openCore(':memory:');
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await rig?.core.dispose();
  await simulator?.close();
});

const printer = (i: number): string => simulator.devices[i]?.address as string;

describe('a bad answer is logged and skipped, never the end of the search', () => {
  it('reports an SLP service at an IPv6 address as found but not searched, and reads the IPv4 printer', async () => {
    const slp: SlpResponder = await startSlpResponder({
      bindAddress: '0.0.0.0',
      port: SLP_PORT,
      services: [
        { replyFrom: printer(0), url: `service:printer:lpr://${printer(0)}/queue` },
        { replyFrom: '127.151.9.1', url: 'service:printer:raw://[::1]:9100' },
        // Not a host a device can be at: logged, not probed.
        { replyFrom: '127.151.9.2', url: 'service:printer:raw://224.0.0.1:9100' },
      ],
    });
    closers.push(() => slp.close());
    const { run, results } = await rig.search({ methods: [{ kind: 'slp', group: '127.255.255.255', port: SLP_PORT, waitMs: 500 }], options: OPTIONS });
    expect(run).toMatchObject({ state: 'succeeded', error: null });
    const byAddress = Object.fromEntries(results.map((r) => [r.address, r]));
    expect(byAddress[printer(0)]).toMatchObject({ outcome: 'new', methods: ['slp'] });
    expect(byAddress['::1']).toMatchObject({ outcome: 'skipped', methods: ['slp'], deviceId: null, label: 'service:printer:raw://[::1]:9100' });
    expect(byAddress['::1']?.message).toMatch(/IPv6.*not searched yet/);
    expect(Object.keys(byAddress).sort()).toEqual([printer(0), '::1'].sort());
    expect(run.counts).toMatchObject({ new: 1, skipped: 1, failed: 0 });
    expect(rig.log.join('\n')).toMatch(/224\.0\.0\.1 is a multicast.*skipped/);
  });

  it('ignores an mDNS answer whose A record holds 3 bytes, and reads the printer another answer names', async () => {
    const good: MdnsResponder = await startMdnsResponder({
      group: '127.255.255.255',
      port: MDNS_PORT,
      services: [{ instance: 'Lobby', service: '_ipp._tcp', host: 'lobby.local', address: printer(1), port: 631 }],
    });
    closers.push(() => good.close());
    const bad = await startShortARecordResponder(MDNS_PORT, '127.151.9.3');
    closers.push(() => bad.close());
    const { run, results } = await rig.search({ methods: [{ kind: 'mdns', group: '127.255.255.255', port: MDNS_PORT, waitMs: 600 }], options: OPTIONS });
    expect(run).toMatchObject({ state: 'succeeded', error: null });
    expect(results.map((r) => `${r.address} ${r.outcome}`)).toEqual([`${printer(1)} new`]);
    expect(bad.answered()).toBeGreaterThan(0);
    expect(rig.log.join('\n')).toMatch(/127\.151\.9\.3:17173: malformed DNS message: record \d+ at byte \d+: A record with 3 bytes of data \(4 expected\)/);
  });
});

describe('a method that cannot run is a bad argument or a failed search, never a success', () => {
  it.each([
    ['an SLP group that is no address', { kind: 'slp', group: '999.1.1.1' }, 'group'],
    ['a unicast mDNS group', { kind: 'mdns', group: '127.0.0.1' }, 'group'],
    ['a broadcast to a name', { kind: 'broadcast', address: 'printers.example.test' }, 'address'],
    ['an IPv6 NetBIOS name server', { kind: 'names', names: ['PRN-1'], nbnsServer: '::1' }, 'nbnsServer'],
  ] as const)('refuses %s before anything runs, naming the method and option', async (_, method, field) => {
    const request = discoveryRequestSchema.parse({ methods: [{ kind: 'addresses', spec: printer(0) }, method], options: OPTIONS });
    const before = (await rig.core.discovery.listRuns({ limit: 1000 }, internal)).runs.length;
    let error: unknown;
    try {
      rig.core.discovery.begin(request);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid-argument', details: { method: 1, kind: method.kind, field } });
    expect((error as AppError).message).toMatch(new RegExp(`^method 2 \\(${method.kind}\\): `));
    expect((await rig.core.discovery.listRuns({ limit: 1000 }, internal)).runs.length).toBe(before);
  });

  it('refuses a broadcast when every credential set is SNMPv3', () => {
    const request = discoveryRequestSchema.parse({ methods: [{ kind: 'broadcast' }], options: { ...OPTIONS, credentials: [{ version: 'v3', user: 'u', level: 'noAuthNoPriv' }] } });
    expect(() => rig.core.discovery.begin(request)).toThrow(/SNMPv3 cannot be broadcast/);
  });

  it('ends the search failed, naming the method, when one cannot bind its socket; the other methods still ran', async () => {
    const blocker = await bindExclusively(BLOCKED_MDNS_PORT);
    closers.push(() => new Promise<void>((done) => blocker.close(() => done())));
    const { run, results } = await rig.search({
      methods: [
        { kind: 'addresses', spec: printer(2) },
        { kind: 'mdns', group: '127.255.255.255', port: BLOCKED_MDNS_PORT, waitMs: 300 },
      ],
      options: OPTIONS,
    });
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/^mDNS failed: mDNS browse could not listen on 127\.255\.255\.255:17174: .*EADDRINUSE/);
    expect(results.map((r) => `${r.address} ${r.outcome}`)).toEqual([`${printer(2)} new`]);
  });
});

describe('printdeck discover with a method that cannot run', () => {
  function io(): CommandIo & { text: () => string } {
    const lines: string[] = [];
    return { out: (line) => lines.push(line), err: (line) => lines.push(line), text: () => lines.join('\n') };
  }

  it.each([
    [['--slp-group', '999.1.1.1'], /--slp-group: method 1 \(slp\): SLP search: group "999\.1\.1\.1" is not an IPv4/],
    [['--mdns-group', '127.0.0.1'], /--mdns-group: method 1 \(mdns\): mDNS browse: group "127\.0\.0\.1" is neither an IPv4 multicast group/],
    [['--broadcast', '--v3-user', 'u'], /--community: method 1 \(broadcast\): an SNMP broadcast needs a v1\/v2c community/],
  ])('exits 2 for %j, naming the option, and searches nothing', async (args, message) => {
    const out = io();
    const code = await main(['discover', ...args, '--port', String(PORT), '--quiet'], out);
    expect(code, out.text()).toBe(2);
    expect(out.text()).toMatch(message);
    expect(out.text()).not.toMatch(/Search succeeded/);
  });

  it('exits 1 and says why when its only method fails at run time', async () => {
    const blocker = await bindExclusively(BLOCKED_MDNS_PORT);
    closers.push(() => new Promise<void>((done) => blocker.close(() => done())));
    const out = io();
    const code = await main(['discover', '--mdns-group', `127.255.255.255:${BLOCKED_MDNS_PORT}`, '--wait', '300', '--port', String(PORT), '--quiet'], out);
    expect(code, out.text()).toBe(1);
    expect(out.text()).toMatch(/Search failed/);
    expect(out.text()).toMatch(/Why: mDNS failed: .*EADDRINUSE/);
  });
});

const internal = internalContext('cli');

/** A socket on 0.0.0.0:port without SO_REUSEADDR: nobody else can bind the port while it is open. */
function bindExclusively(port: number): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: false });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '0.0.0.0', () => resolve(socket));
  });
}

/**
 * An mDNS responder that answers every query with a whole instance (PTR, SRV, TXT) whose
 * target's A record declares and holds 3 bytes, as the last record of the datagram: dns-packet
 * reads it as "127.151.9.undefined".
 */
async function startShortARecordResponder(port: number, from: string): Promise<{ answered: () => number; close: () => Promise<void> }> {
  const listener = createSocket({ type: 'udp4', reuseAddr: true });
  const sender = createSocket({ type: 'udp4', reuseAddr: true });
  await Promise.all([
    new Promise<void>((resolve) => listener.bind(port, '0.0.0.0', () => resolve())),
    new Promise<void>((resolve) => sender.bind(port, from, () => resolve())),
  ]);
  sender.setBroadcast(true);
  const record = (name: string, type: number, data: Buffer): Buffer => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(type, 0);
    fixed.writeUInt16BE(0x8001, 2); // class IN, cache-flush
    fixed.writeUInt32BE(120, 4);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([dnsName(name), fixed, data]);
  };
  const srv = Buffer.concat([Buffer.from([0, 0, 0, 0, 0x02, 0x77]), dnsName('broken.local')]);
  const txt = Buffer.concat([Buffer.from([12]), Buffer.from('rp=ipp/print')]);
  // RDLENGTH 3 and three bytes of address, the last bytes of the datagram.
  const shortA = record('broken.local', 1, Buffer.from(from.split('.').slice(0, 3).map(Number)));
  const header = Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
  const short = Buffer.concat([
    header,
    record('_ipp._tcp.local', 12, dnsName('Broken._ipp._tcp.local')),
    record('Broken._ipp._tcp.local', 33, srv),
    record('Broken._ipp._tcp.local', 16, txt),
    shortA,
  ]);
  let answered = 0;
  listener.on('message', (message: Buffer) => {
    // A query: QR bit clear (responses to the group come back to this listener too).
    if (message.length < 12 || (message[2] as number) & 0x80) return;
    answered += 1;
    sender.send(short, port, '127.255.255.255');
  });
  return {
    answered: () => answered,
    close: () => Promise.all([listener, sender].map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => undefined),
  };
}

function dnsName(name: string): Buffer {
  return Buffer.concat([...name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])), Buffer.from([0])]);
}
