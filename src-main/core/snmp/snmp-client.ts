import type { VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * The SNMP port of the core. One implementation (net-snmp-client.ts) talks to the network;
 * everything else in the core depends only on this interface.
 */

export type SnmpVersion = 'v1' | 'v2c' | 'v3';
export type SnmpSecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
export type SnmpAuthProtocol = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type SnmpPrivProtocol = 'des' | 'aes' | 'aes256b' | 'aes256r';

export interface SnmpV3Credentials {
  user: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKey?: string;
  privProtocol?: SnmpPrivProtocol;
  privKey?: string;
  /** SNMPv3 context name ("" by default). */
  context?: string;
}

export interface SnmpTarget {
  host: string;
  /** UDP port, 161 by default. */
  port?: number;
  version: SnmpVersion;
  /** v1/v2c community ("public" by default). */
  community?: string;
  v3?: SnmpV3Credentials;
  /** Per-attempt timeout in ms (default 2000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 1). */
  retries?: number;
}

/** Stable error codes of the SNMP layer; messages say what to check. */
export const SNMP_ERROR_CODES = [
  'snmp-timeout', // no answer: host down, wrong address or (v1/v2c) wrong community
  'snmp-auth-failed', // v3 unknown user, wrong keys, unsupported security level
  'snmp-error-status', // agent answered with an error-status (noSuchName, tooBig, genErr …)
  'snmp-malformed', // reply could not be decoded
  'network-error', // socket error (EHOSTUNREACH, EACCES …)
  'invalid-argument', // bad OID, bad credentials object
  'cancelled', // client closed or request aborted
] as const;
export type SnmpErrorCode = (typeof SNMP_ERROR_CODES)[number];

export class SnmpError extends Error {
  constructor(
    readonly code: SnmpErrorCode,
    message: string,
    readonly detail?: { errorStatus?: string; errorIndex?: number },
  ) {
    super(message);
    this.name = 'SnmpError';
  }
}

export interface WalkOptions {
  /** GetBulk max-repetitions for v2c/v3 walks (default 20). v1 uses GetNext. */
  maxRepetitions?: number;
  /** Stop after this many varbinds (default 10,000) — a bound against endless agents. */
  maxVarbinds?: number;
}

/** Counters since the client was created (the optional ones where the implementation knows them). */
export interface SnmpClientStats {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  timeouts: number;
  /** Real UDP sockets open now (1–4 for the net-snmp client, whatever the fleet size). */
  sockets?: number;
  /** Sessions open now (targets used within the idle time). */
  sessions?: number;
  /** Datagrams dropped because they came from a host no request was sent to. */
  strayDatagrams?: number;
}

export interface SnmpClient {
  /** GET of the given OIDs; missing objects come back as NoSuchObject/NoSuchInstance values (v1: noSuchName is mapped per varbind). Rejects with SnmpError. */
  get(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]>;
  /** GETNEXT of each OID. */
  getNext(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]>;
  /** GETBULK (v2c/v3; emulated with GETNEXT for v1): non-repeaters first, then repetitions row by row. */
  getBulk(target: SnmpTarget, oids: readonly string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]>;
  /** Every varbind strictly below `root`, in order; stops at the end of the subtree. */
  walk(target: SnmpTarget, root: string, options?: WalkOptions): Promise<VarBind[]>;
  /** Walks several columns of one table together (one GetBulk carries all columns). */
  walkColumns(target: SnmpTarget, columns: readonly string[], options?: WalkOptions): Promise<VarBind[]>;
  /** SET; resolves with the agent's reply varbinds. */
  set(target: SnmpTarget, varbinds: readonly VarBind[]): Promise<VarBind[]>;
  /**
   * Says the caller is done with `target` for now (a device read once per poll round): its
   * v1/v2c session is closed at once when nothing is in flight on it, instead of lingering
   * until idle, so a round over a large fleet does not hold a session per device. SNMPv3
   * sessions are kept (a new one costs an engine discovery). Optional; never throws.
   */
  release?(target: SnmpTarget): void;
  /** Bytes sent and received since creation (UDP payload), for benchmarks. */
  stats(): SnmpClientStats;
  /** Closes sockets; requests in flight reject with 'cancelled'. */
  close(): Promise<void>;
}
