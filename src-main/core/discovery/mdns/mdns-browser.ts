import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import makeMulticastDns from 'multicast-dns';
import type { MulticastDNS, ResponsePacket } from 'multicast-dns';
import { checkRecordLengths } from './dns-record-lengths';
import { DnsSdInstanceTable, type MdnsFinding, type MdnsQuestion, type MdnsRecord } from './dns-sd-instance-table';
import { checkBrowseOptions, MdnsError, type BrowseSettings, type MdnsBrowseOptions } from './mdns-browse-options';

export { PRINTER_SERVICE_TYPES } from './dns-sd-names';
export { MdnsError, MDNS_ERROR_CODES, type MdnsBrowseOptions, type MdnsErrorCode } from './mdns-browse-options';
export type { MdnsFinding } from './dns-sd-instance-table';

/** Gap before the second PTR query; later gaps double (RFC 6762 §5.2). */
const FIRST_REPEAT_MS = 1000;
/** Each follow-up question (SRV, TXT, A) is asked at most this often per browse. */
const MAX_ASKS = 3;
/** A short pause batches the follow-ups of replies that arrive together into one query. */
const FOLLOW_UP_DELAY_MS = 20;
/** Known answers listed per query: enough for a site's printers, well inside one datagram. */
const MAX_KNOWN_ANSWERS = 40;

/**
 * Browses DNS-SD printer services over mDNS (or a broadcast address, for tests) and resolves
 * each instance (PTR → SRV + TXT → A/AAAA) to an address, one finding per service instance.
 * Resolves with every finding after `waitMs`, or at once with the findings so far when the
 * signal aborts. Rejects with MdnsError 'invalid-argument' (the message names the option) or
 * 'network-error' (bind or send failed). Malformed replies never fail a browse: they go to
 * `onIgnoredReply`.
 */
export function browseMdns(options: MdnsBrowseOptions = {}): Promise<MdnsFinding[]> {
  let settings: BrowseSettings;
  try {
    settings = checkBrowseOptions(options);
  } catch (error) {
    return Promise.reject(error instanceof MdnsError ? error : new MdnsError('invalid-argument', String(error)));
  }
  if (options.signal?.aborted) return Promise.resolve([]);
  return new Promise((resolve, reject) => new BrowseRun(settings, options, resolve, reject).start());
}

/** One browse: its own socket and timers, and exactly one settlement. */
class BrowseRun {
  private readonly socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  private readonly table: DnsSdInstanceTable;
  private readonly findings: MdnsFinding[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private mdns: MulticastDNS | undefined;
  /** Sender of the datagram multicast-dns is decoding: its 'warning' does not say. */
  private decodingFrom: RemoteInfo | undefined;
  /** What is wrong with the framing of that datagram (null: nothing), found before dns-packet reads it. */
  private framingProblem: string | null = null;
  private followUpQueued = false;
  private settled = false;

  constructor(
    private readonly settings: BrowseSettings,
    private readonly options: MdnsBrowseOptions,
    private readonly resolve: (findings: MdnsFinding[]) => void,
    private readonly reject: (error: MdnsError) => void,
  ) {
    this.table = new DnsSdInstanceTable(settings.services);
  }

  start(): void {
    const { group, port, broadcast, interfaceAddress, waitMs } = this.settings;
    this.options.signal?.addEventListener('abort', this.onAbort);
    // Listeners around the library's own 'message' listener bracket its decoding.
    this.socket.prependListener('message', (datagram: Buffer, from: RemoteInfo) => {
      this.decodingFrom = from;
      this.framingProblem = checkRecordLengths(datagram);
    });
    // Our own socket: broadcast needs SO_BROADCAST, which multicast-dns has no option for.
    // Bound to the wildcard address: a socket bound to an interface address misses group traffic.
    const mdns = makeMulticastDns({ socket: this.socket, ip: group, port, multicast: !broadcast, interface: interfaceAddress, bind: '0.0.0.0' });
    this.mdns = mdns;
    this.socket.on('message', () => {
      this.decodingFrom = undefined;
      this.framingProblem = null;
    });
    mdns.on('warning', (error: Error) => this.onWarning(error));
    mdns.on('error', (error: Error) => this.fail(this.networkError('could not listen on', error)));
    mdns.on('response', (packet: ResponsePacket, from: RemoteInfo) => this.onResponse(packet, from));
    mdns.once('ready', () => {
      if (this.settled) return;
      if (broadcast) {
        try {
          this.socket.setBroadcast(true);
        } catch (error) {
          this.fail(this.networkError('could not enable broadcast towards', error));
          return;
        }
      }
      this.queryRound(0, FIRST_REPEAT_MS);
    });
    this.later(waitMs, () => this.finish(false));
  }

  private readonly onAbort = (): void => this.finish(true);

  /** PTR questions for every service, re-asked follow-ups and known answers; then the next round. */
  private queryRound(elapsedMs: number, gapMs: number): void {
    const questions: MdnsQuestion[] = this.settings.services.map((name) => ({ name, type: 'PTR' }));
    this.send([...questions, ...this.table.missingQuestions(MAX_ASKS)], this.table.knownAnswers(MAX_KNOWN_ANSWERS));
    const next = elapsedMs + gapMs;
    if (next < this.settings.waitMs) this.later(gapMs, () => this.queryRound(next, gapMs * 2));
  }

  private send(questions: MdnsQuestion[], answers: MdnsRecord[] = []): void {
    if (questions.length === 0 || this.settled || this.mdns === undefined) return;
    this.mdns.query({ questions, answers }, (error) => {
      if (error) this.fail(this.networkError('could not send a query to', error));
    });
  }

  private onResponse(packet: ResponsePacket, from: RemoteInfo): void {
    if (this.settled) return;
    const sender = `${from.address}:${from.port}`;
    // RFC 6762 §11: responses come from the mDNS port; others are not multicast DNS.
    if (from.port !== this.settings.port) {
      this.ignore(`response from port ${from.port}, not from the mDNS port ${this.settings.port}`, sender);
      return;
    }
    // dns-packet decoded it, but out of step with the lengths the records declare: none of it can be trusted.
    if (this.framingProblem !== null) {
      this.ignore(`malformed DNS message: ${this.framingProblem}`, sender);
      return;
    }
    if ('rcode' in packet && packet.rcode !== 'NOERROR') {
      this.ignore(`response with error code ${String(packet.rcode)} (RFC 6762 §18.11 says to ignore it)`, sender);
      return;
    }
    const problems = this.table.add([...packet.answers, ...packet.additionals], from.address);
    for (const problem of problems) this.ignore(problem, sender);
    for (const finding of this.table.takeComplete()) this.report(finding);
    this.queueFollowUp();
  }

  /** Asks once, soon, for what the replies so far left out; later rounds ask again. */
  private queueFollowUp(): void {
    if (this.followUpQueued) return;
    this.followUpQueued = true;
    this.later(FOLLOW_UP_DELAY_MS, () => {
      this.followUpQueued = false;
      this.send(this.table.missingQuestions(1));
    });
  }

  private onWarning(error: Error): void {
    const from = this.decodingFrom;
    if (from !== undefined) this.ignore(`malformed DNS message: ${error.message}`, `${from.address}:${from.port}`);
    else this.options.onWarning?.(`mDNS socket on port ${this.settings.port}: ${error.message}`);
  }

  private ignore(reason: string, sender: string): void {
    this.options.onIgnoredReply?.(reason, sender);
  }

  private report(finding: MdnsFinding): void {
    this.findings.push(finding);
    this.options.onFinding?.(finding);
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }

  private networkError(what: string, error: unknown): MdnsError {
    const detail = error instanceof Error ? error.message : String(error);
    return new MdnsError('network-error', `mDNS browse ${what} ${this.settings.group}:${this.settings.port}: ${detail}`);
  }

  /** Ends the browse; instances still missing pieces are reported with what is known. */
  private finish(cancelled: boolean): void {
    if (!this.release()) return;
    const { findings, unresolved } = this.table.takeRemaining();
    // A cancelled browse had no time to resolve them: that is not the replier's fault.
    if (!cancelled) for (const { reason, replier } of unresolved) this.ignore(reason, `${replier}:${this.settings.port}`);
    for (const finding of findings) this.report(finding);
    this.resolve([...this.findings]);
  }

  private fail(error: MdnsError): void {
    if (this.release()) this.reject(error);
  }

  /** Releases socket, timers and the abort listener once; false when already settled. */
  private release(): boolean {
    if (this.settled) return false;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    try {
      this.mdns?.destroy();
    } catch {
      // The socket is already closed (a bind error can close it first): nothing left to release.
    }
    return true;
  }
}
