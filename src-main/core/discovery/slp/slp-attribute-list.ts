/**
 * SLPv2 attribute lists (RFC 2608 §5): "(tag=v1,v2),keyword,(other=x)" with reserved
 * characters escaped as "\xx" (two hex digits). Parsed on bytes, not on a decoded string, so
 * error offsets are byte offsets in the datagram; every delimiter is ASCII, and UTF-8
 * continuation bytes are all >= 0x80, so a multi-byte character can never look like one.
 * Pure: no node:* imports.
 */
import { decodeUtf8, SlpDecodeError } from './slp-wire-reader';

/** Tag → values; a keyword attribute (no "=") has no values. Tags keep the case they were sent in. */
export type SlpAttributeList = ReadonlyMap<string, readonly string[]>;

const BACKSLASH = 0x5c;
const OPEN = 0x28;
const CLOSE = 0x29;
const COMMA = 0x2c;
const EQUALS = 0x3d;

// RFC 2608 §5 "reserved": ( ) , \ ! < = > ~ and CTL; tags also may not hold * _ CR LF HTAB.
const VALUE_RESERVED = new Set('(),\\!<=>~'.split(''));
const TAG_RESERVED = new Set([...VALUE_RESERVED, '*', '_']);

/**
 * Parses an attribute list; `baseOffset` is where the list starts in the datagram. Throws
 * SlpDecodeError (with that offset) on a bad escape, unbalanced parentheses, a missing "=",
 * an empty attribute or invalid UTF-8.
 */
export function parseAttributeList(bytes: Uint8Array, baseOffset: number): SlpAttributeList {
  const attributes = new Map<string, string[]>();
  if (bytes.length === 0) return attributes;
  const fail = (reason: string, index: number): never => {
    throw new SlpDecodeError(`attribute list: ${reason}`, baseOffset + index);
  };
  const add = (tag: string, values: string[]): void => {
    const existing = attributes.get(tag);
    if (existing) existing.push(...values);
    else attributes.set(tag, values);
  };

  let index = 0;
  while (true) {
    if (index >= bytes.length) fail('empty attribute after ","', index);
    if (bytes[index] === OPEN) {
      const tagEnd = findDelimiter(bytes, index + 1, [EQUALS], [OPEN, CLOSE, COMMA], baseOffset);
      if (tagEnd.found !== EQUALS) fail('"(" without "tag=" after it', tagEnd.index);
      const tag = unescapeText(bytes, index + 1, tagEnd.index, baseOffset, 'attribute tag');
      if (tag === '') fail('empty attribute tag', index + 1);
      const values: string[] = [];
      let valueStart = tagEnd.index + 1;
      while (true) {
        const valueEnd = findDelimiter(bytes, valueStart, [COMMA, CLOSE], [OPEN, EQUALS], baseOffset);
        if (valueEnd.found === null) fail(`missing ")" after the values of "${tag}"`, valueEnd.index);
        values.push(unescapeValue(bytes, valueStart, valueEnd.index, baseOffset));
        valueStart = valueEnd.index + 1;
        if (valueEnd.found === CLOSE) break;
      }
      add(tag, values);
      index = valueStart;
      if (index >= bytes.length) break;
      if (bytes[index] !== COMMA) fail('expected "," after ")"', index);
      index += 1;
    } else {
      const keywordEnd = findDelimiter(bytes, index, [COMMA], [OPEN, CLOSE, EQUALS], baseOffset);
      const keyword = unescapeText(bytes, index, keywordEnd.index, baseOffset, 'keyword');
      if (keyword === '') fail('empty attribute', index);
      add(keyword, []);
      if (keywordEnd.found === null) break;
      index = keywordEnd.index + 1;
    }
  }
  return attributes;
}

/** Formats an attribute list with RFC 2608 escapes; throws RangeError for an empty tag. */
export function formatAttributeList(attributes: SlpAttributeList): string {
  const parts: string[] = [];
  for (const [tag, values] of attributes) {
    if (tag.trim() === '') throw new RangeError('an SLP attribute tag cannot be empty');
    const escapedTag = escapeText(tag, TAG_RESERVED);
    parts.push(values.length === 0 ? escapedTag : `(${escapedTag}=${values.map((value) => escapeText(value, VALUE_RESERVED)).join(',')})`);
  }
  return parts.join(',');
}

interface Delimiter {
  index: number;
  /** The stop byte found, or null at the end of the list. */
  found: number | null;
}

// Scans to the first stop byte; a forbidden byte there is a syntax error (RFC 2608 §5 requires it escaped).
function findDelimiter(bytes: Uint8Array, start: number, stops: readonly number[], forbidden: readonly number[], baseOffset: number): Delimiter {
  for (let index = start; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    if (stops.includes(byte)) return { index, found: byte };
    if (forbidden.includes(byte)) {
      throw new SlpDecodeError(`attribute list: unescaped "${String.fromCharCode(byte)}"`, baseOffset + index);
    }
  }
  return { index: bytes.length, found: null };
}

function unescapeValue(bytes: Uint8Array, start: number, end: number, baseOffset: number): string {
  const raw = trimSpaces(bytes, start, end);
  // An opaque value ("\FF" then escaped bytes) is binary: check its escapes, keep it escaped.
  const isOpaque = raw.end - raw.start >= 3 && bytes[raw.start] === BACKSLASH
    && hexDigit(bytes[raw.start + 1]) === 15 && hexDigit(bytes[raw.start + 2]) === 15;
  if (isOpaque) {
    unescapeBytes(bytes, raw.start, raw.end, baseOffset);
    return decodeUtf8(bytes.subarray(raw.start, raw.end), 'opaque attribute value', baseOffset + raw.start);
  }
  return unescapeText(bytes, start, end, baseOffset, 'attribute value');
}

function unescapeText(bytes: Uint8Array, start: number, end: number, baseOffset: number, what: string): string {
  const raw = trimSpaces(bytes, start, end);
  return decodeUtf8(unescapeBytes(bytes, raw.start, raw.end, baseOffset), what, baseOffset + raw.start);
}

function unescapeBytes(bytes: Uint8Array, start: number, end: number, baseOffset: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let length = 0;
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte !== BACKSLASH) {
      out[length++] = byte;
      continue;
    }
    const high = hexDigit(bytes[index + 1]);
    const low = hexDigit(bytes[index + 2]);
    if (index + 2 >= end || high === null || low === null) {
      throw new SlpDecodeError('attribute list: "\\" must be followed by two hex digits', baseOffset + index);
    }
    out[length++] = high * 16 + low;
    index += 2;
  }
  return out.subarray(0, length);
}

function hexDigit(byte: number | undefined): number | null {
  if (byte === undefined) return null;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return null;
}

// RFC 2608 §6.4 folds leading and trailing white space away.
function trimSpaces(bytes: Uint8Array, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && bytes[from] === 0x20) from += 1;
  while (to > from && bytes[to - 1] === 0x20) to -= 1;
  return { start: from, end: to };
}

// CTL (which includes the CR, LF and HTAB that tags may not hold) is always escaped.
function escapeText(text: string, reserved: ReadonlySet<string>): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const mustEscape = reserved.has(character) || code < 0x20 || code === 0x7f;
    out += mustEscape ? `\\${code.toString(16).toUpperCase().padStart(2, '0')}` : character;
  }
  return out;
}
