import type { RemoteInfo } from 'node:dgram';
import type { Pdu } from '../../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpClient, SnmpV3Credentials } from '../../snmp/snmp-client';
import { AddressFeed } from './address-feed';
import { AddressProbe, type Route } from './address-probe';
import { BroadcastRounds } from './broadcast-rounds';
import { DeadlineQueue } from './deadline-queue';
import { LingeringProbes } from './lingering-probes';
import { ListeningClock } from '../../snmp/listening-clock';
import { encodeLook, FULL_MASK, interpretLookReply, interpretProbeReply, ProbeTemplates, writeProbe, type ProbeFindings } from './probe-codec';
import { classifyReply } from './reply-classifier';
import { RequestIds } from './request-ids';
import type { ResolvedOptions } from './scan-options';
import { ScanPacer } from './scan-pacer';
import { SendOrder } from './send-order';
import type { ProbeAnswer, ScanOptions, ScanProgress, ScanSummary } from './scan-types';
import { probeV3 } from './v3-probe';

const PROGRESS_EVERY_MS = 100;
/** A gap between ticks longer than this is a stall of the event loop: only this much of it counts against deadlines. */
export const STALL_MS = 50;
/** Packets an SNMPv3 attempt costs: engine discovery and the request (the client caches neither across addresses). */
const V3_PACKETS = 2;

export interface RunSource {
  /** Unicast: the addresses, pulled one at a time as sending allows. */
  addresses?: Iterator<string>;
  /** Broadcast: where the probe goes (replies from every sender count). */
  broadcastAddress?: string;
}

type Callbacks = Pick<ScanOptions, 'onAnswer' | 'onProgress' | 'onIgnoredReply'>;

/** What a scan needs of its UDP socket (a node:dgram Socket, bound; a fake in unit tests). */
export interface ScanSocket {
  /** Sends without waiting; a failure without a callback is silence, which the deadline handles. */
  send(msg: Uint8Array, port: number, address: string, callback?: (error: Error | null) => void): void;
  on(event: 'message', listener: (msg: Buffer, rinfo: RemoteInfo) => void): unknown;
}

export interface ScanRunDeps {
  /** Needed for SNMPv3 credential sets. */
  snmp?: SnmpClient;
  /** Wall time, ms. */
  now: () => number;
  /** The scan socket's receive drops so far (null: unknown); never rejects. Absent: not watched. */
  readDrops?: () => Promise<number | null>;
}

/**
 * One scan or broadcast on its own socket: paces sends (slower while answers queue or the
 * receive buffer drops them), bounds requests in flight, retries silent addresses, moves to the
 * next credential set, and settles each address once. One interval timer drives deadlines,
 * pacing and progress; replies are handled as they come. Deadlines run on listening time
 * (event-loop stalls do not count), and an address given up keeps routing its answers for
 * another timeout, so a reply that waited in the socket, or came slow, still finds its address.
 */
export class ScanRun {
  private readonly pacer: ScanPacer;
  private readonly clock: ListeningClock;
  private readonly tickMs: number;
  private readonly templates: ProbeTemplates;
  private readonly ids = new RequestIds();
  private readonly routes = new Map<number, Route>();
  /** Bound once: a closure per send is garbage at 50,000 sends a second. */
  private readonly idInUse = (id: number): boolean => this.routes.has(id);
  private readonly deadlines = new DeadlineQueue<AddressProbe>();
  private readonly lingering: LingeringProbes;
  private readonly answered = new Set<string>();
  private readonly followUps = new Set<string>();
  private readonly answers: ProbeAnswer[] = [];
  private readonly startedAt: number;
  private readonly order: SendOrder;
  private inFlight = 0;
  private sent = 0;
  private addressesDone = 0;
  private lastProgressAt: number;
  /** Consecutive ticks with nothing left to do: the scan ends at the second, after the socket was read once more. */
  private idleTicks = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private settle: { resolve: (summary: ScanSummary) => void; reject: (error: unknown) => void } | null = null;
  private readonly rounds: BroadcastRounds | null;

  constructor(
    private readonly socket: ScanSocket,
    private readonly options: ResolvedOptions,
    private readonly callbacks: Callbacks,
    private readonly source: RunSource,
    private readonly deps: ScanRunDeps,
  ) {
    // Each wake-up costs more CPU than a send: tick every 2 ms at most (10 at low rates), with a
    // bucket of three ticks' worth so that a late timer does not lower the rate.
    this.tickMs = Math.min(10, Math.max(2, Math.floor(2000 / options.ratePerSecond)));
    this.clock = new ListeningClock(deps.now, Math.max(STALL_MS, 2 * this.tickMs));
    const now = (): number => this.clock.now();
    this.pacer = new ScanPacer(options.ratePerSecond, options.timeoutMs, 3 * this.tickMs, { wall: deps.now, now, readDrops: deps.readDrops });
    this.lingering = new LingeringProbes(this.routes, options.timeoutMs);
    this.templates = new ProbeTemplates(options.credentials);
    this.startedAt = deps.now();
    this.lastProgressAt = this.clock.now();
    this.order = new SendOrder(new AddressFeed(source.addresses), options.timeoutMs, options.maxInFlight);
    const communitySets = options.credentials.flatMap((c, i) => (c.version === 'v3' ? [] : [i]));
    this.rounds = source.broadcastAddress === undefined ? null : new BroadcastRounds(options.retries + 1, communitySets, options.timeoutMs, options.waitMs);
  }

  /** Runs to the end (or cancel); rejects for a bad address, a failing iterator or callback, or a failed broadcast send. */
  run(): Promise<ScanSummary> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => this.onMessage(msg, rinfo));
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.tick();
    });
  }

  /** Stops sending at once and resolves with what was found. */
  cancel(): void {
    this.complete(true);
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.clock.advance();
    for (const probe of this.deadlines.popDue(now)) {
      if (probe.inFlight && !probe.done && probe.dueAt <= now) this.attemptFailed(probe);
    }
    this.lingering.expire(now);
    this.pacer.onTick(now);
    this.rounds?.sendDue(now, this.sendBroadcast);
    this.pump();
    if (this.callbacks.onProgress && now - this.lastProgressAt >= PROGRESS_EVERY_MS) {
      this.lastProgressAt = now;
      this.guard(() => this.callbacks.onProgress?.(this.progress()));
    }
    this.completeIfIdle(now);
  }

  /** Sends while tokens, the in-flight bound and work allow, in the order `SendOrder` gives. */
  private pump(): void {
    const now = this.clock.now();
    while (!this.stopped && this.inFlight < this.options.maxInFlight) {
      let probe: AddressProbe | null;
      try {
        probe = this.order.peek(now);
      } catch (error) {
        return this.fail(error);
      }
      if (!probe) return;
      const v3 = this.options.credentials[probe.credential]?.version === 'v3';
      if (!this.pacer.tryTake(v3 ? V3_PACKETS : 1)) return;
      this.order.take();
      if (v3) this.sendV3(probe);
      else this.sendProbe(probe);
    }
  }

  private sendProbe(probe: AddressProbe): void {
    const id = this.ids.take(this.idInUse);
    const sentAt = this.clock.now();
    this.routes.set(id, { probe, credential: probe.credential, mask: probe.mask, look: probe.look !== null, sentAt });
    probe.ids.push(id);
    const message = probe.look ? this.lookMessage(probe.credential, id, probe.look) : writeProbe(this.templates.get(probe.credential, probe.mask), id);
    // No callback: a failed send (EACCES for a range's broadcast address, EHOSTUNREACH …) is silence, which the deadline handles.
    this.socket.send(message, this.options.port, probe.address);
    this.sent++;
    this.markInFlight(probe, sentAt);
    this.deadlines.push(probe.dueAt, probe);
  }

  /** The second look is encoded per address: it continues from the row that agent answered. */
  private lookMessage(credential: number, id: number, look: ProbeFindings): Uint8Array {
    const set = this.options.credentials[credential];
    if (set === undefined || set.version === 'v3' || look.lookAfter === null) throw new Error(`credential set ${credential} has no v1/v2c look`);
    return encodeLook(set.version, set.community, id, look.lookAfter);
  }

  private sendV3(probe: AddressProbe): void {
    const credential = probe.credential;
    const { v3 } = this.options.credentials[credential] as { v3: SnmpV3Credentials };
    this.sent += V3_PACKETS;
    this.markInFlight(probe);
    const serial = probe.serial;
    void probeV3(this.deps.snmp as SnmpClient, probe.address, this.options.port, v3, this.options.timeoutMs).then((findings) => {
      if (this.stopped || probe.done || !probe.inFlight || probe.serial !== serial) return;
      if (findings) this.settleAnswer(probe, credential, findings);
      else this.attemptFailed(probe);
    });
  }

  private markInFlight(probe: AddressProbe, sentAt = this.clock.now()): void {
    probe.inFlight = true;
    probe.serial++;
    probe.dueAt = sentAt + this.options.timeoutMs;
    this.inFlight++;
  }

  private clearInFlight(probe: AddressProbe): void {
    if (!probe.inFlight) return;
    probe.inFlight = false;
    this.inFlight--;
  }

  /** No answer in time: retry, move to the next credential set, or give the address up. */
  private attemptFailed(probe: AddressProbe): void {
    this.clearInFlight(probe);
    if (probe.attempt < this.options.retries) {
      probe.attempt++;
      this.order.retries.push(probe, this.clock.now());
      return;
    }
    // The second look went unanswered: the agent said what it is, only not that it is a printer.
    if (probe.look) return this.finishLook(probe, false);
    // The agent did answer this address once (a v1 error): say what is known rather than try other sets.
    if (probe.answeredBy !== null) return this.settleAnswer(probe, probe.answeredBy, null);
    if (probe.credential + 1 >= this.options.credentials.length) return this.giveUp(probe);
    probe.credential++;
    probe.attempt = 0;
    probe.mask = FULL_MASK;
    this.order.retries.push(probe, this.clock.now());
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.stopped) return;
    const reply = classifyReply(msg, rinfo, { routes: this.routes, ids: this.ids, credentials: this.options.credentials, port: this.options.port });
    switch (reply.kind) {
      case 'ignored':
        return this.ignore(reply.reason, `${rinfo.address}:${rinfo.port}`);
      case 'broadcast':
        return this.onBroadcastReply(reply.address, reply.route, reply.pdu);
      case 'unicast':
        return this.onUnicastReply(reply.probe, reply.route, reply.pdu, `${rinfo.address}:${rinfo.port}`);
    }
  }

  private onUnicastReply(probe: AddressProbe, route: Route, pdu: Pdu, sender: string): void {
    const now = this.clock.now();
    this.pacer.onAnswer(now - route.sentAt, now > route.sentAt + this.options.timeoutMs, now);
    if (route.look) {
      if (probe.look) this.finishLook(probe, interpretLookReply(pdu));
      return this.pump();
    }
    if (probe.look) return; // a late answer to the probe: the second look is already under way
    const outcome = interpretProbeReply(pdu, route.mask);
    switch (outcome.kind) {
      case 'mismatch':
        return this.ignore(outcome.reason, sender);
      case 'retry-without':
        // Only the reply to the current question narrows it; an older one says the same again.
        if (route.mask !== probe.mask) return;
        this.lingering.reopen(probe, route.credential);
        probe.answeredBy ??= route.credential;
        this.clearInFlight(probe);
        probe.mask = outcome.mask;
        probe.attempt = 0;
        this.order.followUps.push(probe);
        return this.pump();
      case 'answer':
        this.lingering.reopen(probe, route.credential);
        this.settleAnswer(probe, route.credential, outcome.findings);
        return this.pump();
    }
  }

  private onBroadcastReply(address: string, route: Route, pdu: Pdu): void {
    if (this.answered.has(address) || this.followUps.has(address)) return; // a repeat round's answer
    const outcome = interpretProbeReply(pdu, route.mask);
    switch (outcome.kind) {
      case 'mismatch':
        return this.ignore(outcome.reason, `${address}:${this.options.port}`);
      case 'retry-without': {
        // A v1 agent whose MIB ends early: ask it again, unicast, without the OID it lacks.
        this.followUps.add(address);
        this.order.followUps.push(new AddressProbe(address, route.credential, 'broadcast', route.credential, outcome.mask));
        return this.pump();
      }
      case 'answer':
        this.settleAnswer(new AddressProbe(address, route.credential, 'broadcast'), route.credential, outcome.findings);
        return this.pump();
    }
  }

  /** The probe left the agent undecided: ask for its next hrDeviceType rows (unicast, same credential set) before settling. */
  private startLook(probe: AddressProbe, credentialIndex: number, findings: ProbeFindings): void {
    this.clearInFlight(probe);
    this.followUps.add(probe.address);
    probe.look = findings;
    probe.credential = credentialIndex;
    probe.attempt = 0;
    this.order.followUps.push(probe);
  }

  private finishLook(probe: AddressProbe, isPrinter: boolean): void {
    const findings = probe.look;
    if (findings === null) return;
    this.settleAnswer(probe, probe.credential, { ...findings, isPrinter: findings.isPrinter || isPrinter, lookAfter: null });
  }

  private settleAnswer(probe: AddressProbe, credentialIndex: number, findings: ProbeFindings | null): void {
    const communitySet = this.options.credentials[credentialIndex]?.version !== 'v3';
    if (findings?.lookAfter && probe.look === null && communitySet && !probe.done && !this.answered.has(probe.address)) {
      return this.startLook(probe, credentialIndex, findings);
    }
    this.clearInFlight(probe);
    this.release(probe);
    if (this.answered.has(probe.address)) return; // listed twice: one answer per address
    this.answered.add(probe.address);
    const answer: ProbeAnswer = {
      address: probe.address,
      port: this.options.port,
      credentialIndex,
      sysDescr: findings?.sysDescr ?? null,
      sysObjectID: findings?.sysObjectID ?? null,
      sysName: findings?.sysName ?? null,
      isPrinter: findings?.isPrinter ?? false,
      via: probe.via,
    };
    this.answers.push(answer);
    this.guard(() => this.callbacks.onAnswer?.(answer));
  }

  /** The address is settled: its ids stop routing. */
  private release(probe: AddressProbe): void {
    if (probe.done) return;
    probe.done = true;
    for (const id of probe.ids) this.routes.delete(id);
    this.countDone(probe);
  }

  /** Silent to every attempt: settled (counted once, even if a late answer reopens it), its ids still routing for another timeout. */
  private giveUp(probe: AddressProbe): void {
    if (probe.done) return;
    probe.done = true;
    this.countDone(probe);
    this.lingering.add(probe, this.clock.now());
  }

  private countDone(probe: AddressProbe): void {
    if (probe.counted) return;
    probe.counted = true;
    this.addressesDone++;
  }

  /** One broadcast probe, if a token allows it now. */
  private readonly sendBroadcast = (credential: number): boolean => {
    if (!this.pacer.tryTake(1)) return false;
    const id = this.ids.take(this.idInUse);
    this.routes.set(id, { probe: null, credential, mask: FULL_MASK, look: false, sentAt: this.clock.now() });
    this.socket.send(writeProbe(this.templates.get(credential, FULL_MASK), id), this.options.port, this.source.broadcastAddress as string, this.onBroadcastSent);
    this.sent++;
    return true;
  };

  private readonly onBroadcastSent = (error: Error | null): void => {
    if (error) this.fail(new Error(`SNMP broadcast to ${this.source.broadcastAddress}:${this.options.port} failed: ${error.message}`));
  };

  private completeIfIdle(now: number): void {
    if (this.stopped) return;
    const sourceDone = this.rounds ? this.rounds.finished(now) : true;
    if (this.inFlight > 0 || !this.order.idle || !sourceDone) {
      this.idleTicks = 0;
      return;
    }
    // The last deadlines expired in this timer phase, before the socket was read: end one tick later.
    if (++this.idleTicks >= 2) this.complete(false);
  }

  private progress(): ScanProgress {
    return { sent: this.sent, addressesDone: this.addressesDone, answered: this.answers.length };
  }

  private ignore(reason: string, sender: string): void {
    this.guard(() => this.callbacks.onIgnoredReply?.(reason, sender));
  }

  /** A caller's callback that throws ends the scan with its error rather than escaping into a socket event. */
  private guard(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.fail(error);
    }
  }

  private stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pacer.stop();
    this.routes.clear();
    this.deadlines.clear();
    this.lingering.clear();
    this.order.clear();
  }

  private complete(cancelled: boolean): void {
    if (this.stopped) return;
    this.stop();
    const summary: ScanSummary = {
      answers: this.answers,
      sent: this.sent,
      addressesDone: this.addressesDone,
      cancelled,
      durationMs: this.deps.now() - this.startedAt,
      pacing: this.pacer.stats(),
      stalledMs: Math.round(this.clock.stalledMs),
    };
    try {
      this.callbacks.onProgress?.(this.progress());
    } catch (error) {
      this.settle?.reject(error);
      return;
    }
    this.settle?.resolve(summary);
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.settle?.reject(error);
  }
}
