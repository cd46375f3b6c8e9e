/**
 * The parts of an SLP service URL (RFC 2609) discovery needs: its service type and its host.
 *   service:printer:lpr://10.1.2.3/queue → type "service:printer:lpr", host "10.1.2.3"
 *   service:printer:ipp://[fe80::1]:631/ipp → host "fe80::1"
 * Pure: no node:* imports (WHATWG URL is a global).
 */

export interface ServiceUrlParts {
  /** Text before "://" in lower case (service types compare without case, RFC 2608 §4.1), or null when there is no "://". */
  serviceType: string | null;
  /** Host name or address literal (IPv6 without brackets), or null when the URL has none or is not parseable. */
  host: string | null;
}

/** Splits a service URL; never throws (a URL it cannot read has null parts). */
export function parseServiceUrl(url: string): ServiceUrlParts {
  const separator = url.indexOf('://');
  if (separator < 0) return { serviceType: null, host: null };
  const serviceType = url.slice(0, separator).toLowerCase();
  let host: string;
  try {
    // A non-special scheme keeps the host as written (no IPv4 re-formatting) and still
    // handles "user@", ":port" and "[IPv6]" (the addr-spec grammar of RFC 2609 §2.1).
    host = new URL(`slp-host://${url.slice(separator + 3)}`).hostname;
  } catch {
    return { serviceType, host: null };
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { serviceType, host: host === '' ? null : host };
}

/** True when a service of type `offered` answers a request for `requested`: equal, or `requested` is its abstract type. */
export function serviceTypeMatches(requested: string, offered: string): boolean {
  const wanted = requested.toLowerCase();
  const type = offered.toLowerCase();
  return type === wanted || type.startsWith(`${wanted}:`);
}
