import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import * as netSnmp from 'net-snmp';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { PDU, PduClient, type PduKind, type PduSession } from './pdu-client';
import { desDecrypt, desEncrypt } from './des-privacy';
import { DeadlineTracker, type Deadlined } from './request-deadlines';
import { SessionPool, type PooledSession } from './session-pool';
import { SnmpError, type SnmpClient, type SnmpClientStats, type SnmpTarget } from './snmp-client';
import { errorFromLibrary, malformedError, timeoutError, type RequestContext } from './snmp-error-mapping';
import { sessionKey, validateTarget, DEFAULT_PORT, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from './snmp-target';
import { UdpMultiplexer } from './udp-multiplexer';
import { fromLibraryBulk, fromLibraryVarbinds, toLibraryVarbind, type LibraryVarbind } from './varbind-conversion';
import type { VirtualSocket } from './virtual-socket';

/**
 * The SnmpClient over net-snmp — the only file that imports net-snmp. Sessions are cheap
 * objects per target on virtual sockets of a shared UdpMultiplexer (a few descriptors for any
 * fleet), closed when idle; every request also has our own deadline (see request-deadlines.ts).
 *
 * Request ids: net-snmp draws them at random from 10^8 values with no check against requests
 * in flight (SNMP-NOTES pitfall 1). Because replies are routed by sender first, an id only has
 * to be unique among the few requests in flight to one target: with k of them the chance of a
 * clash is about k²/2·10⁻⁸, and a clash costs one retry, not a failure. idBitsSize stays 32
 * (ids < 10^8 fit every agent's signed 32-bit request-id).
 */

// net-snmp's DES uses single DES, which OpenSSL 3 lacks; give it ours once, for the process.
const desEntry = netSnmp.Encryption.algorithms[netSnmp.PrivProtocols.des];
if (desEntry) {
  desEntry.encryptPdu = desEncrypt(netSnmp.Authentication.passwordToKey);
  desEntry.decryptPdu = desDecrypt(netSnmp.Authentication.passwordToKey);
}

export interface NetSnmpClientOptions {
  /** Real UDP sockets per address family (default 1). */
  sockets?: number;
  /** A session unused this long is closed (default 10,000 ms). */
  sessionIdleMs?: number;
  /** Local address of the shared sockets (default: all interfaces). */
  bindAddress?: string;
}

class SessionEntry implements PooledSession, PduSession {
  inFlight = 0;
  lastUsed = 0;
  /** Datagrams from the target that net-snmp could not digest (see PendingRequest.malformedAtStart). */
  malformedReplies = 0;
  retired = false;
  session: netSnmp.Session | null = null;

  constructor(
    readonly key: string,
    /** The target the session was opened for, to reopen it when retired mid-operation. */
    readonly target: SnmpTarget,
    readonly ctx: RequestContext,
    /** Our deadline: the library's attempts plus slack (doubled for v3 engine discovery). */
    readonly budgetMs: number,
    readonly socket: VirtualSocket,
  ) {}

  dispose(): void {
    this.retired = true;
    this.session?.close();
  }
}

class PendingRequest implements Deadlined {
  settled = false;
  readonly callback: (error: Error | null, varbinds?: unknown) => void;

  constructor(
    private readonly client: NetSnmpClient,
    readonly entry: SessionEntry,
    readonly kind: PduKind,
    readonly oids: readonly string[],
    readonly deadline: number,
    /** Malformed datagrams seen before this request: more at timeout means "answered, undecodable". */
    readonly malformedAtStart: number,
    readonly resolve: (varbinds: VarBind[]) => void,
    readonly reject: (error: SnmpError) => void,
  ) {
    this.callback = (error, varbinds) => client.complete(this, error, varbinds);
  }

  expire(): void {
    this.client.expire(this);
  }
}

class NetSnmpClient extends PduClient<SessionEntry> {
  private readonly mux: UdpMultiplexer;
  private readonly deadlines = new DeadlineTracker<PendingRequest>();
  private readonly pool: SessionPool<SessionEntry>;
  private requests = 0;
  private timeouts = 0;
  private closed = false;
  // A Session only uses its own engine ID for traps; drawing one per Session costs a CSPRNG call.
  private readonly engineId = Buffer.concat([Buffer.from('8000b98380', 'hex'), randomBytes(12)]);

  constructor(options: NetSnmpClientOptions) {
    super();
    this.mux = new UdpMultiplexer({ sockets: options.sockets ?? 1, bindAddress: options.bindAddress });
    this.pool = new SessionPool({ idleMs: options.sessionIdleMs ?? 10_000, now: this.deadlines.now });
  }

  stats(): SnmpClientStats {
    const mux = this.mux.stats();
    return {
      requests: this.requests,
      bytesSent: mux.bytesSent,
      bytesReceived: mux.bytesReceived,
      timeouts: this.timeouts,
      sockets: mux.sockets,
      sessions: this.pool.size,
      strayDatagrams: mux.strayDatagrams,
    };
  }

  release(target: SnmpTarget): void {
    if (this.closed || target.version === 'v3') return;
    const key = sessionKey(target);
    const entry = this.pool.get(key);
    if (entry === undefined || entry.inFlight > 0) return;
    this.pool.remove(key, entry);
    entry.retired = true;
    closeQuietly(entry);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const request of this.deadlines.drain()) {
      this.settle(request);
      request.reject(new SnmpError('cancelled', `request to ${request.entry.ctx.host}:${request.entry.ctx.port} cancelled: SNMP client closed`));
    }
    this.pool.closeAll();
    await this.mux.close();
  }

  /** net-snmp's callback for `request` (first call wins; later ones are ignored). */
  complete(request: PendingRequest, error: Error | null, varbinds: unknown): void {
    if (request.settled) return;
    this.settle(request);
    const entry = request.entry;
    if (error) {
      const mapped = errorFromLibrary(error, entry.ctx, entry.malformedReplies > request.malformedAtStart, request.oids);
      if (mapped.code === 'snmp-timeout') this.timeouts++;
      request.reject(mapped);
      return;
    }
    let result: VarBind[];
    try {
      const list = Array.isArray(varbinds) ? varbinds : [];
      result = request.kind === PDU.getBulk
        ? fromLibraryBulk(list as Array<LibraryVarbind | LibraryVarbind[]>)
        : fromLibraryVarbinds(list as LibraryVarbind[]);
    } catch (conversion) {
      request.reject(malformedError(entry.ctx, conversion instanceof Error ? conversion.message : String(conversion)));
      return;
    }
    request.resolve(result);
  }

  /** Our deadline passed and net-snmp never called back. */
  expire(request: PendingRequest): void {
    if (request.settled) return;
    this.settle(request);
    const entry = request.entry;
    // The library may still hold the request: let new requests use a fresh session.
    this.retire(entry);
    if (entry.malformedReplies > request.malformedAtStart) {
      request.reject(malformedError(entry.ctx, 'the device answered, but no reply could be decoded'));
    } else {
      this.timeouts++;
      request.reject(timeoutError(entry.ctx));
    }
  }

  protected send(current: SessionEntry, kind: PduKind, oids: readonly string[], nonRepeaters: number, maxRepetitions: number, setVarbinds?: readonly VarBind[]): Promise<VarBind[]> {
    if (this.closed) return Promise.reject(new SnmpError('cancelled', 'SNMP client is closed'));
    let entry = current;
    let library: LibraryVarbind[] | null = null;
    try {
      // Retired while a walk or a v1 repair was under way: continue on a fresh session.
      if (entry.retired) entry = this.session(entry.target);
      if (kind === PDU.set) library = (setVarbinds ?? []).map(toLibraryVarbind);
    } catch (error) {
      return Promise.reject(error);
    }
    const session = entry.session;
    if (session === null) return Promise.reject(new SnmpError('network-error', `no session to ${entry.ctx.host}:${entry.ctx.port}`));
    this.requests++;
    return new Promise<VarBind[]>((resolve, reject) => {
      const now = this.deadlines.now();
      const request = new PendingRequest(this, entry, kind, oids, now + entry.budgetMs, entry.malformedReplies, resolve, reject);
      entry.inFlight++;
      entry.lastUsed = now;
      this.deadlines.add(request);
      try {
        switch (kind) {
          case PDU.get:
            session.get(oids, request.callback);
            break;
          case PDU.getNext:
            session.getNext(oids, request.callback);
            break;
          case PDU.getBulk:
            session.getBulk(oids, nonRepeaters, maxRepetitions, request.callback);
            break;
          case PDU.set:
            session.set(library ?? [], request.callback);
            break;
          default: {
            const unknown: never = kind;
            throw new SnmpError('invalid-argument', `unknown PDU kind ${String(unknown)}`);
          }
        }
      } catch (error) {
        this.complete(request, error instanceof Error ? error : new Error(String(error)), undefined);
      }
    });
  }

  private settle(request: PendingRequest): void {
    request.settled = true;
    this.deadlines.delete(request);
    const entry = request.entry;
    entry.inFlight--;
    if (entry.retired && entry.inFlight === 0) closeQuietly(entry);
  }

  private retire(entry: SessionEntry): void {
    if (entry.retired) return;
    entry.retired = true;
    this.pool.remove(entry.key, entry);
    if (entry.inFlight === 0) closeQuietly(entry);
  }

  /** The real socket under a session failed: its requests cannot be answered. */
  private failEntry(entry: SessionEntry, error: Error): void {
    this.retire(entry);
    for (const request of this.deadlines.snapshot()) {
      if (request.entry === entry) this.complete(request, error, undefined);
    }
  }

  protected session(target: SnmpTarget): SessionEntry {
    if (this.closed) throw new SnmpError('cancelled', 'SNMP client is closed');
    const key = sessionKey(target);
    const existing = this.pool.get(key);
    if (existing) return existing;
    validateTarget(target);
    return this.openSession(target, key);
  }

  private openSession(target: SnmpTarget, key: string): SessionEntry {
    const port = target.port ?? DEFAULT_PORT;
    const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const retries = target.retries ?? DEFAULT_RETRIES;
    const attempts = retries + 1;
    const family = isIP(target.host) === 6 ? 'udp6' : 'udp4';
    const ctx: RequestContext = { host: target.host, port, version: target.version, timeoutMs, attempts };
    const library = attempts * timeoutMs * (target.version === 'v3' ? 2 : 1);
    const socket = this.mux.createVirtualSocket(family);
    const entry = new SessionEntry(key, { ...target }, ctx, library + 250 + library / 10, socket);
    const options: netSnmp.SessionOptions = {
      port,
      retries,
      timeout: timeoutMs,
      transport: family,
      idBitsSize: 32,
      engineID: this.engineId,
      dgramModule: { createSocket: () => socket },
    };
    try {
      entry.session = target.version === 'v3' && target.v3
        ? netSnmp.createV3Session(target.host, v3User(target), { ...options, context: target.v3.context ?? '' })
        : netSnmp.createSession(target.host, target.community ?? 'public', { ...options, version: target.version === 'v1' ? netSnmp.Version1 : netSnmp.Version2c });
    } catch (error) {
      socket.close();
      throw new SnmpError('invalid-argument', `cannot open an SNMP session to ${target.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const countMalformed = (): void => {
      entry.malformedReplies++;
    };
    // net-snmp emits 'error' for a datagram it cannot decode; without a listener that would throw.
    entry.session.on('error', countMalformed);
    socket.onHandlerError = countMalformed;
    socket.onFailure = (error) => this.failEntry(entry, error);
    entry.lastUsed = this.deadlines.now();
    this.pool.add(key, entry);
    return entry;
  }
}

function v3User(target: SnmpTarget): netSnmp.UserOptions {
  const v3 = target.v3;
  if (!v3) throw new SnmpError('invalid-argument', 'SNMPv3 target without credentials');
  const user: netSnmp.UserOptions = { name: v3.user, level: netSnmp.SecurityLevel[v3.level] };
  if (v3.level !== 'noAuthNoPriv' && v3.authProtocol) {
    user.authProtocol = netSnmp.AuthProtocols[v3.authProtocol];
    user.authKey = v3.authKey;
  }
  if (v3.level === 'authPriv' && v3.privProtocol) {
    user.privProtocol = netSnmp.PrivProtocols[v3.privProtocol];
    user.privKey = v3.privKey;
  }
  return user;
}

function closeQuietly(entry: SessionEntry): void {
  try {
    entry.session?.close();
  } catch {
    // closing a virtual socket cannot fail in a way that leaves anything open
  }
}

/** An SnmpClient over net-snmp sharing `sockets` UDP sockets among all targets; creating it never throws or binds. */
export function createNetSnmpClient(options: NetSnmpClientOptions = {}): SnmpClient {
  return new NetSnmpClient(options);
}
