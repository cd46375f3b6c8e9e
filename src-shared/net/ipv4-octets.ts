import { WordedError } from '../wording/worded-message';

/**
 * Reads a dotted IPv4 address as people type it, and words what is wrong with it once, for
 * every place that takes addresses: the search's ranges (address-spec.parser.ts) and single
 * device addresses (host-port.ts: the console's "Add device" and every CLI target). So the
 * console and the command line say the same: "10.0.0.300: octet 300 is outside 0–255".
 */

/** One octet 0–255 without a leading zero; throws WordedError naming `token`. */
export function parseOctet(part: string, token: string): number {
  if (!/^\d+$/.test(part)) throw new WordedError({ key: 'addressEmptyOctet', params: { token } });
  // Some tools read a leading zero as octal (010 = 8); refusing it avoids probing the wrong host.
  if (part.length > 1 && part.startsWith('0')) throw new WordedError({ key: 'addressLeadingZero', params: { token, octet: part } });
  const value = Number(part);
  if (value > 255) throw new WordedError({ key: 'addressOctetRange', params: { token, octet: part } });
  return value;
}

/** "10.0.0.5" as a 32-bit number; throws WordedError naming `token` (the whole text typed) and what is wrong. */
export function parseDottedIpv4(text: string, token: string = text): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new WordedError({ key: 'addressOctetCount', params: { token } });
  return parts.reduce((value, part) => value * 256 + parseOctet(part, token), 0);
}
