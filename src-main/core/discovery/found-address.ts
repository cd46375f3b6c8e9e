import { isIPv4, isIPv6 } from 'node:net';

/**
 * What an address a method turned up (an SLP service URL, an mDNS record, a NetBIOS answer) is
 * good for. Those addresses come off the network, so they are checked before the scanner sees
 * them: one odd answer must cost its own finding, never the run.
 */
export type FoundAddressKind =
  /** A unicast IPv4 host address: probed with SNMP. */
  | { kind: 'ipv4' }
  /** An IPv6 address: reported as found but not searched, until the scanner probes IPv6. */
  | { kind: 'ipv6' }
  /** Not an address a device can be reached at; the reason says why. */
  | { kind: 'unusable'; reason: string };

/** Sorts a found address; never throws. */
export function classifyFoundAddress(address: unknown): FoundAddressKind {
  if (typeof address !== 'string' || address === '') return { kind: 'unusable', reason: `${JSON.stringify(address) ?? String(address)} is not an address` };
  if (isIPv6(address)) return { kind: 'ipv6' };
  if (!isIPv4(address)) return { kind: 'unusable', reason: `"${clip(address)}" is not an IPv4 or IPv6 address` };
  const first = Number(address.split('.')[0]);
  // 0/8 is "this network", 224/4 multicast, 240/4 reserved and the limited broadcast: no device answers a unicast probe there.
  if (first === 0) return { kind: 'unusable', reason: `${address} is in 0.0.0.0/8 ("this network"), not a host address` };
  if (first >= 224) return { kind: 'unusable', reason: `${address} is a multicast, reserved or broadcast address, not a host address` };
  return { kind: 'ipv4' };
}

function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
