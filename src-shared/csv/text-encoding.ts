/**
 * Bytes of a CSV or text file to text, for every host that reads one (the renderer reads the
 * file a person picks, the CLI reads --file). Excel in Japanese Windows saves "CSV" as
 * Shift_JIS; decoding that as UTF-8 gives U+FFFD for every Japanese character, silently. Pure:
 * TextDecoder (Node and Chromium both decode these encodings; "shift_jis" is Windows-31J there).
 */

/** What a person may choose: detect, or one encoding. */
export const TEXT_ENCODING_CHOICES = ['auto', 'utf-8', 'shift_jis'] as const;
export type TextEncodingChoice = (typeof TEXT_ENCODING_CHOICES)[number];

/** The encodings a file can turn out to be in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** How the encoding was known: a byte order mark, the bytes (valid UTF-8, else valid Shift_JIS), or the caller's choice. */
  by: 'bom' | 'detected' | 'chosen';
}

/** A file that is not text in the encoding chosen or in any detected one; the message says what to do. */
export class TextEncodingError extends Error {
  override readonly name = 'TextEncodingError';

  constructor(
    message: string,
    /** What failed, for a UI that says it in its own words: the chosen UTF-8, detection (neither), the chosen Shift_JIS. */
    readonly kind: 'not-utf-8' | 'not-text' | 'not-shift-jis',
    /** 1-based line of the first byte UTF-8 does not allow; null when not known. */
    readonly line: number | null,
  ) {
    super(message);
  }
}

const BOMS: ReadonlyArray<{ encoding: TextEncoding; bytes: readonly number[] }> = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** How each encoding is named in messages. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', shift_jis: 'Shift_JIS' };

/**
 * Decodes a file. `auto`: a byte order mark decides; else valid UTF-8 is UTF-8; else bytes that
 * are valid Shift_JIS are Shift_JIS. A chosen encoding is used as chosen (a BOM of it is
 * dropped). Never yields U+FFFD for a bad byte: throws TextEncodingError naming the line of
 * the first byte that is not UTF-8 and what to do.
 */
export function decodeText(bytes: Uint8Array, choice: TextEncodingChoice = 'auto'): DecodedText {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (choice === 'auto' && bom) return { text: decodeStrict(bytes.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding, by: 'bom' };
  if (choice === 'utf-8' || choice === 'auto') {
    const bad = firstInvalidUtf8(bytes);
    if (bad < 0) return { text: decodeStrict(bom?.encoding === 'utf-8' ? bytes.subarray(3) : bytes, 'utf-8'), encoding: 'utf-8', by: choice === 'auto' ? 'detected' : 'chosen' };
    const line = lineAt(bytes, bad);
    if (choice === 'utf-8') {
      throw new TextEncodingError(`the file is not UTF-8 (line ${line} holds a byte that UTF-8 does not allow): choose Shift_JIS, or save the file as "CSV UTF-8"`, 'not-utf-8', line);
    }
    try {
      return { text: decodeStrict(bytes, 'shift_jis'), encoding: 'shift_jis', by: 'detected' };
    } catch {
      throw new TextEncodingError(`the file is neither UTF-8 nor Shift_JIS (line ${line} holds a byte that UTF-8 does not allow): save it as "CSV UTF-8" and try again`, 'not-text', line);
    }
  }
  try {
    return { text: decodeStrict(bytes, 'shift_jis'), encoding: 'shift_jis', by: 'chosen' };
  } catch {
    throw new TextEncodingError('the file is not Shift_JIS (it holds bytes Shift_JIS does not allow): choose UTF-8 or detection, or save the file as "CSV UTF-8"', 'not-shift-jis', null);
  }
}

/** The choice a text names ("utf8", "UTF-8", "sjis", "cp932", "auto"), or null for another. */
export function encodingChoiceOf(text: string): TextEncodingChoice | null {
  const name = text.trim().toLowerCase().replace(/[-_\s]/g, '');
  if (name === 'auto') return 'auto';
  if (name === 'utf8') return 'utf-8';
  if (['shiftjis', 'sjis', 'cp932', 'windows31j', 'mskanji'].includes(name)) return 'shift_jis';
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string {
  // ignoreBOM: the BOM was looked at above; one left in a chosen encoding's text is dropped below.
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or values above U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < low || c > high) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset (LF, CR LF or a lone CR end a line). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line += 1;
  }
  return line;
}
