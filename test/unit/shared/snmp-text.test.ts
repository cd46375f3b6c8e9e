import { describe, expect, it } from 'vitest';
import { decodeSnmpText, snmpText } from '../../../src-shared/snmp/snmp-text';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeSnmpText', () => {
  it('returns plain ASCII as it is, trimmed', () => {
    expect(decodeSnmpText(ascii('  Black Toner Cartridge '))).toBe('Black Toner Cartridge');
  });

  it('decodes valid UTF-8', () => {
    expect(decodeSnmpText(ascii('Tóner negro · 黒'))).toBe('Tóner negro · 黒');
  });

  it('falls back to Windows-1252 for invalid UTF-8 (Latin-1 letters and the 0x80–0x9F punctuation)', () => {
    expect(decodeSnmpText(Uint8Array.from([0x47, 0x72, 0xfc, 0x6e]))).toBe('Grün');
    expect(decodeSnmpText(Uint8Array.from([0x80, 0x20, 0x35, 0x96, 0x36]))).toBe('€ 5–6');
    // A truncated UTF-8 sequence is not UTF-8.
    expect(decodeSnmpText(Uint8Array.from([0x43, 0x79, 0x61, 0x6e, 0xc3]))).toBe('CyanÃ');
  });

  it('ends the text at the first NUL and drops 0xFF padding', () => {
    expect(decodeSnmpText(Uint8Array.from([...ascii('Cyan'), 0, 0x41, 0x42]))).toBe('Cyan');
    expect(decodeSnmpText(Uint8Array.from([...ascii('Tray 1'), 0xff, 0xff]))).toBe('Tray 1');
  });

  it('turns control characters into single spaces', () => {
    expect(decodeSnmpText(ascii('Toner\r\n\tCyan'))).toBe('Toner Cyan');
  });

  it('keeps long text whole (no length limit)', () => {
    const long = 'Magenta Cartridge HP CF413A This description is longer than 32'.repeat(5);
    expect(decodeSnmpText(ascii(long))).toBe(long);
  });

  it('decodes hex-digit text only when asked and only when it yields clean text', () => {
    const hexDigits = ascii('4D6167656E746120546F6E6572');
    expect(decodeSnmpText(hexDigits)).toBe('4D6167656E746120546F6E6572');
    expect(decodeSnmpText(hexDigits, { unhexDigits: true })).toBe('Magenta Toner');
    expect(decodeSnmpText(ascii('42 6C 61 63 6B'), { unhexDigits: true })).toBe('Black');
    // A serial number, a MAC as text and random hex do not decode to text: they stay.
    expect(decodeSnmpText(ascii('0505571100'), { unhexDigits: true })).toBe('0505571100');
    expect(decodeSnmpText(ascii('00074d6bc2a8'), { unhexDigits: true })).toBe('00074d6bc2a8');
    expect(decodeSnmpText(ascii('DEADBEEF'), { unhexDigits: true })).toBe('DEADBEEF');
    expect(decodeSnmpText(ascii('CAFE'), { unhexDigits: true })).toBe('CAFE');
  });

  it('gives "" for null and empty input, and snmpText gives null for absent or non-string values', () => {
    expect(decodeSnmpText(null)).toBe('');
    expect(decodeSnmpText(Uint8Array.from([0, 0]))).toBe('');
    expect(snmpText(undefined)).toBeNull();
    expect(snmpText({ type: 'Integer', value: 5 })).toBeNull();
    expect(snmpText({ type: 'OctetString', value: ascii('   ') })).toBeNull();
    expect(snmpText({ type: 'OctetString', value: ascii('Tray 1') })).toBe('Tray 1');
  });
});
