import { createHash } from 'node:crypto';
import type { DiscoveryMethodKind, DiscoveryRequest } from '../../../src-shared/contract/discovery.contract';
import {
  countAddresses,
  excludeAddresses,
  expandAddresses,
  namedTargets,
  parseAddressCsv,
  parseAddressSpec,
  type AddressSpec,
} from '../../../src-shared/net/address-targets';
import { ipv4ToNumber } from '../../../src-shared/net/ipv4-intervals';
import { AppError } from '../../../src-shared/rpc/app-error';
import { checkMethodOptions } from './method-checks';
import { wordingOf } from '../../../src-shared/wording/worded-message';

/** Addresses typed or imported for "SNMP to addresses", with the method that named them. */
export type RangeKind = Extract<DiscoveryMethodKind, 'addresses' | 'addressFile'>;

/** What a search will probe, worked out before a packet is sent. */
export interface DiscoveryPlan {
  /** IPv4 targets of the address methods, exclusions taken out, merged. */
  ranges: AddressSpec[];
  /** The same, per method, to say which method found an address. */
  rangesByKind: ReadonlyArray<{ kind: RangeKind; specs: AddressSpec[] }>;
  /** Distinct IPv4 addresses in `ranges`. */
  rangeCount: number;
  /** Names to resolve (from the address methods and the names method), with where they came from. */
  names: ReadonlyArray<{ name: string; kind: 'addresses' | 'addressFile' | 'names' }>;
  /** IPv6 addresses typed in the address methods (probed one by one). */
  ipv6: string[];
  exclusions: AddressSpec[];
}

/** Largest address space one search may cover: a /12. A bigger one is almost always a typo. */
export const MAX_SEARCH_ADDRESSES = 2 ** 20;

/**
 * Parses a request's address methods and exclusions and checks the other methods' options.
 * Throws AppError('invalid-argument') naming the method and the bad token or option, or an
 * AddressFileError listing every bad line of a file.
 */
export function planDiscovery(request: DiscoveryRequest): DiscoveryPlan {
  checkMethodOptions(request);
  const exclusions = parseOrExplain(request.options.exclusions, 'exclusions');
  const rangesByKind: Array<{ kind: RangeKind; specs: AddressSpec[] }> = [];
  const names: Array<{ name: string; kind: 'addresses' | 'addressFile' | 'names' }> = [];
  const ipv6 = new Set<string>();
  request.methods.forEach((method, index) => {
    let specs: AddressSpec[];
    if (method.kind === 'addresses') specs = parseOrExplain(method.spec, `method ${index + 1} (addresses)`);
    else if (method.kind === 'addressFile') specs = parseAddressCsv(method.content, method.fileName);
    else {
      if (method.kind === 'names') for (const name of method.names) names.push({ name, kind: 'names' });
      return;
    }
    const kept = excludeAddresses(specs, exclusions);
    rangesByKind.push({ kind: method.kind, specs: kept.filter((s) => s.kind === 'ipv4') });
    const named = namedTargets(kept);
    for (const name of named.hostNames) names.push({ name, kind: method.kind });
    for (const address of named.ipv6) ipv6.add(address);
  });
  const ranges = excludeAddresses(
    rangesByKind.flatMap((r) => r.specs),
    [],
  );
  const rangeCount = countAddresses(ranges);
  if (rangeCount > MAX_SEARCH_ADDRESSES) {
    throw new AppError(
      'invalid-argument',
      `the search covers ${rangeCount.toLocaleString('en')} addresses, more than ${MAX_SEARCH_ADDRESSES.toLocaleString('en')} (a /12): narrow the ranges`,
    );
  }
  return { ranges, rangesByKind, rangeCount, names: dedupeNames(names), ipv6: [...ipv6], exclusions };
}

/** The addresses of the plan's ranges, lazily, in ascending order. */
export function rangeAddresses(plan: DiscoveryPlan): Iterable<string> {
  return expandAddresses(plan.ranges, { limit: MAX_SEARCH_ADDRESSES });
}

/** True when an IPv4 address lies in one of the specs (IPv4 intervals only). */
export function coversAddress(specs: readonly AddressSpec[], address: string): boolean {
  const value = ipv4ToNumber(address);
  if (value === null) return false;
  return specs.some((s) => s.kind === 'ipv4' && s.first <= value && value <= s.last);
}

/** True when the address is excluded by the plan (IPv4 ranges, IPv6 or the same name). */
export function isExcluded(plan: DiscoveryPlan, address: string): boolean {
  if (coversAddress(plan.exclusions, address)) return true;
  return plan.exclusions.some((s) => (s.kind === 'ipv6' && s.address === address) || (s.kind === 'host-name' && s.name === address));
}

/**
 * The same search gets the same fingerprint: its methods and the options that decide what is
 * found (credentials included, hashed, never stored in clear).
 */
export function fingerprintOf(request: DiscoveryRequest): string {
  const { methods, options } = request;
  const decisive = { methods, credentials: options.credentials, port: options.port, printersOnly: options.printersOnly, exclusions: options.exclusions };
  return createHash('sha256').update(JSON.stringify(decisive)).digest('hex').slice(0, 32);
}

/** The request as history shows it: communities and keys masked, file contents left out. */
export function maskRequest(request: DiscoveryRequest): unknown {
  return {
    ...request,
    methods: request.methods.map((m) => (m.kind === 'addressFile' ? { kind: m.kind, fileName: m.fileName, lines: m.content.split('\n').length } : m)),
    options: {
      ...request.options,
      credentials: request.options.credentials.map((c) =>
        c.version === 'v3' ? { version: c.version, user: c.user, level: c.level, authProtocol: c.authProtocol, privProtocol: c.privProtocol } : { version: c.version, community: '••••' },
      ),
    },
  };
}

/** A name for the history when the user gave none: "10.0.0.0/24, SLP". */
export function defaultRunName(request: DiscoveryRequest): string {
  const parts = request.methods.map((m) => {
    switch (m.kind) {
      case 'addresses':
        return m.spec.length > 40 ? `${m.spec.slice(0, 37)}…` : m.spec;
      case 'addressFile':
        return m.fileName;
      case 'names':
        return m.names.length === 1 ? (m.names[0] as string) : `${m.names.length} names`;
      case 'broadcast':
        return `broadcast ${m.address}`;
      case 'slp':
        return 'SLP';
      case 'mdns':
        return 'mDNS';
    }
  });
  return request.name?.trim() || parts.join(', ').slice(0, 120);
}

function parseOrExplain(text: string, where: string): AddressSpec[] {
  try {
    return parseAddressSpec(text);
  } catch (error) {
    // The worded problem travels along, so the console says it in its language (worded-message.ts).
    throw new AppError('invalid-argument', `${where}: ${error instanceof Error ? error.message : String(error)}`, undefined, wordingOf(error) ?? undefined);
  }
}

function dedupeNames<T extends { name: string }>(names: readonly T[]): T[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
