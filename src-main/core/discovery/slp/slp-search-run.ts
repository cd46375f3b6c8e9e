import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { SLP_ERROR_NAMES, SlpAttributeFetcher, type AttributeFetcherHost } from './slp-attribute-fetcher';
import { decodeSlpMessage, encodeServiceRequest, SlpErrorCode, type SlpServiceReply, type SlpUrlEntry } from './slp-codec';
import { SlpFunction } from './slp-header';
import { SLP_MAX_DATAGRAM, type SlpSearchSettings } from './slp-search-settings';
import { SlpClientError, type SlpFinding, type SlpSearchOptions } from './slp-search-types';
import { parseServiceUrl } from './slp-service-url';

// Send times as fractions of waitMs: the intervals double, as RFC 2608 §6.3 asks of multicast retries.
const SEND_AT = [0, 1 / 8, 3 / 8, 7 / 8] as const;
const LOOKUP_TIMEOUT_MS = 2000;

/** One Service Request (one service type): its XID and who has answered it. */
interface Phase {
  index: number;
  serviceType: string;
  xid: number;
  responders: Set<string>;
  timers: NodeJS.Timeout[];
}

/** A URL heard once; delivered when its address and attributes are settled. */
interface PendingFinding {
  finding: SlpFinding;
  addressKnown: boolean;
  attributesDone: boolean;
  delivered: boolean;
}

async function lookupIpv4(hostName: string): Promise<string> {
  return (await lookup(hostName, { family: 4 })).address;
}

/** One search's lifetime: its socket, its phases, its attribute requests, and exactly one settlement. */
export class SlpSearchRun implements AttributeFetcherHost {
  private socket: Socket | undefined;
  private nextXid = randomInt(0, 0x10000);
  private readonly phases = new Map<number, Phase>();
  private currentPhase: Phase | undefined;
  private readonly findings = new Map<string, PendingFinding>();
  private readonly results: SlpFinding[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly attributeFetcher: SlpAttributeFetcher;
  private listening = true;
  private finished = false;

  constructor(
    private readonly settings: SlpSearchSettings,
    private readonly options: SlpSearchOptions,
    private readonly resolve: (findings: SlpFinding[]) => void,
    private readonly reject: (error: SlpClientError) => void,
  ) {
    this.attributeFetcher = new SlpAttributeFetcher(this, settings);
  }

  /** True once the search has resolved or rejected; nothing is sent or reported after that. */
  get settled(): boolean {
    return this.finished;
  }

  start(): void {
    if (this.options.signal?.aborted) {
      this.succeed();
      return;
    }
    let socket: Socket;
    try {
      socket = (this.options.socketFactory ?? (() => createSocket('udp4')))();
      this.socket = socket;
      socket.on('error', (error) => this.fail(this.networkError('socket error', error)));
      socket.on('message', (datagram, sender) => this.onMessage(datagram, sender));
      // Replies come unicast to this ephemeral port, from each agent's own address.
      socket.bind(0, '0.0.0.0', () => this.onBound(socket));
    } catch (error) {
      this.fail(this.networkError('cannot open the socket', error));
      return;
    }
    this.options.signal?.addEventListener('abort', this.onAbort);
  }

  private onBound(socket: Socket): void {
    if (this.settled) return;
    try {
      if (this.settings.destination === 'broadcast') socket.setBroadcast(true);
      if (this.settings.destination === 'multicast') socket.setMulticastTTL(this.settings.ttl);
    } catch (error) {
      this.fail(this.networkError('cannot configure the socket', error));
      return;
    }
    this.startPhase(0);
  }

  private readonly onAbort = (): void => {
    if (this.settled) return;
    this.finish();
    // Cancelling stops the network, not the bookkeeping: URLs already heard are reported with what is known.
    for (const pending of this.findings.values()) this.deliver(pending);
    this.resolve(this.results);
  };

  private startPhase(index: number): void {
    const serviceType = this.settings.serviceTypes[index];
    if (serviceType === undefined) {
      this.listening = false;
      this.succeedIfComplete();
      return;
    }
    const phase: Phase = { index, serviceType, xid: this.takeXid(), responders: new Set(), timers: [] };
    this.phases.set(phase.xid, phase);
    this.currentPhase = phase;
    const { waitMs } = this.settings;
    phase.timers = SEND_AT.map((fraction, attempt) => this.after(Math.floor(waitMs * fraction), () => this.sendServiceRequest(phase, attempt)));
    phase.timers.push(this.after(waitMs, () => this.startPhase(index + 1)));
  }

  /** A unicast agent has answered: its reply is complete, so the next type need not wait. */
  private endPhaseEarly(phase: Phase): void {
    if (this.currentPhase !== phase) return;
    for (const timer of phase.timers) this.cancelTimer(timer);
    this.startPhase(phase.index + 1);
  }

  private sendServiceRequest(phase: Phase, attempt: number): void {
    if (this.settled || this.currentPhase !== phase) return;
    const { destination, language, scopes, predicate, port, group } = this.settings;
    let request: Uint8Array;
    try {
      request = encodeServiceRequest({
        xid: phase.xid,
        languageTag: language,
        multicast: destination !== 'unicast',
        previousResponders: destination === 'unicast' ? [] : [...phase.responders],
        serviceType: phase.serviceType,
        scopes,
        predicate,
      });
    } catch {
      return; // the previous-responder list outgrew its length field: no room to retry (RFC 2608 §6.3)
    }
    if (attempt > 0 && request.length > SLP_MAX_DATAGRAM) return; // the list is full, as above
    this.send(request, port, group, (error) => this.fail(this.networkError(`cannot send the Service Request for ${phase.serviceType}`, error)));
  }

  private onMessage(datagram: Buffer, sender: RemoteInfo): void {
    if (this.settled) return;
    const from = `${sender.address}:${sender.port}`;
    let message: ReturnType<typeof decodeSlpMessage>;
    try {
      message = decodeSlpMessage(datagram);
    } catch (error) {
      this.ignore(`undecodable datagram: ${error instanceof Error ? error.message : String(error)}`, from);
      return;
    }
    switch (message.functionId) {
      case SlpFunction.serviceReply:
        this.onServiceReply(message, sender.address, from);
        return;
      case SlpFunction.attributeReply:
        this.attributeFetcher.onReply(message, sender.address, from);
        return;
      case SlpFunction.serviceRequest:
      case SlpFunction.attributeRequest:
        this.ignore(`a request (function ${message.functionId}), not a reply`, from);
        return;
      default:
        assertNever(message);
    }
  }

  private onServiceReply(reply: SlpServiceReply, address: string, from: string): void {
    // Replies to an earlier service type's request still count: they are late, not wrong.
    const phase = this.phases.get(reply.header.xid);
    if (!phase) {
      this.ignore(`Service Reply with XID ${reply.header.xid}, which matches no request of this search`, from);
      return;
    }
    if (this.settings.destination === 'unicast' && address !== this.settings.group) {
      this.ignore(`Service Reply from ${address}, but the request went to ${this.settings.group}`, from);
      return;
    }
    if (reply.errorCode !== SlpErrorCode.ok) {
      this.ignore(`Service Reply with error code ${reply.errorCode} (${SLP_ERROR_NAMES.get(reply.errorCode) ?? 'unknown'})`, from);
      return;
    }
    phase.responders.add(address);
    for (const entry of reply.urls) this.addFinding(entry, phase.serviceType, address);
    if (this.settings.destination === 'unicast') this.endPhaseEarly(phase);
  }

  private addFinding(entry: SlpUrlEntry, requestedType: string, replier: string): void {
    if (this.findings.has(entry.url)) return;
    const { serviceType, host } = parseServiceUrl(entry.url);
    const literal = host !== null && isIP(host) !== 0 ? host : null;
    const pending: PendingFinding = {
      finding: {
        address: literal ?? replier,
        serviceUrl: entry.url,
        serviceType: serviceType ?? requestedType.toLowerCase(),
        attributes: {},
        lifetimeSeconds: entry.lifetime,
        replier,
      },
      addressKnown: literal !== null || host === null,
      attributesDone: !this.settings.fetchAttributes,
      delivered: false,
    };
    this.findings.set(entry.url, pending);
    if (!pending.addressKnown && host !== null) this.resolveHost(pending, host);
    if (!pending.attributesDone) {
      this.attributeFetcher.fetch(pending.finding, () => {
        pending.attributesDone = true;
        this.deliverIfComplete(pending);
      });
    }
    this.deliverIfComplete(pending);
  }

  private resolveHost(pending: PendingFinding, host: string): void {
    const lookupHost = this.options.lookupHost ?? lookupIpv4;
    let timer: NodeJS.Timeout | undefined;
    // dns.lookup has no deadline of its own; the timer bounds the search's wait.
    const deadline = new Promise<never>((_, reject) => {
      timer = this.after(LOOKUP_TIMEOUT_MS, () => reject(new Error(`no answer in ${LOOKUP_TIMEOUT_MS} ms`)));
    });
    Promise.race([Promise.resolve().then(() => lookupHost(host)), deadline])
      .then(
        (address) => {
          if (isIP(address) !== 0) pending.finding.address = address;
        },
        () => undefined, // a name that does not resolve keeps the replier's address
      )
      .finally(() => {
        if (timer) this.cancelTimer(timer);
        if (this.settled) return;
        pending.addressKnown = true;
        this.deliverIfComplete(pending);
      });
  }

  private deliverIfComplete(pending: PendingFinding): void {
    if (!pending.addressKnown || !pending.attributesDone) return;
    this.deliver(pending);
    this.succeedIfComplete();
  }

  private deliver(pending: PendingFinding): void {
    if (pending.delivered) return;
    pending.delivered = true;
    this.results.push(pending.finding);
    this.options.onFinding?.(pending.finding);
  }

  private succeedIfComplete(): void {
    if (this.listening || this.settled) return;
    for (const pending of this.findings.values()) if (!pending.delivered) return;
    this.succeed();
  }

  send(datagram: Uint8Array, port: number, address: string, onError: (error: Error) => void): void {
    this.socket?.send(datagram, port, address, (error) => {
      if (error && !this.settled) onError(error);
    });
  }

  takeXid(): number {
    const xid = this.nextXid;
    this.nextXid = (xid + 1) & 0xffff;
    return xid;
  }

  after(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  cancelTimer(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  ignore(reason: string, sender: string): void {
    this.options.onIgnoredReply?.(reason, sender);
  }

  private networkError(what: string, error: unknown): SlpClientError {
    const detail = error instanceof Error ? error.message : String(error);
    return new SlpClientError('network-error', `SLP search towards ${this.settings.group}:${this.settings.port}: ${what}: ${detail}`);
  }

  private succeed(): void {
    if (this.finish()) this.resolve(this.results);
  }

  private fail(error: SlpClientError): void {
    if (this.finish()) this.reject(error);
  }

  /** Stops every timer and closes the socket once; false when already settled. */
  private finish(): boolean {
    if (this.settled) return false;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    try {
      this.socket?.close();
    } catch {
      // Already closed (a socket error can close it first); nothing left to release.
    }
    return true;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
