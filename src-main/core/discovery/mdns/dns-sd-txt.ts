/** TXT record data as dns-packet decodes it (an array of buffers) or as a caller builds it. */
export type TxtRecordData = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads DNS-SD key/value pairs from TXT record strings (RFC 6763 §6.3–6.5): `key=value`, a key
 * alone (a boolean attribute, value ""), keys compared without case with the first occurrence
 * winning, empty strings and strings starting with "=" skipped. Keys keep their case as sent.
 * Values are decoded as UTF-8 (invalid bytes become U+FFFD). Never throws.
 */
export function parseTxtRecord(data: TxtRecordData): Record<string, string> {
  const strings = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  const pairs = new Map<string, [string, string]>();
  for (const item of strings) {
    const text = typeof item === 'string' ? item : decoder.decode(item);
    const equals = text.indexOf('=');
    const key = equals === -1 ? text : text.slice(0, equals);
    if (key === '') continue;
    const folded = key.toLowerCase();
    if (!pairs.has(folded)) pairs.set(folded, [key, equals === -1 ? '' : text.slice(equals + 1)]);
  }
  // fromEntries defines own properties, so a key such as "__proto__" cannot touch the prototype.
  return Object.fromEntries(pairs.values());
}

/** The TXT strings for a key/value map (the reverse of parseTxtRecord); [""] when empty (RFC 6763 §6.1). */
export function formatTxtRecord(pairs: Readonly<Record<string, string>>): string[] {
  const strings = Object.entries(pairs).map(([key, value]) => `${key}=${value}`);
  return strings.length > 0 ? strings : [''];
}
