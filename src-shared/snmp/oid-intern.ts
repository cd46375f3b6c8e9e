/**
 * One shared string per distinct OID. A fleet of 10,000 devices holds the same few hundred
 * OIDs ("1.3.6.1.2.1.43.11.1.1.9.1.1" …) a million times over; sharing them keeps the
 * per-device memory of table layouts small. The pool only grows with distinct OIDs, which
 * real fleets bound (vendor tables repeat), and is capped as a safeguard.
 */
const pool = new Map<string, string>();
const MAX_POOL = 200_000;

/** The pooled copy of `oid` (or `oid` itself once the pool is full). Never throws. */
export function internOid(oid: string): string {
  const known = pool.get(oid);
  if (known !== undefined) return known;
  if (pool.size < MAX_POOL) pool.set(oid, oid);
  return oid;
}
