import type { Socket } from 'node:dgram';

export const SLP_CLIENT_ERROR_CODES = [
  'invalid-argument', // an option is out of range; the message names the field
  'network-error', // the socket could not bind, configure or send (EACCES, ENETUNREACH …)
] as const;
export type SlpClientErrorCode = (typeof SLP_CLIENT_ERROR_CODES)[number];

export class SlpClientError extends Error {
  override readonly name = 'SlpClientError';

  constructor(
    readonly code: SlpClientErrorCode,
    message: string,
    /** For 'invalid-argument': the option at fault (`group`, `ttl`, `scopes` …). */
    readonly field?: keyof SlpSearchOptions,
  ) {
    super(message);
  }
}

export interface SlpSearchOptions {
  /** Destination: default 239.255.255.253 (multicast); a unicast DA/SA address or a broadcast address also work. IPv4 only. */
  group?: string;
  /** Default 427. */
  port?: number;
  /** Multicast hop count, 1–255, default 1 (only used for a class-D group). */
  ttl?: number;
  /** Default ['DEFAULT']. */
  scopes?: string[];
  /** Default ['service:printer']; one Service Request per type, one after another. */
  serviceTypes?: string[];
  /** LDAPv3 filter, default '' (every service of the type). */
  predicate?: string;
  /** Listening time per service type, 1–60,000 ms, default 2000. */
  waitMs?: number;
  /** Default true: an Attribute Request (unicast) for each URL found, merged into its finding. */
  fetchAttributes?: boolean;
  /** RFC 1766 language tag of the requests, default 'en'. */
  language?: string;
  /** Aborting stops sending at once and resolves with what was found. */
  signal?: AbortSignal;
  /** Default: a fresh udp4 socket; tests inject their own. The search binds and closes it. */
  socketFactory?: () => Socket;
  /** Host name → IPv4 address, for URLs naming a host; default node:dns lookup. A rejection falls back to the replier's address. */
  lookupHost?: (hostName: string) => Promise<string>;
  /** Called once per new service URL, when its finding is complete (address resolved, attributes fetched or given up). */
  onFinding?: (finding: SlpFinding) => void;
  /** Called for each datagram not used: malformed, wrong XID, an error code, a stray sender; also for an attribute request that could not be sent. */
  onIgnoredReply?: (reason: string, sender: string) => void;
}

export interface SlpFinding {
  /** The host of the service URL (resolved when it is a name), else the replier's address. */
  address: string;
  serviceUrl: string;
  /** The URL's own service type in lower case (e.g. "service:printer:lpr"), else the requested type. */
  serviceType: string;
  /** From the Attribute Reply; keyword attributes have no values; empty when not fetched or not answered. */
  attributes: Record<string, string[]>;
  lifetimeSeconds: number;
  /** Source address of the Service Reply that carried the URL. */
  replier: string;
}
