import * as iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, encodingChoiceOf, firstInvalidUtf8, TextEncodingError } from '../../../src-shared/csv/text-encoding';

const CSV = 'name,address\n受付プリンタ,10.0.0.5\n経理部 複合機,10.0.0.6\n';
const sjis = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads a Shift_JIS CSV (Excel in Japanese Windows) as Shift_JIS, not as U+FFFD', () => {
    const decoded = decodeText(sjis(CSV));
    expect(decoded).toEqual({ text: CSV, encoding: 'shift_jis', by: 'detected' });
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('reads valid UTF-8 as UTF-8, and a BOM decides before the bytes do', () => {
    expect(decodeText(utf8(CSV))).toEqual({ text: CSV, encoding: 'utf-8', by: 'detected' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]))).toEqual({ text: CSV, encoding: 'utf-8', by: 'bom' });
    const utf16 = new Uint8Array(iconv.encode(CSV, 'utf16le', { addBOM: true }));
    expect(decodeText(utf16)).toEqual({ text: CSV, encoding: 'utf-16le', by: 'bom' });
  });

  it('uses a chosen encoding, and says which line breaks it instead of decoding into U+FFFD', () => {
    expect(decodeText(sjis(CSV), 'shift_jis')).toEqual({ text: CSV, encoding: 'shift_jis', by: 'chosen' });
    expect(() => decodeText(sjis(CSV), 'utf-8')).toThrow(TextEncodingError);
    expect(() => decodeText(sjis(CSV), 'utf-8')).toThrow(/not UTF-8 \(line 2 .*choose Shift_JIS/);
    expect(() => decodeText(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0xfd]), 'shift_jis')).toThrow(/not Shift_JIS/);
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS, naming the line', () => {
    expect(() => decodeText(new Uint8Array([...utf8('address\n10.0.0.1\n'), 0xfd, 0xfe]))).toThrow(/neither UTF-8 nor Shift_JIS \(line 3/);
  });
});

describe('UTF-8 validity', () => {
  it.each([
    ['ASCII', [0x41, 0x0a], -1],
    ['a three-byte character', [0xe5, 0x8f, 0x97], -1],
    ['an overlong form', [0xc0, 0xaf], 0],
    ['a surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['a truncated character', [0x41, 0x42, 0xe5, 0x8f], 2],
    ['a value above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('%s: first bad byte at %#', (_what, bytes, at) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes as number[]))).toBe(at);
  });
});

describe('encodingChoiceOf', () => {
  it('knows the names people type', () => {
    expect(['auto', 'UTF-8', 'utf8', 'Shift_JIS', 'sjis', 'cp932', 'windows-31j', 'latin1'].map(encodingChoiceOf)).toEqual(['auto', 'utf-8', 'utf-8', 'shift_jis', 'shift_jis', 'shift_jis', 'shift_jis', null]);
  });
});
