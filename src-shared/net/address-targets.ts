/**
 * Targets of an "SNMP to addresses" search: parse them, count them, walk them lazily and take
 * exclusions out. IPv4 forms are kept as merged numeric intervals, so a /8 costs a few numbers,
 * not sixteen million strings. Pure.
 */
import { ipv4ToText, intervalSize, mergeIntervals, subtractIntervals, type Ipv4Interval } from './ipv4-intervals';
import type { AddressSpec } from './address-spec.parser';

export { parseAddressSpec, type AddressSpec } from './address-spec.parser';
export { parseAddressCsv, AddressFileError, type AddressFileProblem } from './address-csv.parser';

/** Default ceiling of expandAddresses: a /8 and then some, far more than a polite search sends. */
export const DEFAULT_EXPAND_LIMIT = 2 ** 24;

/** Targets that are not IPv4 numbers: probed one by one after resolution (names) or as they are. */
export interface NamedTargets {
  ipv6: string[];
  hostNames: string[];
}

/** Distinct IPv4 addresses the specs cover (overlaps counted once); exact for all of IPv4; never fails. */
export function countAddresses(specs: readonly AddressSpec[]): number {
  return ipv4Intervals(specs).reduce((total, interval) => total + intervalSize(interval), 0);
}

/**
 * Yields the distinct IPv4 addresses of the specs in ascending order, one at a time. IPv6 and
 * names are not yielded (see namedTargets). Throws RangeError on the first next() when the specs
 * cover more than `limit` addresses, before yielding anything, so a typo like /8 for /24 cannot
 * start a flood.
 */
export function* expandAddresses(specs: readonly AddressSpec[], options: { limit?: number } = {}): Generator<string, void, undefined> {
  const limit = options.limit ?? DEFAULT_EXPAND_LIMIT;
  const intervals = ipv4Intervals(specs);
  const total = intervals.reduce((sum, interval) => sum + intervalSize(interval), 0);
  if (total > limit) {
    throw new RangeError(`the targets cover ${total.toLocaleString('en')} addresses, more than the limit of ${limit.toLocaleString('en')}`);
  }
  for (const interval of intervals) {
    for (let value = interval.first; value <= interval.last; value += 1) yield ipv4ToText(value);
  }
}

/** The IPv6 addresses and host names of the specs, de-duplicated, in the order given; never fails. */
export function namedTargets(specs: readonly AddressSpec[]): NamedTargets {
  const ipv6 = new Set<string>();
  const hostNames = new Set<string>();
  for (const spec of specs) {
    if (spec.kind === 'ipv6') ipv6.add(spec.address);
    else if (spec.kind === 'host-name') hostNames.add(spec.name);
  }
  return { ipv6: [...ipv6], hostNames: [...hostNames] };
}

/**
 * The specs without the addresses, IPv6 addresses and host names of `exclusions` (the search
 * option "exclusions"). IPv4 targets come back merged as ranges, then the remaining IPv6
 * addresses and names; never fails. A name excludes only the same name: it is not resolved here.
 */
export function excludeAddresses(specs: readonly AddressSpec[], exclusions: readonly AddressSpec[]): AddressSpec[] {
  const kept = subtractIntervals(ipv4Intervals(specs), ipv4Intervals(exclusions));
  const removed = namedTargets(exclusions);
  const named = namedTargets(specs);
  return [
    ...kept.map(intervalSpec),
    ...named.ipv6.filter((a) => !removed.ipv6.includes(a)).map((address): AddressSpec => ({ kind: 'ipv6', text: address, address })),
    ...named.hostNames.filter((n) => !removed.hostNames.includes(n)).map((name): AddressSpec => ({ kind: 'host-name', text: name, name })),
  ];
}

function ipv4Intervals(specs: readonly AddressSpec[]): Ipv4Interval[] {
  const intervals: Ipv4Interval[] = [];
  for (const spec of specs) if (spec.kind === 'ipv4') intervals.push({ first: spec.first, last: spec.last });
  return mergeIntervals(intervals);
}

function intervalSpec(interval: Ipv4Interval): AddressSpec {
  const first = ipv4ToText(interval.first);
  const text = interval.first === interval.last ? first : `${first}-${ipv4ToText(interval.last)}`;
  return { kind: 'ipv4', text, first: interval.first, last: interval.last };
}
