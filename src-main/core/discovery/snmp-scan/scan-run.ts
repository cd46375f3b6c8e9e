import type { RemoteInfo, Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { decodeCommunityMessage, type CommunityMessage } from '../../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../../../src-shared/snmp/snmp-value';
import type { SnmpClient, SnmpV3Credentials } from '../../snmp/snmp-client';
import { AddressProbe, RetryQueue, type Route } from './address-probe';
import { DeadlineQueue } from './deadline-queue';
import { createProbeTemplate, FULL_MASK, interpretProbeReply, PROBE_OIDS, writeProbe, type ProbeFindings, type ProbeMask, type ProbeTemplate } from './probe-codec';
import { RequestIds } from './request-ids';
import type { ResolvedOptions } from './scan-options';
import type { ProbeAnswer, ScanOptions, ScanProgress, ScanSummary } from './scan-types';
import { TokenBucket } from './token-bucket';

const PROGRESS_EVERY_MS = 100;
/** Packets an SNMPv3 attempt costs: engine discovery and the request (the client caches neither across addresses). */
const V3_PACKETS = 2;

export interface RunSource {
  /** Unicast: the addresses, pulled one at a time as sending allows. */
  addresses?: Iterator<string>;
  /** Broadcast: where the probe goes (replies from every sender count). */
  broadcastAddress?: string;
}

type Callbacks = Pick<ScanOptions, 'onAnswer' | 'onProgress' | 'onIgnoredReply'>;

/**
 * One scan or broadcast on its own socket: paces sends with a token bucket, bounds requests in
 * flight, retries silent addresses, moves to the next credential set, and settles each address
 * once. One interval timer drives deadlines, pacing and progress; replies are handled as they come.
 */
export class ScanRun {
  private readonly bucket: TokenBucket;
  private readonly ids = new RequestIds();
  private readonly routes = new Map<number, Route>();
  private readonly deadlines = new DeadlineQueue<AddressProbe>();
  private readonly retries = new RetryQueue();
  private readonly templates = new Map<number, ProbeTemplate>();
  private readonly answered = new Set<string>();
  private readonly followUps = new Set<string>();
  private readonly answers: ProbeAnswer[] = [];
  private readonly startedAt: number;
  private held: AddressProbe | null = null;
  private exhausted: boolean;
  private pulled = 0;
  private inFlight = 0;
  private sent = 0;
  private addressesDone = 0;
  private lastProgressAt: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private settle: { resolve: (summary: ScanSummary) => void; reject: (error: unknown) => void } | null = null;
  /** Broadcast: rounds sent, the credential next in the round, when the next round is due, when collection ends. */
  private round = 0;
  private roundCursor = 0;
  private nextRoundAt = 0;
  private collectUntil = Number.POSITIVE_INFINITY;
  private readonly broadcastCredentials: number[];

  constructor(
    private readonly socket: Socket,
    private readonly options: ResolvedOptions,
    private readonly callbacks: Callbacks,
    private readonly source: RunSource,
    private readonly deps: { snmp?: SnmpClient; now: () => number },
  ) {
    this.bucket = new TokenBucket(options.ratePerSecond, deps.now);
    this.startedAt = deps.now();
    this.lastProgressAt = this.startedAt;
    this.exhausted = source.addresses === undefined;
    this.broadcastCredentials = options.credentials.flatMap((c, i) => (c.version === 'v3' ? [] : [i]));
  }

  /** Runs to the end (or cancel); rejects for a bad address, a failing iterator or callback, or a failed broadcast send. */
  run(): Promise<ScanSummary> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => this.onMessage(msg, rinfo));
      // Sub-millisecond timers do not exist; at low rates a coarser tick wastes less.
      const tickMs = Math.min(10, Math.max(1, Math.floor(1000 / this.options.ratePerSecond)));
      this.timer = setInterval(() => this.tick(), tickMs);
      this.tick();
    });
  }

  /** Stops sending at once and resolves with what was found. */
  cancel(): void {
    this.complete(true);
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.deps.now();
    for (const probe of this.deadlines.popDue(now)) {
      if (probe.inFlight && !probe.done && probe.dueAt <= now) this.attemptFailed(probe);
    }
    if (this.source.broadcastAddress !== undefined) this.sendBroadcastRound(now);
    this.pump();
    if (this.callbacks.onProgress && now - this.lastProgressAt >= PROGRESS_EVERY_MS) {
      this.lastProgressAt = now;
      this.guard(() => this.callbacks.onProgress?.(this.progress()));
    }
    this.completeIfIdle(now);
  }

  /** Sends while tokens, the in-flight bound and work allow. */
  private pump(): void {
    while (!this.stopped && this.inFlight < this.options.maxInFlight) {
      const probe = this.retries.peek() ?? this.pullAddress();
      if (!probe) return;
      const v3 = this.options.credentials[probe.credential]?.version === 'v3';
      if (!this.bucket.tryTake(v3 ? V3_PACKETS : 1)) return;
      if (probe === this.held) this.held = null;
      else this.retries.shift();
      if (v3) this.sendV3(probe);
      else this.sendProbe(probe);
    }
  }

  private pullAddress(): AddressProbe | null {
    if (this.held || this.exhausted) return this.held;
    const addresses = this.source.addresses as Iterator<string>;
    let next: IteratorResult<string>;
    try {
      next = addresses.next();
    } catch (error) {
      this.fail(error);
      return null;
    }
    if (next.done) {
      this.exhausted = true;
      return null;
    }
    this.pulled++;
    if (typeof next.value !== 'string' || !isIPv4(next.value)) {
      this.fail(new RangeError(`SNMP scan: address #${this.pulled} (${JSON.stringify(next.value)}) is not an IPv4 address`));
      return null;
    }
    this.held = new AddressProbe(next.value, 0, 'unicast');
    return this.held;
  }

  private sendProbe(probe: AddressProbe): void {
    const id = this.ids.take((candidate) => this.routes.has(candidate));
    this.routes.set(id, { probe, credential: probe.credential, mask: probe.mask });
    probe.ids.push(id);
    this.socket.send(writeProbe(this.template(probe.credential, probe.mask), id), this.options.port, probe.address, this.onUnicastSent);
    this.sent++;
    this.markInFlight(probe);
    this.deadlines.push(probe.dueAt, probe);
  }

  /** A failed unicast send (EACCES for a broadcast address in a range, EHOSTUNREACH …) is silence: the deadline handles it. */
  private readonly onUnicastSent = (): void => undefined;

  private sendV3(probe: AddressProbe): void {
    const snmp = this.deps.snmp as SnmpClient;
    const credential = probe.credential;
    const v3 = (this.options.credentials[credential] as { v3: SnmpV3Credentials }).v3;
    this.sent += V3_PACKETS;
    this.markInFlight(probe);
    const serial = probe.serial;
    const target = { host: probe.address, port: this.options.port, version: 'v3' as const, v3, timeoutMs: this.options.timeoutMs, retries: 0 };
    const current = (): boolean => !this.stopped && !probe.done && probe.inFlight && probe.serial === serial;
    snmp.getNext(target, PROBE_OIDS).then(
      (varbinds: VarBind[]) => {
        if (!current()) return;
        const outcome = interpretProbeReply({ type: 'response', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds }, FULL_MASK);
        if (outcome.kind === 'answer') this.settleAnswer(probe, credential, outcome.findings);
        else this.attemptFailed(probe);
      },
      // Timeouts and USM reports (wrong user or keys) alike: this set does not open the agent.
      () => {
        if (current()) this.attemptFailed(probe);
      },
    );
  }

  private markInFlight(probe: AddressProbe): void {
    probe.inFlight = true;
    probe.serial++;
    probe.dueAt = this.deps.now() + this.options.timeoutMs;
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
      this.retries.push(probe);
      return;
    }
    // The agent did answer this address once (a v1 error): say what is known rather than try other sets.
    if (probe.answeredBy !== null) return this.settleAnswer(probe, probe.answeredBy, null);
    const next = this.nextUnicastCredential(probe.credential);
    if (next === null) return this.release(probe);
    probe.credential = next;
    probe.attempt = 0;
    probe.mask = FULL_MASK;
    this.retries.push(probe);
  }

  private nextUnicastCredential(after: number): number | null {
    const next = after + 1;
    return next < this.options.credentials.length ? next : null;
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.stopped) return;
    const sender = `${rinfo.address}:${rinfo.port}`;
    let message: CommunityMessage;
    try {
      message = decodeCommunityMessage(msg);
    } catch (error) {
      return this.ignore(`malformed reply (${error instanceof Error ? error.message : String(error)})`, sender);
    }
    const pdu = message.pdu;
    if (pdu.type !== 'response') return this.ignore(`not a Response PDU (${pdu.type})`, sender);
    const route = this.routes.get(pdu.requestId);
    if (!route) {
      return this.ignore(this.ids.wasIssued(pdu.requestId) ? `late or repeated reply (request id ${pdu.requestId})` : `unknown request id ${pdu.requestId}`, sender);
    }
    const credential = this.options.credentials[route.credential];
    if (credential?.version !== message.version) return this.ignore(`${message.version} reply to a ${credential?.version ?? '?'} probe`, sender);
    if (rinfo.port !== this.options.port) return this.ignore(`reply from port ${rinfo.port}, probes went to port ${this.options.port}`, sender);
    if (route.probe === null) return this.onBroadcastReply(rinfo.address, route, pdu);
    const probe = route.probe;
    if (rinfo.address !== probe.address) return this.ignore(`reply from another host than asked (${probe.address})`, sender);
    const outcome = interpretProbeReply(pdu, route.mask);
    switch (outcome.kind) {
      case 'mismatch':
        return this.ignore(outcome.reason, sender);
      case 'retry-without':
        // Only the reply to the current question narrows it; an older one says the same again.
        if (route.mask !== probe.mask) return;
        probe.answeredBy ??= route.credential;
        this.clearInFlight(probe);
        probe.mask = outcome.mask;
        probe.attempt = 0;
        this.retries.push(probe);
        return this.pump();
      case 'answer':
        this.settleAnswer(probe, route.credential, outcome.findings);
        return this.pump();
    }
  }

  private onBroadcastReply(address: string, route: Route, pdu: CommunityMessage['pdu']): void {
    if (this.answered.has(address) || this.followUps.has(address)) return; // a repeat round's answer
    const outcome = interpretProbeReply(pdu, route.mask);
    switch (outcome.kind) {
      case 'mismatch':
        return this.ignore(outcome.reason, `${address}:${this.options.port}`);
      case 'retry-without': {
        // A v1 agent whose MIB ends early: ask it again, unicast, without the OID it lacks.
        this.followUps.add(address);
        this.retries.push(new AddressProbe(address, route.credential, 'broadcast', route.credential, outcome.mask));
        return this.pump();
      }
      case 'answer':
        return this.settleAnswer(new AddressProbe(address, route.credential, 'broadcast'), route.credential, outcome.findings);
    }
  }

  private settleAnswer(probe: AddressProbe, credentialIndex: number, findings: ProbeFindings | null): void {
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
    this.addressesDone++;
  }

  private sendBroadcastRound(now: number): void {
    const rounds = this.options.retries + 1;
    if (this.round >= rounds || now < this.nextRoundAt) return;
    const address = this.source.broadcastAddress as string;
    while (this.roundCursor < this.broadcastCredentials.length) {
      if (!this.bucket.tryTake(1)) return;
      const credential = this.broadcastCredentials[this.roundCursor++] as number;
      const id = this.ids.take((candidate) => this.routes.has(candidate));
      this.routes.set(id, { probe: null, credential, mask: FULL_MASK });
      this.socket.send(writeProbe(this.template(credential, FULL_MASK), id), this.options.port, address, this.onBroadcastSent);
      this.sent++;
    }
    this.roundCursor = 0;
    this.round++;
    this.nextRoundAt = now + this.options.timeoutMs;
    if (this.round === rounds) this.collectUntil = now + this.options.waitMs;
  }

  private readonly onBroadcastSent = (error: Error | null): void => {
    if (error) this.fail(new Error(`SNMP broadcast to ${this.source.broadcastAddress}:${this.options.port} failed: ${error.message}`));
  };

  private template(credential: number, mask: ProbeMask): ProbeTemplate {
    const key = credential * 64 + mask;
    let template = this.templates.get(key);
    if (!template) {
      const c = this.options.credentials[credential];
      if (!c || c.version === 'v3') throw new Error(`credential ${credential} has no v1/v2c probe`);
      template = createProbeTemplate(c.version, c.community, mask);
      this.templates.set(key, template);
    }
    return template;
  }

  private completeIfIdle(now: number): void {
    if (this.stopped || this.inFlight > 0 || this.held || !this.retries.empty) return;
    const sourceDone = this.source.broadcastAddress !== undefined ? now >= this.collectUntil : this.exhausted;
    if (sourceDone) this.complete(false);
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
    this.routes.clear();
    this.deadlines.clear();
    this.retries.clear();
    this.held = null;
  }

  private complete(cancelled: boolean): void {
    if (this.stopped) return;
    this.stop();
    const summary: ScanSummary = { answers: this.answers, sent: this.sent, addressesDone: this.addressesDone, cancelled, durationMs: this.deps.now() - this.startedAt };
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
