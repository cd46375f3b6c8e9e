import type { DiscoveryMethod } from '../../../src-shared/contract/discovery.contract';

export type SlpMethod = Extract<DiscoveryMethod, { kind: 'slp' }>;
export type MdnsMethod = Extract<DiscoveryMethod, { kind: 'mdns' }>;

/** An address a non-SNMP method turned up, with what people call it ("Printer-3F", a service URL). */
export interface FoundAddress {
  address: string;
  label: string;
}

/** Reports a reply a method ignored (malformed, stray): logged, never fatal. */
export type IgnoredReply = (reason: string, sender: string) => void;

/**
 * How the engine turns names and service announcements into addresses. createCore wires the
 * real ones (the OS resolver, our NBNS client, SLP and mDNS on sockets); tests of the engine
 * pass the same real pieces pointed at loopback, or a host table in place of the OS resolver
 * (which would ask the network's DNS server).
 */
export interface DiscoveryResolvers {
  /** DNS: the IPv4 addresses of a host name; rejects when it does not resolve. */
  lookupHost(name: string, signal: AbortSignal): Promise<string[]>;
  /** NetBIOS name query (unicast to a name server, or broadcast); rejects when unresolved. */
  queryNetbios(name: string, options: { server?: string; port?: number; signal: AbortSignal }): Promise<string[]>;
  /** SLP service request; resolves when its wait is over or the signal aborts. */
  searchSlp(method: SlpMethod, signal: AbortSignal, onFound: (found: FoundAddress) => void, onIgnored: IgnoredReply): Promise<void>;
  /** mDNS / DNS-SD browse; resolves when its wait is over or the signal aborts. */
  browseMdns(method: MdnsMethod, signal: AbortSignal, onFound: (found: FoundAddress) => void, onIgnored: IgnoredReply): Promise<void>;
}
