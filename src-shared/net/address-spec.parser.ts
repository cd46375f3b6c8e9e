/**
 * Parsing of the "SNMP to addresses" search targets as people type them: single addresses,
 * ranges, CIDR networks, host names and IPv6 addresses, in lists. Pure.
 */
import { isIpv6 } from './host-port';
import { ipv4Refusal, ipv6Refusal, isNumericHostName, numericHostNameRefusal } from './special-addresses';
import { parseDottedIpv4, parseOctet } from './ipv4-octets';
import { WordedError } from '../wording/worded-message';

/**
 * One target as typed. IPv4 forms become a numeric interval (a single address is first = last);
 * names are kept unresolved because resolution is the engine's job and may fail per name.
 * Plain JSON, so a search can be saved with its parameters.
 */
export type AddressSpec =
  | { kind: 'ipv4'; text: string; first: number; last: number }
  | { kind: 'ipv6'; text: string; address: string }
  | { kind: 'host-name'; text: string; name: string };

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const NUMERIC = /^[\d.]+$/;

/**
 * Parses a list of targets separated by commas, semicolons, whitespace or newlines:
 * "10.0.0.5", "10.0.0.1-10.0.0.9", "10.0.0.1-9", "10.1.0.0/22", "printer.example.com", "fe80::1".
 * Empty text gives an empty list. Throws RangeError (a WordedError for the common mistakes) on the first bad token, naming it
 * ("10.0.0.300: octet 300 is outside 0–255").
 */
export function parseAddressSpec(text: string): AddressSpec[] {
  // People write "10.0.0.1 - 10.0.0.9"; joining the dash first keeps that one range, not three tokens.
  const tokens = text.replace(/\s*-\s*/g, '-').split(/[\s,;]+/).filter((token) => token !== '');
  return tokens.map(checked);
}

/** A token parsed, refusing what is never a device: 0.0.0.0/8, multicast, 255.255.255.255, ::, and names that end in a number ("0x7f.1"). */
function checked(token: string): AddressSpec {
  const spec = parseToken(token);
  const refusal = spec.kind === 'ipv4' ? ipv4Refusal(spec.first, spec.last) : spec.kind === 'ipv6' ? ipv6Refusal(spec.address) : isNumericHostName(spec.name) ? numericHostNameRefusal(token) : null;
  if (refusal !== null) throw new RangeError(`${token}: ${refusal}`);
  return spec;
}

function parseToken(token: string): AddressSpec {
  if (token.startsWith('[') && token.endsWith(']')) return parseIpv6(token, token.slice(1, -1));
  if (token.includes(':')) return parseIpv6(token, token);
  if (token.includes('/')) return parseNetwork(token);
  const dash = token.indexOf('-');
  const beforeDash = dash < 0 ? '' : token.slice(0, dash);
  if (dash >= 0 && NUMERIC.test(beforeDash)) return parseRange(token, beforeDash, token.slice(dash + 1));
  // An all-numeric name is not a valid host name (RFC 3696), so digits and dots are a mistyped address.
  if (NUMERIC.test(token)) {
    const value = parseDottedIpv4(token, token);
    return { kind: 'ipv4', text: token, first: value, last: value };
  }
  if (HOST_NAME.test(token)) return { kind: 'host-name', text: token, name: token.replace(/\.$/, '').toLowerCase() };
  throw new WordedError({ key: 'addressNotAddress', params: { token } });
}

function parseIpv6(token: string, address: string): AddressSpec {
  if (isIpv6(address)) return { kind: 'ipv6', text: token, address: address.toLowerCase() };
  if (/^[^:]+:\d+$/.test(token)) throw new RangeError(`${token}: a port cannot be given per address; set it in the search options`);
  if (/[/-]/.test(address)) throw new RangeError(`${token}: IPv6 ranges and networks are not supported; give single IPv6 addresses`);
  throw new RangeError(`${token}: not an IPv6 address`);
}

function parseNetwork(token: string): AddressSpec {
  const [base = '', prefixText = '', ...extra] = token.split('/');
  if (extra.length > 0 || !/^\d{1,2}$/.test(prefixText)) throw new WordedError({ key: 'addressPrefixNumber', params: { token } });
  const prefix = Number(prefixText);
  if (prefix > 32) throw new WordedError({ key: 'addressPrefixRange', params: { token, prefix } });
  const size = 2 ** (32 - prefix);
  // Host bits are forgiven (10.1.2.3/22 means 10.1.0.0/22), as ping sweeps and scanners do.
  const network = Math.floor(parseDottedIpv4(base, token) / size) * size;
  const broadcast = network + size - 1;
  // /31 (RFC 3021 point-to-point) and /32 have no network or broadcast address to skip.
  const edges = prefix <= 30 ? 1 : 0;
  return { kind: 'ipv4', text: token, first: network + edges, last: broadcast - edges };
}

function parseRange(token: string, startText: string, endText: string): AddressSpec {
  const first = parseDottedIpv4(startText, token);
  let last: number;
  if (/^\d+$/.test(endText)) {
    // "10.0.0.1-9": the end replaces the last octet only.
    last = first - (first % 256) + parseOctet(endText, token);
  } else if (NUMERIC.test(endText)) {
    last = parseDottedIpv4(endText, token);
  } else {
    throw new WordedError({ key: 'addressRangeEnd', params: { token, end: endText } });
  }
  if (last < first) throw new WordedError({ key: 'addressRangeOrder', params: { token } });
  return { kind: 'ipv4', text: token, first, last };
}
