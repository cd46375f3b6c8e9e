/**
 * MIB enumerations are kept as `{ name: code }` objects (`as const`), readable where code
 * refers to them (`PRT_ALERT_CODES.jam`); decoding needs the reverse direction, built once.
 */

/** A code → name map for an `as const` name → code table. Never throws; later duplicates win. */
export function namesByCode<T extends Readonly<Record<string, number>>>(table: T): ReadonlyMap<number, keyof T & string> {
  const out = new Map<number, keyof T & string>();
  for (const name of Object.keys(table) as Array<keyof T & string>) out.set(table[name] as number, name);
  return out;
}

/** The name of `code` in `names`, or null when the value is missing or not in the table. Never throws. */
export function codeName<N extends string>(names: ReadonlyMap<number, N>, code: number | null): N | null {
  if (code === null) return null;
  return names.get(code) ?? null;
}
