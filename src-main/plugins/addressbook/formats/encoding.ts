import { isAscii, isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';
import type { BookProblem } from '../../../../src-shared/plugins/addressbook/address-entry';
import { BOOK_ENCODINGS, type BookEncoding } from '../../../../src-shared/plugins/addressbook/addressbook.contract';

export { BOOK_ENCODINGS, type BookEncoding };

/**
 * The character encodings address book files come in (ADDRESS-BOOKS.md, "Encodings to
 * expect"; the list is the contract's BOOK_ENCODINGS): what we detect, decode with a report of
 * bad bytes, and encode for export.
 * Shift_JIS means Microsoft's CP932 (Japanese Excel, Outlook and Canon SJIS books write it):
 * iconv-lite's `cp932` codec, an alias of its `shiftjis` codec with the NEC and IBM extensions.
 */

const ICONV_NAME: Readonly<Record<BookEncoding, string>> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  shift_jis: 'cp932',
  'windows-1252': 'windows1252',
};

const BOMS: readonly { encoding: BookEncoding; bytes: readonly number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

const REPLACEMENT = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Kana, CJK ideographs and full-width forms: what CP932's double-byte characters decode to in Japanese text. */
const JAPANESE_WIDE = /[\u3000-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]/;
const JAPANESE_RUN = /[\u3040-\u30FF]|[\u3000-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]{2}/;

export function isBookEncoding(value: string): value is BookEncoding {
  return (BOOK_ENCODINGS as readonly string[]).includes(value);
}

/** The encoding a byte order mark at the start names, or null. Never throws. */
export function bomOf(bytes: Uint8Array): { encoding: BookEncoding; length: number } | null {
  for (const bom of BOMS) {
    if (bytes.length >= bom.bytes.length && bom.bytes.every((b, i) => bytes[i] === b)) return { encoding: bom.encoding, length: bom.bytes.length };
  }
  return null;
}

/**
 * Which encoding the bytes are in. Certain: a byte order mark, or valid UTF-8 with characters
 * beyond ASCII (other encodings almost never form valid multi-byte UTF-8 by chance). Guessed:
 * UTF-16 without a BOM (NUL bytes in every other place, checked first), Shift_JIS when the bytes
 * are valid CP932 and hold Japanese double-byte text (kana, or two wide characters in a row:
 * a lone accented Latin letter before a letter can also pass as one CP932 kanji), else
 * Windows-1252. Pure ASCII reads the same in every ASCII-compatible encoding: reported as
 * UTF-8, not certain. Never throws.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: BookEncoding; certain: boolean } {
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom.encoding, certain: true };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, certain: false };
  if (isAscii(bytes)) return { encoding: 'utf-8', certain: false };
  if (isUtf8(bytes)) return { encoding: 'utf-8', certain: true };
  const sjis = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAME.shift_jis);
  if (!sjis.includes(REPLACEMENT) && JAPANESE_WIDE.test(sjis) && JAPANESE_RUN.test(sjis)) return { encoding: 'shift_jis', certain: false };
  return { encoding: 'windows-1252', certain: false };
}

/** Text decoded from a file, with the encoding used and every line that held bytes invalid in it. */
export interface DecodedText {
  text: string;
  encoding: BookEncoding;
  /** True when the encoding was chosen by the caller, named by a BOM, or detected for certain. */
  certain: boolean;
  problems: BookProblem[];
}

/**
 * Decodes a file: in `encoding` when given (a person chose it, or the file's header names it),
 * else in the detected one. A BOM is stripped; a BOM that contradicts the chosen encoding is a
 * problem at line 1. Bytes invalid in the encoding (which iconv-lite turns into U+FFFD, or an
 * unpaired UTF-16 surrogate, or a stray last byte) are problems at their lines, so replacement
 * characters are never imported silently. NUL characters in an ASCII-compatible encoding mean
 * UTF-16 read as something else: a problem too. Never throws.
 */
export function decode(bytes: Uint8Array, encoding?: BookEncoding): DecodedText {
  const detected = encoding === undefined ? detectEncoding(bytes) : { encoding, certain: true };
  const problems: BookProblem[] = [];
  const bom = bomOf(bytes);
  let body = bytes;
  if (bom && bom.encoding === detected.encoding) body = bytes.subarray(bom.length);
  else if (bom) problems.push({ line: 1, message: `the file starts with a ${bom.encoding.toUpperCase()} byte order mark, but it was read as ${detected.encoding}` });
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const text = iconv.decode(buffer, ICONV_NAME[detected.encoding], { stripBOM: false });
  problems.push(...invalidLines(text, detected.encoding, body));
  if ((detected.encoding === 'utf-16le' || detected.encoding === 'utf-16be') && buffer.length % 2 === 1) {
    problems.push({ line: lineCount(text), message: `the file ends with a single byte, which cannot be ${detected.encoding}: the file is cut off or not ${detected.encoding}` });
  }
  return { text, encoding: detected.encoding, certain: detected.certain, problems };
}

/**
 * The text as bytes in `encoding`, with a BOM when asked (UTF-8 for Excel, UTF-16 always has
 * one). Throws RangeError naming the first characters the encoding cannot hold (iconv-lite
 * would write "?" for them): check with `canEncode` first to report per entry.
 */
export function encode(text: string, encoding: BookEncoding, options: { bom?: boolean } = {}): Uint8Array {
  const unencodable = unencodableCharacters(text, encoding);
  if (unencodable.length > 0) throw new RangeError(`${encoding} cannot hold ${unencodable.slice(0, 5).map((c) => `"${c}"`).join(', ')}`);
  const body = iconv.encode(text, ICONV_NAME[encoding]);
  const bom = BOMS.find((b) => b.encoding === encoding);
  if (bom === undefined || !(options.bom ?? encoding !== 'utf-8')) return new Uint8Array(body);
  const out = new Uint8Array(bom.bytes.length + body.length);
  out.set(bom.bytes, 0);
  out.set(body, bom.bytes.length);
  return out;
}

/** True when `encoding` holds every character of the text (decoding the encoded text gives it back). Never throws. */
export function canEncode(text: string, encoding: BookEncoding): boolean {
  return unencodableCharacters(text, encoding).length === 0;
}

/** The distinct characters of the text that `encoding` cannot hold; empty when it holds all. Never throws. */
export function unencodableCharacters(text: string, encoding: BookEncoding): string[] {
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') return LONE_SURROGATE.test(text) ? ['an unpaired surrogate'] : [];
  const name = ICONV_NAME[encoding];
  if (iconv.decode(iconv.encode(text, name), name) === text) return [];
  const bad = new Set<string>();
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (iconv.decode(iconv.encode(char, name), name) !== char) bad.add(char);
  }
  return [...bad];
}

function invalidLines(text: string, encoding: BookEncoding, body: Uint8Array): BookProblem[] {
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  // CP932 and Windows-1252 cannot hold U+FFFD, so every one is a bad byte; UTF-8 can, so only
  // invalid UTF-8 counts; iconv-lite's UTF-16 decoder passes unpaired surrogates through instead.
  const replacements = !utf16 && text.includes(REPLACEMENT) && (encoding !== 'utf-8' || !isUtf8(body));
  const nuls = !utf16 && text.includes('\0');
  const surrogates = utf16 && LONE_SURROGATE.test(text);
  if (!replacements && !nuls && !surrogates) return [];
  const problems: BookProblem[] = [];
  text.split('\n').forEach((line, i) => {
    if (replacements && line.includes(REPLACEMENT)) {
      problems.push({ line: i + 1, message: `bytes that are not valid ${encoding} (they would read as "${REPLACEMENT}"): choose the file's encoding` });
    } else if (surrogates && LONE_SURROGATE.test(line)) {
      problems.push({ line: i + 1, message: `bytes that are not valid ${encoding} (an unpaired surrogate): choose the file's encoding` });
    } else if (nuls && line.includes('\0')) {
      problems.push({ line: i + 1, message: `NUL characters: the file looks like UTF-16 read as ${encoding}; choose the file's encoding` });
    }
  });
  return problems;
}

/** UTF-16 text of mostly ASCII characters has a NUL in every other byte: which half says the byte order. */
function utf16WithoutBom(bytes: Uint8Array): BookEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 2048) & ~1);
  if (sample.length < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = sample.length / 2;
  if (oddNul > pairs / 2 && evenNul < pairs / 10) return 'utf-16le';
  if (evenNul > pairs / 2 && oddNul < pairs / 10) return 'utf-16be';
  return null;
}

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
