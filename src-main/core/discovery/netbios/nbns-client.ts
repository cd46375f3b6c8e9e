import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isBroadcastAddress } from './broadcast-address';
import {
  decodeNameQueryResponse,
  encodeNameQuery,
  formatNetbiosName,
  normaliseNetbiosName,
  RCODE_NAME_ERROR,
  type NetbiosSuffix,
} from './nbns-codec';

export const NBNS_ERROR_CODES = [
  'name-not-resolved', // the server said the name is not registered, or no host answered a broadcast
  'nbns-timeout', // a unicast name server never answered (wrong address, port, or no NBNS there)
  'nbns-server-error', // the server answered with another error, or referred us elsewhere
  'network-error', // socket error (EACCES on broadcast, EHOSTUNREACH …)
  'invalid-argument', // bad name, server, port, timeout or retries
  'cancelled', // the signal aborted the query
] as const;
export type NbnsErrorCode = (typeof NBNS_ERROR_CODES)[number];

export class NbnsError extends Error {
  constructor(
    readonly code: NbnsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NbnsError';
  }
}

export interface NetbiosQueryOptions {
  /** IPv4 address of a NetBIOS name server (WINS), or a broadcast address. */
  server: string;
  /** Default 137. */
  port?: number;
  /** Default 0x00 (workstation); 0x20 asks for the file-server name. */
  suffix?: NetbiosSuffix;
  /** Wait per attempt, default 1000 ms. */
  timeoutMs?: number;
  /** Further attempts after the first, default 2; they reuse the transaction id (RFC 1002 §4.2.1.1). */
  retries?: number;
  /** Broadcast query; default: detected (255.255.255.255 or an interface's broadcast address). */
  broadcast?: boolean;
  /** Broadcast only: after the first answer, how long to collect other holders (group names); default 250 ms. */
  gatherMs?: number;
  signal?: AbortSignal;
  /** Default: a fresh udp4 socket; tests inject their own. The client binds and closes it. */
  socketFactory?: () => Socket;
  /** Called for each datagram that is not an answer to this query (malformed, stray, foreign). */
  onIgnoredReply?: (reason: string, sender: string) => void;
}

const DEFAULTS = { port: 137, suffix: 0x00, timeoutMs: 1000, retries: 2, gatherMs: 250 } as const;

/**
 * Resolves a NetBIOS name with an NBNS name query of our own (unicast to a name server, or
 * broadcast), returning its IPv4 addresses. Rejects with an NbnsError: 'name-not-resolved' (the
 * message names the name), 'nbns-timeout', 'nbns-server-error', 'network-error',
 * 'invalid-argument' or 'cancelled'. Every wait is bounded by (retries + 1) × timeoutMs (+ gatherMs).
 */
export function queryNetbiosName(name: string, options: NetbiosQueryOptions): Promise<string[]> {
  let settings: ReturnType<typeof checkOptions>;
  try {
    settings = checkOptions(name, options);
  } catch (error) {
    return Promise.reject(error instanceof NbnsError ? error : new NbnsError('invalid-argument', String(error)));
  }
  if (options.signal?.aborted) return Promise.reject(cancelled(settings.label));
  return new Promise<string[]>((resolve, reject) => new NameQueryRun(settings, options, resolve, reject).start());
}

interface Settings {
  name: string;
  label: string;
  server: string;
  port: number;
  suffix: NetbiosSuffix;
  timeoutMs: number;
  attempts: number;
  broadcast: boolean;
  gatherMs: number;
}

function checkOptions(name: string, options: NetbiosQueryOptions): Settings {
  let normalised: string;
  try {
    normalised = normaliseNetbiosName(name);
  } catch (error) {
    throw new NbnsError('invalid-argument', error instanceof Error ? error.message : String(error));
  }
  const port = options.port ?? DEFAULTS.port;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const gatherMs = options.gatherMs ?? DEFAULTS.gatherMs;
  if (isIP(options.server) !== 4) throw new NbnsError('invalid-argument', `NBNS server "${options.server}" is not an IPv4 address (NetBIOS over TCP/IP is IPv4 only)`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new NbnsError('invalid-argument', `NBNS port ${port} is outside 1–65535`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new NbnsError('invalid-argument', `timeoutMs ${timeoutMs} must be a positive number`);
  if (!Number.isInteger(retries) || retries < 0) throw new NbnsError('invalid-argument', `retries ${retries} must be a whole number ≥ 0`);
  if (!Number.isFinite(gatherMs) || gatherMs < 0) throw new NbnsError('invalid-argument', `gatherMs ${gatherMs} must be a number ≥ 0`);
  const suffix = options.suffix ?? DEFAULTS.suffix;
  return {
    name: normalised,
    label: formatNetbiosName(normalised, suffix),
    server: options.server,
    port,
    suffix,
    timeoutMs,
    attempts: retries + 1,
    broadcast: options.broadcast ?? isBroadcastAddress(options.server, networkInterfaces()),
    gatherMs,
  };
}

function cancelled(label: string): NbnsError {
  return new NbnsError('cancelled', `NetBIOS name query for ${label} was cancelled`);
}

/** One query's lifetime: its own socket, its attempts, and exactly one settlement. */
class NameQueryRun {
  private readonly socket: Socket;
  private readonly transactionId = randomInt(0, 0x10000);
  private readonly query: Buffer;
  private readonly found: string[] = [];
  private attemptsSent = 0;
  private timer: NodeJS.Timeout | undefined;
  private settled = false;
  private gathering = false;

  constructor(
    private readonly settings: Settings,
    private readonly options: NetbiosQueryOptions,
    private readonly resolve: (addresses: string[]) => void,
    private readonly reject: (error: NbnsError) => void,
  ) {
    this.query = encodeNameQuery({ transactionId: this.transactionId, name: settings.name, suffix: settings.suffix, broadcast: settings.broadcast });
    this.socket = (options.socketFactory ?? (() => createSocket('udp4')))();
  }

  start(): void {
    this.options.signal?.addEventListener('abort', this.onAbort);
    this.socket.on('error', (error) => this.fail(this.networkError(error)));
    this.socket.on('message', (datagram, sender) => this.onMessage(datagram, sender));
    this.socket.bind(0, () => {
      if (this.settled) return;
      if (this.settings.broadcast) {
        try {
          this.socket.setBroadcast(true);
        } catch (error) {
          this.fail(this.networkError(error));
          return;
        }
      }
      this.sendAttempt();
    });
  }

  private readonly onAbort = (): void => this.fail(cancelled(this.settings.label));

  private sendAttempt(): void {
    this.attemptsSent += 1;
    this.socket.send(this.query, this.settings.port, this.settings.server, (error) => {
      if (error) this.fail(this.networkError(error));
    });
    this.timer = setTimeout(() => this.onAttemptTimeout(), this.settings.timeoutMs);
  }

  private onAttemptTimeout(): void {
    if (this.attemptsSent < this.settings.attempts) {
      this.sendAttempt();
      return;
    }
    const { label, server, port, attempts, timeoutMs } = this.settings;
    const waited = `${attempts} attempt${attempts === 1 ? '' : 's'} of ${timeoutMs} ms`;
    if (this.settings.broadcast) {
      this.fail(new NbnsError('name-not-resolved', `NetBIOS name ${label} did not resolve: no host answered a broadcast query to ${server}:${port} (${waited})`));
    } else {
      this.fail(new NbnsError('nbns-timeout', `NetBIOS name ${label}: the name server ${server}:${port} did not answer (${waited}); check the address and that it runs NBNS/WINS`));
    }
  }

  private onMessage(datagram: Buffer, sender: RemoteInfo): void {
    if (this.settled) return;
    const from = `${sender.address}:${sender.port}`;
    // Broadcast answers come from each holder's own address; unicast ones only from the server.
    if (sender.port !== this.settings.port || (!this.settings.broadcast && sender.address !== this.settings.server)) {
      this.ignore(`datagram from unexpected sender ${from}`, from);
      return;
    }
    let response: ReturnType<typeof decodeNameQueryResponse>;
    try {
      response = decodeNameQueryResponse(datagram);
    } catch (error) {
      this.ignore(error instanceof Error ? error.message : String(error), from);
      return;
    }
    if (response.transactionId !== this.transactionId) {
      this.ignore(`transaction id ${response.transactionId} is not this query's (${this.transactionId})`, from);
      return;
    }
    const { label, server, port } = this.settings;
    switch (response.kind) {
      case 'positive': {
        if (response.name.name !== this.settings.name || response.name.suffix !== this.settings.suffix || response.name.scope !== '') {
          this.ignore(`answer for ${formatNetbiosName(response.name.name, response.name.suffix)}, not ${label}`, from);
          return;
        }
        for (const entry of response.entries) if (!this.found.includes(entry.address)) this.found.push(entry.address);
        if (!this.settings.broadcast) this.succeed();
        else this.startGathering();
        return;
      }
      case 'negative':
        // One host's denial says nothing about the others on a broadcast; only a server's counts.
        if (this.settings.broadcast) {
          this.ignore(`negative answer on broadcast (${response.message})`, from);
        } else if (response.rcode === RCODE_NAME_ERROR) {
          this.fail(new NbnsError('name-not-resolved', `NetBIOS name ${label} did not resolve: the name server ${server}:${port} says it is not registered`));
        } else {
          this.fail(new NbnsError('nbns-server-error', `NetBIOS name ${label}: the name server ${server}:${port} answered that ${response.message}`));
        }
        return;
      case 'redirect':
        if (this.settings.broadcast) this.ignore('redirect answer on broadcast', from);
        else this.fail(new NbnsError('nbns-server-error', `NetBIOS name ${label}: the name server ${server}:${port} referred the query to another server; referrals are not followed`));
        return;
      default:
        assertNever(response);
    }
  }

  private startGathering(): void {
    if (this.gathering) return;
    this.gathering = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.succeed(), this.settings.gatherMs);
  }

  private ignore(reason: string, from: string): void {
    this.options.onIgnoredReply?.(reason, from);
  }

  private networkError(error: unknown): NbnsError {
    const detail = error instanceof Error ? error.message : String(error);
    return new NbnsError('network-error', `NetBIOS name ${this.settings.label}: socket error towards ${this.settings.server}:${this.settings.port}: ${detail}`);
  }

  private succeed(): void {
    if (this.finish()) this.resolve([...this.found]);
  }

  private fail(error: NbnsError): void {
    if (this.finish()) this.reject(error);
  }

  /** Releases everything once; false when already settled. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    try {
      this.socket.close();
    } catch {
      // Already closed (a socket error can close it first); nothing left to release.
    }
    return true;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
