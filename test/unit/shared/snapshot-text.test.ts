import { describe, expect, it } from 'vitest';
import { cleanText, valueText, valueTextAt } from '../../../src-shared/profiles/value-text';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { decodeSnmpBinary, decodeSnmpText, snmpText } from '../../../src-shared/snmp/snmp-text';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const binary = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** Values a device may send where a text is expected, with what makes each one hard. */
const SAMPLES: Array<[string, Uint8Array]> = [
  ['plain', ascii('Black Toner Cartridge')],
  ['padded with spaces', ascii('  Tray 1 ')],
  ['control characters', ascii('Toner\r\n\tCyan')],
  ['NUL then garbage', Uint8Array.from([...ascii('Cyan'), 0, 0x41, 0x42])],
  ['0xFF padding', Uint8Array.from([...ascii('Tray 1'), 0xff, 0xff])],
  ['UTF-8', ascii('Tóner negro · 黒')],
  ['Windows-1252', Uint8Array.from([0x80, 0x20, 0x35, 0x96, 0x36])],
  ['hex digits of a text', ascii('426C61636B20546F6E6572')],
  ['hex digits of a serial', ascii('0505571100')],
  ['only a NUL', Uint8Array.from([0])],
  ['empty', new Uint8Array(0)],
  ['DEL inside', ascii('A\u007fB')],
];

describe('decodeSnmpBinary (bytes held one per character)', () => {
  it.each(SAMPLES)('decodes %s exactly as decodeSnmpText decodes the bytes', (_name, bytes) => {
    for (const options of [undefined, { unhexDigits: true }]) {
      expect(decodeSnmpBinary(binary(bytes), options)).toBe(decodeSnmpText(bytes, options));
    }
  });

  it('hands plain ASCII back without building a new text', () => {
    const held = binary(ascii('Magenta Toner'));
    expect(decodeSnmpBinary(held)).toBe(held);
  });
});

describe('MibSnapshot.text', () => {
  const OID = '1.3.6.1.2.1.43.11.1.1.6.1.1';
  const values: SnmpValue[] = [
    ...SAMPLES.map(([, bytes]): SnmpValue => ({ type: 'OctetString', value: bytes })),
    { type: 'Opaque', value: ascii('opaque text') },
    { type: 'Integer', value: 42 },
    { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11' },
    { type: 'TooBig', value: null },
  ];

  it.each(values.map((v) => [v.type, v] as const))('reads a %s value as snmpText does, packed or not', (_type, value) => {
    const vbs: VarBind[] = [{ oid: OID, value }];
    const loose = new MibSnapshot(vbs);
    const packed = new MibSnapshot(vbs);
    packed.compact();
    for (const options of [undefined, { unhexDigits: true }]) {
      const expected = snmpText(value, options);
      expect(loose.text(OID, options)).toBe(expected);
      expect(packed.text(OID, options)).toBe(expected);
    }
    expect(packed.text(`${OID}.9`)).toBeNull();
    expect(valueTextAt(packed, OID) ?? '').toBe(valueText(value) ?? '');
    expect(cleanText(valueTextAt(packed, OID))).toBe(cleanText(valueText(value)));
  });

  it('follows a value overwritten by a routine poll', () => {
    const snapshot = new MibSnapshot([{ oid: OID, value: { type: 'OctetString', value: ascii('Tray 1') } }]);
    snapshot.compact();
    snapshot.set([{ oid: OID, value: { type: 'OctetString', value: ascii('Tray 2') } }]);
    expect(snapshot.text(OID)).toBe('Tray 2');
  });
});

describe('cleanText', () => {
  it.each([
    ['Black Toner', 'Black Toner'],
    [' HP LaserJet  M402 ', 'HP LaserJet M402'],
    ['\u0002\u0000Model\u00a0X', 'Model X'],
    ['', null],
    ['  ', null],
    ['Tab\there', 'Tab here'],
    ['Ünïcode  text', 'Ünïcode text'],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
