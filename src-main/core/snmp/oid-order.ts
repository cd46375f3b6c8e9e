/**
 * OID ordering on the hot path of walks. src-shared's compareOids splits both strings into
 * arrays; a walk compares every varbind it receives, so this version scans the text instead.
 */

const DOT = 46;

/** Numeric order of two dotted-decimal OIDs (-1, 0, 1) without allocating; never throws. */
export function compareOidText(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  while (true) {
    let ei = i;
    while (ei < la && a.charCodeAt(ei) !== DOT) ei++;
    let ej = j;
    while (ej < lb && b.charCodeAt(ej) !== DOT) ej++;
    // Canonical sub-identifiers have no leading zeros, so a longer digit run is a larger number.
    const lenA = ei - i;
    const lenB = ej - j;
    if (lenA !== lenB) return lenA < lenB ? -1 : 1;
    for (let k = 0; k < lenA; k++) {
      const d = a.charCodeAt(i + k) - b.charCodeAt(j + k);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    const endA = ei >= la;
    const endB = ej >= lb;
    if (endA || endB) return endA === endB ? 0 : endA ? -1 : 1;
    i = ei + 1;
    j = ej + 1;
  }
}

/** True when `oid` is a syntactically valid dotted-decimal OID (no leading dot); never throws. */
export function isNumericOid(oid: string): boolean {
  const n = oid.length;
  if (n === 0) return false;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = oid.charCodeAt(i);
    if (c === DOT) {
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
