/**
 * Addresses that are never one device's, whatever parser reads them: a device address typed
 * into the console, a CSV import, a search target, an IP pool. Pure.
 */
import { ipv4ToText } from './ipv4-intervals';

interface Block {
  first: number;
  last: number;
  why: string;
}

/** IPv4 blocks no device answers from, each with the reason a person is told. */
const NOT_DEVICE_IPV4: readonly Block[] = [
  { first: 0x00000000, last: 0x00ffffff, why: '0.0.0.0/8 means "this host" or "any address", never a device' },
  { first: 0xe0000000, last: 0xefffffff, why: 'multicast addresses (224.0.0.0–239.255.255.255) name a group, never a device' },
  { first: 0xffffffff, last: 0xffffffff, why: '255.255.255.255 is the broadcast address, never a device (use the broadcast search method)' },
  { first: 0xf0000000, last: 0xfffffffe, why: '240.0.0.0–255.255.255.254 are reserved (240.0.0.0/4), never a device' },
];

/** Why no address of first…last (IPv4 numbers) may be a device's, naming the first block they touch; null when all may. Never throws. */
export function ipv4Refusal(first: number, last = first): string | null {
  const block = NOT_DEVICE_IPV4.find((b) => first <= b.last && last >= b.first);
  if (!block) return null;
  if (first === last) return block.why;
  const from = ipv4ToText(Math.max(first, block.first));
  const to = ipv4ToText(Math.min(last, block.last));
  return `it includes ${from === to ? from : `${from}–${to}`}: ${block.why}`;
}

/** Why an IPv6 address (as isIpv6 accepts it) may not be a device's: "::" and multicast (ff00::/8); null otherwise. */
export function ipv6Refusal(address: string): string | null {
  const text = address.toLowerCase();
  if (/^[0:]+$/.test(text)) return ':: is the unspecified address, never a device';
  if (/^ff[0-9a-f]{0,2}:/.test(text)) return 'IPv6 multicast addresses (ff00::/8) name a group, never a device';
  return null;
}

/**
 * True for a name that is an IPv4 address in a form other than four decimal numbers — hex,
 * octal-looking or shortened ("0x7f.1", "0177.1", "127.1", "2130706433") — which resolvers and
 * browsers read as an address (127.0.0.1), not as a name: the WHATWG URL rule, a last label that
 * is a number. Never throws.
 */
export function isNumericHostName(name: string): boolean {
  const labels = name.replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1] ?? '';
  return /^(0x[0-9a-f]*|\d+)$/i.test(last);
}

/** The sentence for a name isNumericHostName refuses. */
export function numericHostNameRefusal(name: string): string {
  return `"${name}" ends in a number, so it is read as an IPv4 address (0x7f.1 is 127.0.0.1), not as a host name: write an address as four decimal numbers, e.g. 192.0.2.10`;
}
