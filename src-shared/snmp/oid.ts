/** Pure helpers for dotted-decimal OIDs (no leading dot). */

/** Strips a leading dot and validates; throws RangeError with the offending text. */
export function normaliseOid(text: string): string {
  const oid = text.startsWith('.') ? text.slice(1) : text;
  if (!/^\d+(\.\d+)*$/.test(oid)) throw new RangeError(`not a numeric OID: "${text}"`);
  return oid;
}

/**
 * Numeric (not lexical) order of two OIDs, as SNMP GETNEXT orders them. Allocation-free: it
 * runs inside sorts and binary searches on every poll.
 */
export function compareOids(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  while (i < la && j < lb) {
    let na = 0;
    let nb = 0;
    let c: number;
    while (i < la && (c = a.charCodeAt(i)) !== 46) {
      na = na * 10 + (c - 48);
      i++;
    }
    while (j < lb && (c = b.charCodeAt(j)) !== 46) {
      nb = nb * 10 + (c - 48);
      j++;
    }
    if (na !== nb) return na - nb;
    i++;
    j++;
  }
  return (i < la ? 1 : 0) - (j < lb ? 1 : 0);
}

/** True when `oid` lies strictly below `root` (or equals it when `inclusive`). */
export function isInSubtree(oid: string, root: string, inclusive = false): boolean {
  if (oid === root) return inclusive;
  return oid.length > root.length && oid.startsWith(root) && oid.charCodeAt(root.length) === 46; /* '.' */
}

/** The index part of `oid` below `column` ("1.3.6.1.2.1.43.11.1.1.9.1.3" under column ...9 → "1.3"). */
export function indexBelow(oid: string, column: string): string | null {
  return isInSubtree(oid, column) ? oid.slice(column.length + 1) : null;
}

/** True when `oid` is a syntactically valid dotted-decimal OID (no leading dot); never throws. */
export function isNumericOid(oid: string): boolean {
  const n = oid.length;
  if (n === 0) return false;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = oid.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      digits++;
    } else {
      return false;
    }
  }
  return digits > 0;
}
