import { createSocket as createDgramSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { BerError } from '../../../src-shared/snmp/ber/ber-primitives';
import { PDU_TYPE } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { ListeningClock } from './listening-clock';
import { encodeCommunityRequest, readResponseHead, readVarbinds, settingVarbind, VarbindEncodings, type ResponseHead } from './community-wire';
import { PDU, PduClient, type PduKind, type PduSession } from './pdu-client';
import { DeadlineTracker, type Deadlined } from './request-deadlines';
import { SnmpError, type SnmpClientStats, type SnmpTarget } from './snmp-client';
import { endpoint, errorFromLibrary, errorStatusError, malformedError, timeoutError, type RequestContext } from './snmp-error-mapping';
import { DEFAULT_PORT, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, validateTarget } from './snmp-target';
import { closeSocketQuietly, openSharedSocket, routeKey, type DatagramSocket, type RemoteInfo, type UdpFamily } from './udp-multiplexer';

/**
 * SNMPv1/v2c on our own wire code (community-wire.ts) over one shared UDP socket per address
 * family: no session object per device, a request is one buffer and one entry in a map by
 * request id. A reply counts only when it comes from the address and port asked and carries a
 * request id in flight; anything else is dropped and counted (`strayDatagrams`). A reply that
 * does belong to a request but with another version or community, another PDU type or the
 * wrong number of values fails it as snmp-malformed.
 *
 * Request ids are drawn at random below 2^31 (every agent's signed 32-bit request-id) and never
 * repeat one in flight. A retry resends the same message, as net-snmp does, so a late answer
 * to the first attempt still settles the request.
 *
 * Deadlines run on listening time (ListeningClock): after an event-loop stall the replies that
 * arrived meanwhile are read before their requests can expire.
 */

const PDU_TAG: Record<PduKind, number> = {
  [PDU.get]: PDU_TYPE.getRequest,
  [PDU.getNext]: PDU_TYPE.getNextRequest,
  [PDU.getBulk]: PDU_TYPE.getBulkRequest,
  [PDU.set]: PDU_TYPE.setRequest,
};
/**
 * A stall counts this much listening time at most: the deadline sweep's period, so a timeout
 * (200 ms or more in practice) never passes within one stall, however long.
 */
const MAX_LISTENING_STEP_MS = 100;
const MAX_MALFORMED_SENDERS = 1_000;

export interface CommunityClientOptions {
  bindAddress?: string;
  /** Socket factory (default node:dgram); tests pass fakes. */
  createSocket?: (family: UdpFamily) => DatagramSocket;
  /** Wall clock in ms (default performance.now). */
  now?: () => number;
}

/** What one operation needs of its target; made per call, never kept. */
class CommunityTarget implements PduSession {
  constructor(
    readonly ctx: RequestContext,
    readonly version: 0 | 1,
    readonly community: Uint8Array,
    readonly family: UdpFamily,
    /** The host is an IP literal (no name to resolve). */
    readonly literal: boolean,
  ) {}
}

class PendingRequest implements Deadlined {
  deadline = 0;
  settled = false;
  /** The IP literal sent to (the host resolved when it was a name); '' while resolving. */
  address = '';
  /** Undecodable datagrams its sender had sent before (-1 until the address is known). */
  malformedAtStart = -1;

  constructor(
    private readonly client: CommunityClient,
    readonly target: CommunityTarget,
    readonly id: number,
    readonly kind: PduKind,
    readonly oids: readonly string[],
    readonly varbinds: readonly Uint8Array[],
    readonly message: Buffer,
    public attemptsLeft: number,
    readonly resolve: (varbinds: VarBind[]) => void,
    readonly reject: (error: SnmpError) => void,
  ) {}

  expire(): void {
    this.client.expire(this);
  }
}

interface SharedSocket {
  socket: DatagramSocket;
  failed: boolean;
}

export class CommunityClient extends PduClient<CommunityTarget> {
  private readonly inFlight = new Map<number, PendingRequest>();
  private readonly deadlines: DeadlineTracker<PendingRequest>;
  private readonly encodings = new VarbindEncodings();
  private readonly communities = new Map<string, Uint8Array>();
  private readonly sockets: Record<UdpFamily, SharedSocket | null> = { udp4: null, udp6: null };
  /** Undecodable datagrams by sender: a request that then times out was answered after all. */
  private readonly malformedFrom = new Map<string, number>();
  private readonly createSocket: (family: UdpFamily) => DatagramSocket;
  private requests = 0;
  private timeouts = 0;
  private bytesSent = 0;
  private bytesReceived = 0;
  private strayDatagrams = 0;
  private closed = false;

  constructor(private readonly options: CommunityClientOptions = {}) {
    super();
    const clock = new ListeningClock(options.now ?? (() => performance.now()), MAX_LISTENING_STEP_MS);
    this.deadlines = new DeadlineTracker({ now: () => clock.advance() });
    this.createSocket = options.createSocket ?? ((family) => createDgramSocket(family));
  }

  stats(): SnmpClientStats {
    let sockets = 0;
    for (const shared of [this.sockets.udp4, this.sockets.udp6]) if (shared && !shared.failed) sockets++;
    return {
      requests: this.requests,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      timeouts: this.timeouts,
      sockets,
      sessions: 0,
      strayDatagrams: this.strayDatagrams,
    };
  }

  /** Nothing is kept per target between requests. */
  release(): void {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const request of this.deadlines.drain()) {
      this.settle(request);
      request.reject(new SnmpError('cancelled', `request to ${endpoint(request.target.ctx)} cancelled: SNMP client closed`));
    }
    const closing: Promise<void>[] = [];
    for (const family of ['udp4', 'udp6'] as const) {
      const shared = this.sockets[family];
      this.sockets[family] = null;
      if (shared && !shared.failed) closing.push(new Promise((resolve) => closeSocketQuietly(shared.socket, resolve)));
    }
    await Promise.all(closing);
  }

  protected session(target: SnmpTarget): CommunityTarget {
    if (this.closed) throw new SnmpError('cancelled', 'SNMP client is closed');
    validateTarget(target);
    if (target.version === 'v3') throw new SnmpError('invalid-argument', 'SNMPv3 is not a community version');
    const ctx: RequestContext = {
      host: target.host,
      port: target.port ?? DEFAULT_PORT,
      version: target.version,
      timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      attempts: (target.retries ?? DEFAULT_RETRIES) + 1,
    };
    const ip = isIP(target.host);
    return new CommunityTarget(ctx, target.version === 'v1' ? 0 : 1, this.communityBytes(target.community ?? 'public'), ip === 6 ? 'udp6' : 'udp4', ip !== 0);
  }

  protected send(target: CommunityTarget, kind: PduKind, oids: readonly string[], nonRepeaters: number, maxRepetitions: number, setVarbinds?: readonly VarBind[]): Promise<VarBind[]> {
    if (this.closed) return Promise.reject(new SnmpError('cancelled', 'SNMP client is closed'));
    let varbinds: Uint8Array[];
    try {
      varbinds = kind === PDU.set ? (setVarbinds ?? []).map(settingVarbind) : oids.map((oid) => this.encodings.asking(oid));
    } catch (error) {
      return Promise.reject(new SnmpError('invalid-argument', error instanceof Error ? error.message : String(error)));
    }
    const id = this.freeRequestId();
    const message = encodeCommunityRequest({ version: target.version, community: target.community, pduTag: PDU_TAG[kind], requestId: id, second: nonRepeaters, third: maxRepetitions, varbinds });
    this.requests++;
    return new Promise<VarBind[]>((resolve, reject) => {
      const ctx = target.ctx;
      const request = new PendingRequest(this, target, id, kind, oids, varbinds, message, ctx.attempts - 1, resolve, reject);
      this.inFlight.set(id, request);
      if (target.literal) {
        request.address = ctx.host;
        this.transmit(request);
        return;
      }
      // A name (callers that read a fleet resolve first): replies are matched by the address.
      // Resolving has the whole request's time (close() and expire() see it meanwhile).
      request.deadline = this.deadlines.now() + ctx.timeoutMs * ctx.attempts;
      this.deadlines.add(request);
      lookup(ctx.host, { family: target.family === 'udp4' ? 4 : 6 }).then(
        ({ address }) => {
          if (request.settled) return;
          this.deadlines.delete(request);
          request.address = address;
          this.transmit(request);
        },
        (error: unknown) => this.fail(request, new SnmpError('network-error', `cannot resolve ${ctx.host}: ${error instanceof Error ? error.message : String(error)}`)),
      );
    });
  }

  /** The attempt's deadline passed without an answer: send again, or give up. */
  expire(request: PendingRequest): void {
    if (request.settled) return;
    const ctx = request.target.ctx;
    if (request.address === '') {
      this.fail(request, new SnmpError('network-error', `cannot resolve ${ctx.host} within ${ctx.attempts} × ${ctx.timeoutMs} ms`));
      return;
    }
    if (request.attemptsLeft > 0) {
      request.attemptsLeft--;
      this.transmit(request);
      return;
    }
    const answered = this.malformedSentBy(request.address, ctx.port) > request.malformedAtStart;
    if (answered) {
      this.fail(request, malformedError(ctx, 'the device answered, but no reply could be decoded'));
      return;
    }
    this.timeouts++;
    this.fail(request, timeoutError(ctx));
  }

  private transmit(request: PendingRequest): void {
    const ctx = request.target.ctx;
    if (request.malformedAtStart < 0) request.malformedAtStart = this.malformedSentBy(request.address, ctx.port);
    request.deadline = this.deadlines.now() + ctx.timeoutMs;
    this.deadlines.add(request);
    this.bytesSent += request.message.length;
    try {
      this.socketFor(request.target.family).socket.send(request.message, 0, request.message.length, ctx.port, request.address, (error) => {
        if (error) this.fail(request, errorFromLibrary(error, ctx, false));
      });
    } catch (error) {
      // e.g. the socket closed under a retry sent from the deadline sweep
      this.fail(request, errorFromLibrary(error, ctx, false));
    }
  }

  private malformedSentBy(address: string, port: number): number {
    return this.malformedFrom.size === 0 ? 0 : this.malformedFrom.get(routeKey(address, port)) ?? 0;
  }

  private onMessage(message: Buffer, remote: RemoteInfo): void {
    this.bytesReceived += message.length;
    let head: ResponseHead;
    try {
      head = readResponseHead(message);
    } catch {
      this.noteMalformed(remote);
      return;
    }
    const request = this.inFlight.get(head.requestId);
    if (request === undefined || request.address !== remote.address || request.target.ctx.port !== remote.port) {
      this.strayDatagrams++;
      return;
    }
    const ctx = request.target.ctx;
    if (head.version !== request.target.version || !sameBytes(message, head.communityStart, head.communityEnd, request.target.community)) {
      this.fail(request, malformedError(ctx, 'the reply carries another SNMP version or community than the request'));
    } else if (head.pduTag !== PDU_TYPE.response) {
      this.fail(request, malformedError(ctx, `the reply is not a Response PDU (tag 0x${head.pduTag.toString(16)})`));
    } else if (head.errorStatus !== 0) {
      const index = head.errorIndex;
      const blamed = index > 0 && index <= request.oids.length ? { oid: request.oids[index - 1] as string, index } : null;
      this.fail(request, errorStatusError(ctx, head.errorStatus, blamed));
    } else {
      this.answer(request, message, head);
    }
  }

  private answer(request: PendingRequest, message: Buffer, head: ResponseHead): void {
    let varbinds: VarBind[];
    try {
      varbinds = request.kind === PDU.get ? readVarbinds(message, head.list, request.oids, request.varbinds) : readVarbinds(message, head.list);
    } catch (error) {
      this.fail(request, malformedError(request.target.ctx, error instanceof BerError ? error.message : String(error)));
      return;
    }
    if (request.kind !== PDU.getBulk && varbinds.length !== request.oids.length) {
      this.fail(request, malformedError(request.target.ctx, `${varbinds.length} values answer ${request.oids.length} requested OIDs`));
      return;
    }
    this.settle(request);
    request.resolve(varbinds);
  }

  private fail(request: PendingRequest, error: SnmpError): void {
    if (request.settled) return;
    this.settle(request);
    request.reject(error);
  }

  private settle(request: PendingRequest): void {
    request.settled = true;
    this.deadlines.delete(request);
    if (this.inFlight.get(request.id) === request) this.inFlight.delete(request.id);
  }

  private noteMalformed(remote: RemoteInfo): void {
    if (this.malformedFrom.size >= MAX_MALFORMED_SENDERS) this.malformedFrom.clear();
    const key = routeKey(remote.address, remote.port);
    this.malformedFrom.set(key, (this.malformedFrom.get(key) ?? 0) + 1);
  }

  private freeRequestId(): number {
    // Bounded: with k requests in flight a draw clashes with chance k / 2^31.
    for (let attempt = 0; attempt < 64; attempt++) {
      const id = 1 + Math.floor(Math.random() * 0x7ffffffe);
      if (!this.inFlight.has(id)) return id;
    }
    throw new SnmpError('network-error', 'no free SNMP request id: too many requests in flight');
  }

  private communityBytes(community: string): Uint8Array {
    const known = this.communities.get(community);
    if (known !== undefined) return known;
    const bytes = Buffer.from(community, 'utf8');
    if (this.communities.size >= 1_000) this.communities.clear();
    this.communities.set(community, bytes);
    return bytes;
  }

  private socketFor(family: UdpFamily): SharedSocket {
    const existing = this.sockets[family];
    if (existing && !existing.failed) return existing;
    const shared: SharedSocket = {
      failed: false,
      socket: openSharedSocket(this.createSocket, family, {
        bindAddress: this.options.bindAddress,
        onMessage: (message, remote) => this.onMessage(message, remote),
        onError: (error) => this.onSocketError(family, shared, error),
      }),
    };
    this.sockets[family] = shared;
    return shared;
  }

  /** The socket failed: its requests cannot be answered and fail now; the next request opens a new one. */
  private onSocketError(family: UdpFamily, shared: SharedSocket, error: Error): void {
    if (shared.failed) return;
    shared.failed = true;
    if (this.sockets[family] === shared) this.sockets[family] = null;
    closeSocketQuietly(shared.socket, () => undefined);
    for (const request of this.deadlines.snapshot()) {
      if (request.target.family === family) this.fail(request, errorFromLibrary(error, request.target.ctx, false));
    }
  }
}

function sameBytes(buf: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (buf[start + i] !== expected[i]) return false;
  return true;
}
