import { binaryToBytes } from './packed-values';
import type { SnmpValue } from './snmp-value';

/**
 * DisplayStrings as people should read them. Devices send ASCII, UTF-8 or Latin-1/Windows-1252
 * (other legacy sets such as Shift-JIS are not guessed), pad with NULs, append garbage after a
 * NUL, and some put a string's hex digits in the value ("426C61636B20546F6E6572").
 *
 * Decisions: valid UTF-8 wins; anything else is Windows-1252 (a superset of Latin-1's printable
 * characters — C1 control codes never appear in real text, and "€", "–", "’" do); text ends at
 * the first NUL; control characters become spaces; white-space runs collapse; nothing is cut
 * for length. Hex digits are turned back into text only on request (descriptions and names:
 * a serial number such as "0505571100" must stay as it is) and only when the result is clean
 * printable text with a letter in it.
 */

export interface SnmpTextOptions {
  /** Decode values that are nothing but hex digit pairs (≥ 4 bytes) when that yields clean text. */
  unhexDigits?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Windows-1252 characters for bytes 0x80–0x9F; 0 marks the five undefined positions. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Minimum bytes a hex-digit string must encode before we believe it is hex-encoded text. */
const MIN_HEX_TEXT_BYTES = 4;

function meaningfulLength(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0);
  let end = nul === -1 ? bytes.length : nul;
  // 0xFF padding (erased flash) is as meaningless as NUL padding.
  while (end > 0 && bytes[end - 1] === 0xff) end--;
  return end;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}

/** Characters to text: controls to spaces, white-space runs to one space, trimmed. */
function tidy(raw: string): string {
  if (isTidy(raw)) return raw; // the usual case: nothing to change, nothing to build
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (isControl(code) || code === 0x20 || code === 0xa0 || code === 0x3000) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += raw[i];
  }
  return out;
}

/** True when tidy() would return `raw` unchanged. */
function isTidy(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return true;
  let previousSpace = true; // a leading space is not tidy
  for (let i = 0; i < n; i++) {
    const code = raw.charCodeAt(i);
    const space = code === 0x20;
    if (isControl(code) || code === 0xa0 || code === 0x3000 || (space && previousSpace)) return false;
    previousSpace = space;
  }
  return !previousSpace;
}

function decodeBytes(bytes: Uint8Array, end: number): string {
  let ascii = true;
  for (let i = 0; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const view = end === bytes.length ? bytes : bytes.subarray(0, end);
  if (ascii) return latin1(view);
  try {
    return utf8.decode(view);
  } catch {
    let out = '';
    for (const b of view) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] || b : b);
    return out;
  }
}

function latin1(bytes: Uint8Array): string {
  // Spreading into fromCharCode is fastest for DisplayString sizes; long values go byte by byte.
  if (bytes.length <= 1024) return String.fromCharCode(...bytes);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Bytes of "41 42 43" / "414243" / "41:42:43", or null when the text is not just hex pairs. */
function hexPairs(text: string): Uint8Array | null {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const hi = hexValue(text.charCodeAt(i));
    const lo = hexValue(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return null;
    out.push(hi * 16 + lo);
    i += 2;
    const sep = text.charCodeAt(i);
    if (sep === 0x20 || sep === 0x3a) i++;
  }
  return out.length >= MIN_HEX_TEXT_BYTES ? Uint8Array.from(out) : null;
}

/** Printable, with an ASCII letter, and — when it has high bytes — valid UTF-8: random hex is none of these. */
function isCleanText(bytes: Uint8Array, end: number): boolean {
  let letters = 0;
  let high = false;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 || b === 0x7f) return false;
    if ((b >= 65 && b <= 90) || (b >= 97 && b <= 122)) letters++;
    if (b >= 0x80) high = true;
  }
  if (letters === 0) return false;
  if (!high) return true;
  try {
    utf8.decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Text of an OCTET STRING as described above; "" for null or nothing printable. Never throws. */
export function decodeSnmpText(bytes: Uint8Array | null, options?: SnmpTextOptions): string {
  if (!bytes || bytes.length === 0) return '';
  return unhexedText(tidy(decodeBytes(bytes, meaningfulLength(bytes))), options);
}

/**
 * decodeSnmpText of the bytes `binary` holds one per character (the packed form of a
 * snapshot's values). Plain ASCII without NULs, the usual case, decodes to the same
 * characters: then the text is `binary` itself (tidied), with no byte copy made. Never throws.
 */
export function decodeSnmpBinary(binary: string, options?: SnmpTextOptions): string {
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    if (code === 0 || code >= 0x80) return decodeSnmpText(binaryToBytes(binary), options);
  }
  return unhexedText(tidy(binary), options);
}

/** The text its hex digits spell, when asked for and they spell clean text; `text` otherwise. */
function unhexedText(text: string, options: SnmpTextOptions | undefined): string {
  if (options?.unhexDigits !== true || text.length < MIN_HEX_TEXT_BYTES * 2) return text;
  const unhexed = hexPairs(text);
  if (!unhexed) return text;
  const end = meaningfulLength(unhexed);
  if (end < MIN_HEX_TEXT_BYTES || !isCleanText(unhexed, end)) return text;
  const decoded = tidy(decodeBytes(unhexed, end));
  return decoded === '' ? text : decoded;
}

/** Text of an OCTET STRING value, or null when absent, not a string, or empty after decoding. Never throws. */
export function snmpText(value: SnmpValue | undefined, options?: SnmpTextOptions): string | null {
  if (!value || (value.type !== 'OctetString' && value.type !== 'Opaque')) return null;
  const text = decodeSnmpText(value.value, options);
  return text === '' ? null : text;
}
