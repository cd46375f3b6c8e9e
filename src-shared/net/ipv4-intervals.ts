/**
 * IPv4 addresses as unsigned 32-bit numbers and closed intervals of them. Pure.
 * Numbers (not bigint) are exact here: the whole IPv4 space (2^32) is far below 2^53, and plain
 * numbers keep address specs JSON for the contract and the search history.
 */

/** A closed interval [first, last] of IPv4 addresses as unsigned 32-bit numbers. */
export interface Ipv4Interval {
  first: number;
  last: number;
}

/** Dotted-quad text of an unsigned 32-bit address; never fails for 0 … 2^32 − 1. */
export function ipv4ToText(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

/** The number of a dotted IPv4 address ("10.0.0.5"), or null for text that is not one. Never throws. */
export function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const byte = Number(part);
    if (byte > 255) return null;
    value = value * 256 + byte;
  }
  return value;
}

/** Number of addresses in an interval; 0 for an empty one (last < first). */
export function intervalSize(interval: Ipv4Interval): number {
  return interval.last >= interval.first ? interval.last - interval.first + 1 : 0;
}

/**
 * Sorts and merges overlapping or touching intervals, so every address appears once;
 * never fails, and returns fresh objects (the input is not modified).
 */
export function mergeIntervals(intervals: readonly Ipv4Interval[]): Ipv4Interval[] {
  const sorted = intervals.filter((i) => i.last >= i.first).sort((a, b) => a.first - b.first || a.last - b.last);
  const merged: Ipv4Interval[] = [];
  for (const interval of sorted) {
    const previous = merged[merged.length - 1];
    // "+ 1": 10.0.0.1-5 and 10.0.0.6-9 become one interval, which keeps the list minimal.
    if (previous !== undefined && interval.first <= previous.last + 1) {
      previous.last = Math.max(previous.last, interval.last);
    } else {
      merged.push({ first: interval.first, last: interval.last });
    }
  }
  return merged;
}

/** The addresses of `from` that are not in `remove`, merged and sorted; never fails. */
export function subtractIntervals(from: readonly Ipv4Interval[], remove: readonly Ipv4Interval[]): Ipv4Interval[] {
  const kept = mergeIntervals(from);
  const holes = mergeIntervals(remove);
  const result: Ipv4Interval[] = [];
  let holeIndex = 0;
  for (const interval of kept) {
    let start = interval.first;
    // Both lists are sorted, so one forward sweep suffices: no hole before this one matters again.
    while (holeIndex < holes.length && (holes[holeIndex]?.last ?? Infinity) < start) holeIndex += 1;
    let index = holeIndex;
    for (let hole = holes[index]; hole !== undefined && hole.first <= interval.last; hole = holes[++index]) {
      if (hole.first > start) result.push({ first: start, last: hole.first - 1 });
      start = Math.max(start, hole.last + 1);
    }
    if (start <= interval.last) result.push({ first: start, last: interval.last });
  }
  return result;
}
