import type { RemoteInfo } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ListeningClock } from '../../../src-main/core/snmp/listening-clock';
import { RateGovernor, RECOVERY_STEP_MS } from '../../../src-main/core/discovery/snmp-scan/rate-governor';
import { procNetUdpDrops } from '../../../src-main/core/discovery/snmp-scan/receive-drops';
import { resolveOptions } from '../../../src-main/core/discovery/snmp-scan/scan-options';
import { DROPS_EVERY_MS, DROPS_EVERY_MS_MAX, dropsInterval } from '../../../src-main/core/discovery/snmp-scan/scan-pacer';
import { ScanRun, type ScanSocket } from '../../../src-main/core/discovery/snmp-scan/scan-run';
import type { ScanOptions, ScanSummary } from '../../../src-main/core/discovery/snmp-scan/scan-types';
import { decodeCommunityMessage, encodeCommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * The scan's back-off and its retries of silent addresses, against a fake socket on fake
 * timers: every figure is exact, nothing waits on the wall clock.
 */

const PORT = 161;
const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new TextEncoder().encode(s) });
const OID = (value: string): SnmpValue => ({ type: 'ObjectIdentifier', value });

/** A printer's answer to the full probe. */
const PRINTER_REPLY: VarBind[] = [
  { oid: '1.3.6.1.2.1.1.1.0', value: text('Printer') },
  { oid: '1.3.6.1.2.1.1.2.0', value: OID('1.3.6.1.4.1.11.2.3.9.1') },
  { oid: '1.3.6.1.2.1.1.5.0', value: text('npi') },
  { oid: '1.3.6.1.2.1.43.5.1.1.1.1', value: { type: 'Counter32', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.5.1.1.1', value: { type: 'Integer', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: OID('1.3.6.1.2.1.25.3.1.5') },
];

/** How one address behaves: answers each probe after `delayMs`, or only from attempt `answerFrom` on, or never. */
interface Peer {
  delayMs: number;
  /** Attempts (0-based) before this one go unanswered: a lost probe. */
  answerFrom?: number;
  /** Held back until the test releases it: a reply waiting in the socket while the event loop is stalled. */
  hold?: boolean;
}

/** The network behind the fake socket: peers by address, everything else silent. */
class FakeNetwork implements ScanSocket {
  readonly sends = new Map<string, number>();
  readonly sendTimes: number[] = [];
  /** Send times per address. */
  readonly sendsTo = new Map<string, number[]>();
  readonly held: Array<() => void> = [];
  private listener: ((msg: Buffer, rinfo: RemoteInfo) => void) | null = null;

  constructor(private readonly peers: ReadonlyMap<string, Peer>) {}

  send(msg: Uint8Array, port: number, address: string): void {
    const attempt = this.sends.get(address) ?? 0;
    this.sends.set(address, attempt + 1);
    this.sendTimes.push(Date.now());
    this.sendsTo.set(address, [...(this.sendsTo.get(address) ?? []), Date.now()]);
    const peer = this.peers.get(address);
    if (!peer || attempt < (peer.answerFrom ?? 0)) return;
    const request = decodeCommunityMessage(msg);
    const reply = encodeCommunityMessage({ ...request, pdu: { type: 'response', requestId: request.pdu.requestId, errorStatus: 0, errorIndex: 0, varbinds: PRINTER_REPLY } });
    const deliver = (): void => this.listener?.(Buffer.from(reply), { address, port, family: 'IPv4', size: reply.length });
    if (peer.hold) this.held.push(deliver);
    else setTimeout(deliver, peer.delayMs);
  }

  on(_event: 'message', listener: (msg: Buffer, rinfo: RemoteInfo) => void): this {
    this.listener = listener;
    return this;
  }

  /** Sends per address, as counted. */
  sent(address: string): number {
    return this.sends.get(address) ?? 0;
  }
}

/** Wall time as the scan sees it: the fake timers' clock, plus the stalls a test adds. */
let stalled = 0;
const wall = (): number => Date.now() + stalled;

function addresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`);
}

function start(
  network: FakeNetwork,
  list: string[],
  options: Partial<ScanOptions>,
  readDrops?: () => Promise<number | null>,
): { run: ScanRun; done: Promise<ScanSummary> } {
  const scanOptions: ScanOptions = { port: PORT, timeoutMs: 1000, retries: 1, ratePerSecond: 1000, credentials: [{ version: 'v2c', community: 'public' }], ...options };
  const run = new ScanRun(network, resolveOptions(scanOptions, 'scan'), scanOptions, { addresses: list[Symbol.iterator]() }, { now: wall, readDrops });
  return { run, done: run.run() };
}

/** Runs fake time forward until the scan resolves (at most `limitMs` of it). */
async function finish(done: Promise<ScanSummary>, limitMs = 60_000): Promise<ScanSummary> {
  let summary: ScanSummary | null = null;
  void done.then((s) => (summary = s));
  for (let t = 0; t < limitMs && summary === null; t += 10) await vi.advanceTimersByTimeAsync(10);
  if (summary === null) throw new Error(`scan still running after ${limitMs} ms of fake time`);
  return summary;
}

beforeEach(() => {
  stalled = 0;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SNMP scan: answers that come late, and back-off', () => {
  it('counts an answer that comes after its deadline (retries 0), once, and halves the rate for it', async () => {
    const list = addresses(2000); // two seconds of sending at 1,000/s: the scan still listens at 1.5 s
    const peers = new Map<string, Peer>(list.slice(0, 10).map((a) => [a, { delayMs: 1 }]));
    peers.set('10.0.0.30', { delayMs: 1500 }); // given up at 1 s, answers at 1.5 s
    const network = new FakeNetwork(peers);
    const summary = await finish(start(network, list, { retries: 0 }).done);
    expect(summary.answers.map((a) => a.address).sort()).toEqual([...list.slice(0, 10), '10.0.0.30'].sort());
    expect(summary.addressesDone).toBe(2000);
    expect(network.sent('10.0.0.30')).toBe(1);
    expect(summary.pacing).toEqual({ backoffs: 1, lowestRatePerSecond: 500, slowAnswers: 1, lateAnswers: 1, receiveDrops: null });
  });

  it('retries only the silent addresses, and a lost first probe is found by its retry without slowing the scan', async () => {
    const list = addresses(60);
    const peers = new Map<string, Peer>(list.slice(0, 20).map((a) => [a, { delayMs: 2 }]));
    for (const a of list.slice(20, 25)) peers.set(a, { delayMs: 2, answerFrom: 1 }); // the first probe is lost
    const network = new FakeNetwork(peers);
    const summary = await finish(start(network, list, { retries: 2 }).done);
    expect(summary.answers).toHaveLength(25);
    for (const a of list.slice(0, 20)) expect(network.sent(a)).toBe(1);
    for (const a of list.slice(20, 25)) expect(network.sent(a)).toBe(2);
    for (const a of list.slice(25)) expect(network.sent(a)).toBe(3);
    expect(summary.sent).toBe(20 + 5 * 2 + 35 * 3);
    // Quick answers to the retries: loss, not queueing. Retries handle it; the rate stays.
    expect(summary.pacing).toMatchObject({ backoffs: 0, lowestRatePerSecond: 1000, slowAnswers: 0, lateAnswers: 0 });
  });

  it('keeps sending new addresses while retries are not overdue, so a first pass of about one timeout leaves no idle gap', async () => {
    // 1,500 silent addresses at 1,000/s, timeout 1 s: 3,000 packets. Retries first would stop the
    // first pass at 1 s for the retries, send its last 500 addresses at 2–2.5 s and wait for their
    // retries until 3.5 s; now the sends run without a gap to 3 s.
    const list = addresses(1500);
    const network = new FakeNetwork(new Map());
    const started = Date.now();
    const summary = await finish(start(network, list, { retries: 1 }).done);
    expect(summary.sent).toBe(3000);
    const times = network.sendTimes.map((t) => t - started);
    expect(times[times.length - 1]).toBeLessThanOrEqual(3020);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10);
    expect(summary.durationMs).toBeLessThanOrEqual(4050);
  });

  it('sends a silent address’s retry at most one timeout after its deadline, even while new addresses remain', async () => {
    const list = addresses(4000); // four timeouts of first pass at 1,000/s
    const network = new FakeNetwork(new Map());
    await finish(start(network, list, { retries: 1 }).done);
    for (const address of list) {
      const [first, second] = network.sendsTo.get(address) ?? [];
      expect(second, address).toBeDefined();
      // Due 1 s after the first attempt; waits at most one more timeout (plus a tick or two).
      expect((second as number) - (first as number), address).toBeLessThanOrEqual(2030);
    }
  });

  it('halves the rate when the receive buffer drops replies, sends at that rate, then climbs back to the rate asked', async () => {
    const list = addresses(3000);
    const network = new FakeNetwork(new Map(list.filter((_, i) => i % 10 === 0).map((a) => [a, { delayMs: 1 }])));
    // The kernel's count for the socket: 0, then 7 drops at the second reading, then no more.
    let readings = 0;
    const readDrops = async (): Promise<number> => (++readings >= 2 ? 7 : 0);
    const { done } = start(network, list, { retries: 0, ratePerSecond: 2000 }, readDrops);
    await vi.advanceTimersByTimeAsync(DROPS_EVERY_MS + 50); // the second reading says 7
    const cutAt = Date.now();
    await vi.advanceTimersByTimeAsync(50); // the rate climbs back from 100 ms after the cut
    const sentAfterCut = network.sendTimes.filter((t) => t > cutAt).length;
    const summary = await finish(done);
    expect(summary.pacing).toMatchObject({ backoffs: 1, lowestRatePerSecond: 1000, receiveDrops: 7 });
    // At 1,000/s instead of 2,000/s while cut: about 50 packets in those 50 ms, not 100.
    expect(sentAfterCut).toBeLessThanOrEqual(60);
    // Back to 2,000/s: the last 200 ms of sending carry about 400 packets.
    const last = network.sendTimes[network.sendTimes.length - 1] as number;
    expect(network.sendTimes.filter((t) => t > last - 200).length).toBeGreaterThanOrEqual(380);
    expect(summary.answers).toHaveLength(300);
  });

  it('reads the drops less often when a reading is costly (a namespace with many UDP sockets), never less than every 2 s', async () => {
    expect([0, 1, 5, 12, 27, 100, Number.NaN].map(dropsInterval)).toEqual([DROPS_EVERY_MS, DROPS_EVERY_MS, DROPS_EVERY_MS, 600, 1350, DROPS_EVERY_MS_MAX, DROPS_EVERY_MS]);
    const list = addresses(3000); // three seconds of sending at 1,000/s
    const network = new FakeNetwork(new Map(list.filter((_, i) => i % 10 === 0).map((a) => [a, { delayMs: 1 }])));
    let readings = 0;
    // Each reading takes 12 ms (its cost), and from the second on reports drops: the scan still slows down.
    const readDrops = (): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(++readings >= 2 ? 7 : 0), 12));
    const summary = await finish(start(network, list, { retries: 0 }, readDrops).done);
    // Every 600 ms instead of every 250 ms: about 4000 / 600 readings, not 4000 / 250.
    expect(readings).toBeGreaterThanOrEqual(5);
    expect(readings).toBeLessThanOrEqual(8);
    expect(summary.pacing).toMatchObject({ backoffs: 1, receiveDrops: 7 });
    expect(summary.answers).toHaveLength(300);
  });

  it('does not let a stalled event loop expire probes whose answers wait in the socket', async () => {
    const list = addresses(20);
    const peers = new Map<string, Peer>(list.slice(0, 5).map((a) => [a, { delayMs: 0, hold: true }]));
    const network = new FakeNetwork(peers);
    const { done } = start(network, list, { retries: 1 });
    await vi.advanceTimersByTimeAsync(100); // all 20 probes sent; the answers are in the socket, unread
    expect(network.held).toHaveLength(5);
    stalled = 5000; // the loop stalls for 5 s: no timer, no read
    await vi.advanceTimersByTimeAsync(2); // after the stall the timer runs first …
    for (const deliver of network.held) deliver(); // … then the socket is read
    const summary = await finish(done);
    expect(summary.answers).toHaveLength(5);
    for (const a of list.slice(0, 5)) expect(network.sent(a)).toBe(1); // no retry for an answer that had come
    expect(summary.pacing).toMatchObject({ backoffs: 0, slowAnswers: 0, lateAnswers: 0 });
    expect(summary.stalledMs).toBeGreaterThanOrEqual(4900);
  });

  it('lets a given-up address route its answers for one more timeout only', async () => {
    const list = addresses(2500); // sending lasts 2.5 s: the scan listens past both answers
    const peers = new Map<string, Peer>([
      ['10.0.0.1', { delayMs: 1 }],
      ['10.0.0.2', { delayMs: 1900 }], // one timeout after giving up (1 s) minus a little: counts
      ['10.0.0.3', { delayMs: 2100 }], // after that: ignored as late
    ]);
    const network = new FakeNetwork(peers);
    const ignored: string[] = [];
    const { done } = start(network, list, { retries: 0, onIgnoredReply: (reason, sender) => ignored.push(`${sender} ${reason}`) });
    const summary = await finish(done);
    expect(summary.answers.map((a) => a.address).sort()).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(ignored).toEqual([expect.stringMatching(/^10\.0\.0\.3:161 late or repeated reply/)]);
    expect(summary.addressesDone).toBe(2500);
  });
});

describe('rate governor', () => {
  it('halves on a slow answer once per cool-down, never below its floor, and climbs back by a tenth per clean interval', () => {
    const governor = new RateGovernor(10_000, 1000, 0);
    expect(governor.onAnswer(1, 0)).toBe(false); // fastest so far
    expect(governor.onAnswer(400, 10)).toBe(false); // within half the headroom (1 + 999 / 2)
    expect(governor.onAnswer(600, 20)).toBe(true);
    expect(governor.rate).toBe(5000);
    governor.onAnswer(700, 30); // same episode: within the cool-down
    expect(governor.rate).toBe(5000);
    for (let t = 30 + governor.coolDownMs, i = 0; i < 10; i++, t += governor.coolDownMs) governor.onReceiveDrops(1, t);
    expect(governor.rate).toBe(governor.floor);
    expect(governor.floor).toBe(156.25); // 1/64 of the rate asked
    expect(governor.backoffs).toBe(6);
    let t = 10_000;
    while (governor.rate < 10_000) governor.onTick((t += RECOVERY_STEP_MS));
    expect(governor.lowestRate).toBe(governor.floor);
    expect(governor.rate).toBe(10_000);
  });

  it('takes a long but steady round trip as the path, not as queueing', () => {
    const governor = new RateGovernor(1000, 1000, 0);
    for (let t = 0; t < 2000; t += 10) expect(governor.onAnswer(600 + (t % 50), t)).toBe(false);
    expect(governor.backoffs).toBe(0);
  });
});

describe('listening clock', () => {
  it('counts a stall only up to its step, and never goes back', () => {
    let t = 0;
    const clock = new ListeningClock(() => t, 50);
    t = 10;
    expect(clock.advance()).toBe(10);
    t = 5010; // a 5 s stall
    expect(clock.now()).toBe(60);
    expect(clock.advance()).toBe(60);
    expect(clock.stalledMs).toBe(4950);
    t = 5030;
    expect(clock.now()).toBe(80);
  });
});

describe('receive drops from /proc/net/udp', () => {
  const TABLE = [
    '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
    '  120: 0100007F:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 812341 2 0000000000000000 17',
    '  121: 00000000:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 812342 2 0000000000000000 3',
  ].join('\n');

  it('reads the drops of the socket bound to that address and port', () => {
    expect(procNetUdpDrops(TABLE, '127.0.0.1', 0x9c41, true)).toBe(17);
    expect(procNetUdpDrops(TABLE, '0.0.0.0', 0x9c41, true)).toBe(3);
    expect(procNetUdpDrops(TABLE, '127.0.0.1', 0x9c42, true)).toBeNull();
    expect(procNetUdpDrops(TABLE.replace('0100007F', '7F000001'), '127.0.0.1', 0x9c41, false)).toBe(17);
  });
});
