import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isBroadcastAddress } from '../netbios/broadcast-address';
import type { MdnsFinding } from './dns-sd-instance-table';
import { normaliseServiceType, PRINTER_SERVICE_TYPES } from './dns-sd-names';

export const MDNS_ERROR_CODES = [
  'invalid-argument', // a bad option; the message names it
  'network-error', // the socket could not bind (EADDRINUSE, EACCES) or a query could not be sent
] as const;
export type MdnsErrorCode = (typeof MDNS_ERROR_CODES)[number];

export class MdnsError extends Error {
  constructor(
    readonly code: MdnsErrorCode,
    message: string,
    /** For 'invalid-argument': the option at fault (`group`, `port`, `services` …). */
    readonly field?: keyof MdnsBrowseOptions,
  ) {
    super(message);
    this.name = 'MdnsError';
  }
}

export interface MdnsBrowseOptions {
  /** Service types to browse, e.g. "_ipp._tcp.local" or "_ipp._tcp"; default PRINTER_SERVICE_TYPES. */
  services?: readonly string[];
  /** How long to listen, in ms: 1–60000, default 3000. Findings arrive throughout. */
  waitMs?: number;
  /** IPv4 multicast group (default 224.0.0.251) or a broadcast address (tests: 127.255.255.255). */
  group?: string;
  /** UDP port, default 5353; the browser binds it (shared, SO_REUSEADDR) and queries to it. */
  port?: number;
  /** IPv4 address of the interface for multicast membership and sending; default every interface. */
  interfaceAddress?: string;
  /** Aborting ends the browse at once; the promise then resolves with the findings so far. */
  signal?: AbortSignal;
  /** Called once per finding, as soon as it is resolved. */
  onFinding?: (finding: MdnsFinding) => void;
  /** Malformed datagrams, unusable records and instances that never resolved; sender is "address:port". */
  onIgnoredReply?: (reason: string, sender: string) => void;
  /** Socket trouble that does not stop the browse (e.g. joining the group failed on one interface). */
  onWarning?: (message: string) => void;
}

export interface BrowseSettings {
  services: string[];
  waitMs: number;
  group: string;
  port: number;
  interfaceAddress: string | undefined;
  /** True for a broadcast group: no multicast membership, SO_BROADCAST instead. */
  broadcast: boolean;
}

export const MDNS_DEFAULTS = { waitMs: 3000, group: '224.0.0.251', port: 5353 } as const;
const MAX_WAIT_MS = 60_000;

function invalid(field: keyof MdnsBrowseOptions, message: string): MdnsError {
  return new MdnsError('invalid-argument', `mDNS browse: ${message}`, field);
}

/** Checks and completes browse options; throws MdnsError('invalid-argument') naming the field. */
export function checkBrowseOptions(options: MdnsBrowseOptions): BrowseSettings {
  const requested = options.services ?? PRINTER_SERVICE_TYPES;
  if (!Array.isArray(requested) || requested.length === 0) throw invalid('services', 'services must be a non-empty list of service types');
  const services: string[] = [];
  requested.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') throw invalid('services', `services[${index}] must be a string, not ${typeof entry}`);
    let service: string;
    try {
      service = normaliseServiceType(entry);
    } catch (error) {
      throw invalid('services', `services[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!services.includes(service)) services.push(service);
  });

  const waitMs = options.waitMs ?? MDNS_DEFAULTS.waitMs;
  if (typeof waitMs !== 'number' || !Number.isFinite(waitMs) || waitMs < 1 || waitMs > MAX_WAIT_MS) {
    throw invalid('waitMs', `waitMs ${String(waitMs)} must be a number of milliseconds from 1 to ${MAX_WAIT_MS}`);
  }
  const port = options.port ?? MDNS_DEFAULTS.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw invalid('port', `port ${String(port)} must be a whole number from 1 to 65535`);

  const group = options.group ?? MDNS_DEFAULTS.group;
  if (typeof group !== 'string' || isIP(group) !== 4) throw invalid('group', `group "${String(group)}" must be an IPv4 address (multicast group or broadcast address)`);
  const multicast = isIpv4Multicast(group);
  if (!multicast && !isBroadcastAddress(group, networkInterfaces())) {
    throw invalid('group', `group "${group}" is neither an IPv4 multicast group (224.0.0.0/4, mDNS uses 224.0.0.251) nor a broadcast address of this host`);
  }
  const interfaceAddress = options.interfaceAddress;
  if (interfaceAddress !== undefined && (typeof interfaceAddress !== 'string' || isIP(interfaceAddress) !== 4)) {
    throw invalid('interfaceAddress', `interfaceAddress "${String(interfaceAddress)}" must be the IPv4 address of a local interface`);
  }
  return { services, waitMs, group, port, interfaceAddress, broadcast: !multicast };
}

function isIpv4Multicast(address: string): boolean {
  const first = Number(address.split('.')[0]);
  return first >= 224 && first <= 239;
}
