import { describe, expect, it } from 'vitest';
import { canEncode, decode, detectEncoding, encode } from '../../../../../src-main/plugins/addressbook/formats/encoding';
import { bytesOf, utf8 } from './book-builders';

const JAPANESE = '名前,メールアドレス\n山田 太郎,taro@example.jp\n';

describe('detectEncoding', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ] as const)('is certain of %s by its byte order mark', (iconvName, expected) => {
    expect(detectEncoding(bytesOf('name\nA', iconvName, true))).toEqual({ encoding: expected, certain: true });
  });

  it('is certain of UTF-8 that holds characters beyond ASCII', () => {
    expect(detectEncoding(utf8(JAPANESE))).toEqual({ encoding: 'utf-8', certain: true });
  });

  it('calls pure ASCII UTF-8 but not certain (every encoding reads it the same)', () => {
    expect(detectEncoding(utf8('name,address\nA,a@example.com\n'))).toEqual({ encoding: 'utf-8', certain: false });
  });

  it('guesses Shift_JIS for Japanese CP932 bytes, not certain', () => {
    expect(detectEncoding(bytesOf(JAPANESE, 'cp932'))).toEqual({ encoding: 'shift_jis', certain: false });
  });

  it('guesses Windows-1252 for accented Latin text, also where a byte pair could pass as one CP932 kanji', () => {
    expect(detectEncoding(bytesOf('Zoë Müller;Renée Dupont\n', 'windows1252'))).toEqual({ encoding: 'windows-1252', certain: false });
    // "ée" is E9 65: a valid CP932 double-byte character; one lone kanji is no Japanese text.
    expect(detectEncoding(bytesOf('Renée\n', 'windows1252'))).toEqual({ encoding: 'windows-1252', certain: false });
  });

  it('guesses UTF-16 without a byte order mark from its NUL bytes', () => {
    expect(detectEncoding(bytesOf('name\taddress\nA\ta@example.com\n', 'utf16le'))).toEqual({ encoding: 'utf-16le', certain: false });
    expect(detectEncoding(bytesOf('name\taddress\nA\ta@example.com\n', 'utf16be'))).toEqual({ encoding: 'utf-16be', certain: false });
  });
});

describe('decode', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['utf16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ] as const)('strips the %s byte order mark', (iconvName, expected) => {
    const decoded = decode(bytesOf(JAPANESE, iconvName, true));
    expect(decoded).toEqual({ text: JAPANESE, encoding: expected, certain: true, problems: [] });
  });

  it('reads Shift_JIS and Windows-1252 by detection', () => {
    expect(decode(bytesOf(JAPANESE, 'cp932')).text).toBe(JAPANESE);
    expect(decode(bytesOf('Zoë Müller\n', 'windows1252')).text).toBe('Zoë Müller\n');
  });

  it('reads CP932 extensions (NEC circled digits) as Shift_JIS', () => {
    expect(decode(bytesOf('①髙橋\n', 'cp932'), 'shift_jis')).toMatchObject({ text: '①髙橋\n', problems: [] });
  });

  it('reports every line whose bytes are not valid in the chosen encoding, instead of importing U+FFFD', () => {
    const bytes = bytesOf('name\nYamada\n山田\nok\n鈴木\n', 'cp932');
    const decoded = decode(bytes, 'utf-8');
    expect(decoded.problems).toEqual([
      { line: 3, message: expect.stringMatching(/not valid utf-8/) },
      { line: 5, message: expect.stringMatching(/not valid utf-8/) },
    ]);
  });

  it('reports Windows-1252 bytes that the code page leaves undefined', () => {
    const bytes = new Uint8Array([0x41, 0x0a, 0x42, 0x81, 0x0a]);
    expect(decode(bytes, 'windows-1252').problems).toEqual([{ line: 2, message: expect.stringMatching(/not valid windows-1252/) }]);
  });

  it('keeps a genuine U+FFFD of valid UTF-8 without a problem', () => {
    expect(decode(utf8('a\uFFFDb\n'))).toMatchObject({ text: 'a\uFFFDb\n', problems: [] });
  });

  it('reports UTF-16 read as an ASCII-compatible encoding (NUL characters)', () => {
    const decoded = decode(bytesOf('name\nA\n', 'utf16le'), 'windows-1252');
    expect(decoded.problems[0]).toEqual({ line: 1, message: expect.stringMatching(/looks like UTF-16/) });
  });

  it('reports a byte order mark that contradicts the chosen encoding at line 1', () => {
    expect(decode(bytesOf('name\n', 'utf16le', true), 'shift_jis').problems[0]).toEqual({ line: 1, message: expect.stringMatching(/UTF-16LE byte order mark/) });
  });

  it('reports a UTF-16 file cut off after an odd byte, and an unpaired surrogate', () => {
    const odd = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00, 0x42]);
    expect(decode(odd).problems).toEqual([{ line: 2, message: expect.stringMatching(/single byte/) }]);
    const lone = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00, 0x3d, 0xd8, 0x42, 0x00]);
    expect(decode(lone).problems).toEqual([{ line: 2, message: expect.stringMatching(/unpaired surrogate/) }]);
  });
});

describe('encode', () => {
  it('writes a byte order mark when asked, and always for UTF-16', () => {
    expect([...encode('A', 'utf-8', { bom: true })]).toEqual([0xef, 0xbb, 0xbf, 0x41]);
    expect([...encode('A', 'utf-8')]).toEqual([0x41]);
    expect([...encode('A', 'utf-16le')]).toEqual([0xff, 0xfe, 0x41, 0x00]);
    expect([...encode('A', 'utf-16be')]).toEqual([0xfe, 0xff, 0x00, 0x41]);
  });

  it('writes Shift_JIS and Windows-1252 that decode back to the same text', () => {
    expect(decode(encode(JAPANESE, 'shift_jis'), 'shift_jis').text).toBe(JAPANESE);
    expect(decode(encode('Zoë Müller €', 'windows-1252'), 'windows-1252').text).toBe('Zoë Müller €');
  });

  it('refuses characters an encoding cannot hold instead of writing "?"', () => {
    expect(canEncode('山田', 'windows-1252')).toBe(false);
    expect(canEncode('Zoë', 'shift_jis')).toBe(false);
    expect(canEncode('山田 ①', 'shift_jis')).toBe(true);
    expect(() => encode('Yamada 山田', 'windows-1252')).toThrow(/windows-1252 cannot hold "山", "田"/);
  });
});
