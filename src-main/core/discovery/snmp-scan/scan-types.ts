import type { SnmpV3Credentials } from '../../snmp/snmp-client';

/** The scanner's public shapes (re-exported by snmp-scanner.ts, which callers import). */

export type ScanCredential =
  | { version: 'v1' | 'v2c'; community: string }
  | { version: 'v3'; v3: SnmpV3Credentials };

export interface ProbeAnswer {
  address: string;
  port: number;
  /** Index in ScanOptions.credentials of the set the agent answered. */
  credentialIndex: number;
  sysDescr: string | null;
  sysObjectID: string | null;
  sysName: string | null;
  /** Any Printer-MIB (1.3.6.1.2.1.43) object, an hrPrinterTable (1.3.6.1.2.1.25.3.5) row, or an hrDeviceType of hrDevicePrinter (first row, or among the next rows the second look reads). */
  isPrinter: boolean;
  via: 'unicast' | 'broadcast';
}

export interface ScanProgress {
  /** Packets sent so far (an SNMPv3 attempt counts 2: engine discovery and request). */
  sent: number;
  /** Addresses settled: answered, or silent to every attempt of every credential set. */
  addressesDone: number;
  answered: number;
}

export interface ScanOptions {
  /** UDP port of the agents (default 161). */
  port?: number;
  /** Wait per attempt in ms (default 1000), not counting event-loop stalls. An answer that comes later still counts if it comes within another timeout (while the scan runs). */
  timeoutMs?: number;
  /** Further attempts for a silent address, per credential set (default 1). */
  retries?: number;
  /** Packets per second (default 1000, at most MAX_RATE_PER_SECOND): the most the scan sends; it slows down while answers queue or the receive buffer drops them. */
  ratePerSecond?: number;
  /** Bound on requests awaiting an answer (default 4096, or rate × timeout + 25 % when that is more; at most 65,536). */
  maxInFlight?: number;
  /** Tried in order: the next set only for addresses silent to every attempt of the previous. */
  credentials: ScanCredential[];
  /** Cancel: sending stops at once and the scan resolves promptly with what was found. */
  signal?: AbortSignal;
  /** Called once per address, as soon as it answers. */
  onAnswer?: (answer: ProbeAnswer) => void;
  /** Called at most every 100 ms while scanning, and once at the end. */
  onProgress?: (progress: ScanProgress) => void;
  /** A datagram that answers no probe of this scan: malformed, from another host, unknown or late id. */
  onIgnoredReply?: (reason: string, sender: string) => void;
}

export interface BroadcastOptions extends ScanOptions {
  /** How long to collect answers after the last broadcast (default: timeoutMs). */
  waitMs?: number;
}

/** How a scan paced itself: whether it slowed down, and why. */
export interface ScanPacing {
  /** Times the send rate was halved (answers queued past half the timeout's headroom, or replies dropped by the receive buffer). */
  backoffs: number;
  /** The lowest send rate used, packets per second (the rate asked when it never slowed). */
  lowestRatePerSecond: number;
  /** Answers that queued past half the timeout's headroom (they count; they slow the scan). */
  slowAnswers: number;
  /** Answers that came after their attempt's deadline, while the scan still listened (they count). */
  lateAnswers: number;
  /** Replies the system dropped because the socket's receive buffer was full (Linux); null where unknown. */
  receiveDrops: number | null;
}

export interface ScanSummary {
  answers: ProbeAnswer[];
  sent: number;
  addressesDone: number;
  cancelled: boolean;
  durationMs: number;
  pacing: ScanPacing;
  /** Wall time the event loop was stalled (gaps of over 50 ms between ticks), which did not count against deadlines. */
  stalledMs: number;
}

export interface SnmpScanner {
  /**
   * Probes each IPv4 address of `addresses` (consumed lazily, once). Rejects with RangeError for
   * bad options or an address that is not IPv4 (naming it and its position), and when the
   * scanner is closed; silence and malformed replies are results, never rejections.
   */
  scan(addresses: Iterable<string>, options: ScanOptions): Promise<ScanSummary>;
  /**
   * Sends the probe to a broadcast address (255.255.255.255 or a directed one such as
   * 127.255.255.255) once per v1/v2c credential set, `retries` + 1 times `timeoutMs` apart, and
   * collects every distinct answering address until `waitMs` after the last send. SNMPv3 sets
   * are skipped (USM needs a per-agent engine discovery); rejects with RangeError when no v1/v2c
   * set is given or the address is not IPv4.
   */
  broadcast(broadcastAddress: string, options: BroadcastOptions): Promise<ScanSummary>;
  /** Cancels running scans (they resolve as cancelled) and refuses new ones. Never rejects. */
  close(): Promise<void>;
}
