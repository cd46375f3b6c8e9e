/**
 * A minimal IPP message codec (RFC 8010 §3): enough to send Get-Printer-Attributes and read the
 * printer's answer. Written by hand because the npm IPP packages ("ipp", "ipp-encoder") have
 * been unmaintained for years, and the binary encoding is small: a version, an operation or
 * status code, a request id, then attribute groups of tag / name / value triples. Pure (bytes
 * in, bytes out) so the console and the agent can both use it.
 */

export const IPP_OPERATIONS = { getPrinterAttributes: 0x000b } as const;

/** Delimiter tags (RFC 8010 §3.5.1). */
const TAG_OPERATION = 0x01;
const TAG_END = 0x03;
/** Value tags (RFC 8010 §3.5.2). */
export const VALUE_TAGS = { integer: 0x21, boolean: 0x22, enum: 0x23, textWithLanguage: 0x35, nameWithLanguage: 0x36, text: 0x41, name: 0x42, keyword: 0x44, uri: 0x45, charset: 0x47, naturalLanguage: 0x48, mimeMediaType: 0x49 } as const;

export interface IppRequestAttribute {
  tag: number;
  name: string;
  values: readonly string[];
}

const encoder = new TextEncoder();

/** An IPP request (version 2.0 unless told) with operation attributes only (attributes-charset and -natural-language first, as RFC 8011 requires). */
export function encodeIppRequest(operation: number, requestId: number, attributes: readonly IppRequestAttribute[], version: '2.0' | '1.1' = '2.0'): Uint8Array {
  const parts: number[] = [version === '2.0' ? 0x02 : 0x01, version === '2.0' ? 0x00 : 0x01, operation >> 8, operation & 0xff, (requestId >>> 24) & 0xff, (requestId >>> 16) & 0xff, (requestId >>> 8) & 0xff, requestId & 0xff, TAG_OPERATION];
  const all: IppRequestAttribute[] = [{ tag: VALUE_TAGS.charset, name: 'attributes-charset', values: ['utf-8'] }, { tag: VALUE_TAGS.naturalLanguage, name: 'attributes-natural-language', values: ['en'] }, ...attributes];
  for (const attribute of all) {
    attribute.values.forEach((value, index) => {
      const name = index === 0 ? encoder.encode(attribute.name) : new Uint8Array(0);
      const bytes = encoder.encode(value);
      parts.push(attribute.tag, name.length >> 8, name.length & 0xff, ...name, bytes.length >> 8, bytes.length & 0xff, ...bytes);
    });
  }
  parts.push(TAG_END);
  return Uint8Array.from(parts);
}

export interface IppResponse {
  version: string;
  statusCode: number;
  requestId: number;
  /** Attributes of every group, by name; values as text (integers and enums in decimal, booleans "true"/"false"). */
  attributes: Map<string, string[]>;
}

const decoder = new TextDecoder('utf-8');

/** Reads an IPP response; throws an Error saying where the bytes stop making sense. */
export function decodeIppResponse(bytes: Uint8Array): IppResponse {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 9) throw new Error(`an IPP response of ${bytes.length} bytes is too short (at least 9)`);
  const attributes = new Map<string, string[]>();
  let offset = 8;
  let current: string[] | null = null;
  const need = (count: number): void => {
    if (offset + count > bytes.length) throw new Error(`the IPP response ends inside an attribute (byte ${offset}, ${count} more needed)`);
  };
  while (offset < bytes.length) {
    const tag = bytes[offset] ?? 0;
    offset += 1;
    if (tag === TAG_END) break;
    if (tag <= 0x0f) {
      current = null;
      continue;
    }
    need(2);
    const nameLength = view.getUint16(offset);
    offset += 2;
    need(nameLength + 2);
    const name = decoder.decode(bytes.subarray(offset, offset + nameLength));
    offset += nameLength;
    const valueLength = view.getUint16(offset);
    offset += 2;
    need(valueLength);
    const value = bytes.subarray(offset, offset + valueLength);
    offset += valueLength;
    const text = valueText(tag, value);
    if (nameLength > 0) {
      current = attributes.get(name) ?? [];
      attributes.set(name, current);
    }
    if (current === null) throw new Error(`an additional value without an attribute before it (byte ${offset})`);
    if (text !== null) current.push(text);
  }
  return { version: `${bytes[0]}.${bytes[1]}`, statusCode: view.getUint16(2), requestId: view.getUint32(4), attributes };
}

function valueText(tag: number, value: Uint8Array): string | null {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if ((tag === VALUE_TAGS.integer || tag === VALUE_TAGS.enum) && value.length === 4) return String(view.getInt32(0));
  if (tag === VALUE_TAGS.boolean && value.length === 1) return value[0] === 0 ? 'false' : 'true';
  if (tag === VALUE_TAGS.textWithLanguage || tag === VALUE_TAGS.nameWithLanguage) {
    if (value.length < 4) return null;
    const languageLength = view.getUint16(0);
    if (2 + languageLength + 2 > value.length) return null;
    const textLength = view.getUint16(2 + languageLength);
    return decoder.decode(value.subarray(4 + languageLength, 4 + languageLength + textLength));
  }
  if (tag >= 0x40 && tag <= 0x5f) return decoder.decode(value);
  // Out-of-band values (unknown, no-value), dates, resolutions, ranges, collections: not needed here.
  return null;
}

/** Whether the answer says IPP Everywhere: IPP 2.0 or later, and PWG Raster or Apple Raster (URF) among the formats. */
export function ippEverywhereVerdict(versions: readonly string[], formats: readonly string[]): { ready: boolean; reason: string | null } {
  const modern = versions.some((v) => Number.parseFloat(v) >= 2);
  const raster = formats.some((f) => f.toLowerCase() === 'image/pwg-raster' || f.toLowerCase() === 'image/urf');
  if (modern && raster) return { ready: true, reason: null };
  const missing = [modern ? null : `IPP ${versions.length > 0 ? versions.join(', ') : 'version unknown'} (2.0 or later is needed)`, raster ? null : 'no image/pwg-raster or image/urf among its document formats'].filter((m): m is string => m !== null);
  return { ready: false, reason: `not IPP Everywhere: ${missing.join('; ')}` };
}
