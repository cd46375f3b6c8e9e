import { describe, expect, it } from 'vitest';
import { fromLibraryBulk, toLibraryVarbind, toSnmpValue, unsignedFromBytes, unsignedToBytes } from '../../../src-main/core/snmp/varbind-conversion';

describe('varbind conversion', () => {
  it('keeps an OCTET STRING Buffer as the same bytes without copying', () => {
    const buffer = Buffer.from('HP LaserJet');
    const value = toSnmpValue(4, buffer);
    expect(value).toEqual({ type: 'OctetString', value: buffer });
    expect(value.value).toBe(buffer);
  });

  it('reads Counter64 content octets as a bigint, including values above 2^53', () => {
    expect(toSnmpValue(70, Buffer.from([0x01, 0x00]))).toEqual({ type: 'Counter64', value: 256n });
    expect(unsignedFromBytes(Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(2n ** 64n - 1n);
    expect(unsignedFromBytes(Buffer.from([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde]))).toBe(0x123456789abcden);
  });

  it('writes Counter64 as minimal unsigned BER content and round-trips it', () => {
    expect([...unsignedToBytes(0n)]).toEqual([0]);
    expect([...unsignedToBytes(128n)]).toEqual([0, 128]);
    for (const n of [1n, 255n, 2n ** 32n + 5n, 2n ** 64n - 1n]) expect(unsignedFromBytes(unsignedToBytes(n))).toBe(n);
    expect(() => unsignedToBytes(2n ** 64n)).toThrow(/out of range/);
  });

  it('maps the v2 exceptions and numeric types', () => {
    expect(toSnmpValue(128, null).type).toBe('NoSuchObject');
    expect(toSnmpValue(129, null).type).toBe('NoSuchInstance');
    expect(toSnmpValue(130, null).type).toBe('EndOfMibView');
    expect(toSnmpValue(65, 7)).toEqual({ type: 'Counter32', value: 7 });
    expect(toSnmpValue(66, 8)).toEqual({ type: 'Gauge32', value: 8 });
    expect(toSnmpValue(67, 9)).toEqual({ type: 'TimeTicks', value: 9 });
    expect(toSnmpValue(6, '1.3.6.1.4.1.11')).toEqual({ type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11' });
    expect(toSnmpValue(64, '10.0.0.1')).toEqual({ type: 'IpAddress', value: '10.0.0.1' });
    expect(() => toSnmpValue(99, 1)).toThrow(/unknown type 99/);
  });

  it('restores the wire order of a GetBulk reply that net-snmp regrouped per column', () => {
    const vb = (oid: string) => ({ oid, type: 2, value: 1 });
    const regrouped = [vb('1.0'), [vb('2.1'), vb('2.2'), vb('2.3')], [vb('3.1'), vb('3.2')]];
    expect(fromLibraryBulk(regrouped).map((v) => v.oid)).toEqual(['1.0', '2.1', '3.1', '2.2', '3.2', '2.3']);
  });

  it('builds SET varbinds and refuses exception values', () => {
    expect(toLibraryVarbind({ oid: '1.2', value: { type: 'Integer', value: -3 } })).toEqual({ oid: '1.2', type: 2, value: -3 });
    const bytes = new Uint8Array([1, 2, 3]);
    const octets = toLibraryVarbind({ oid: '1.2', value: { type: 'OctetString', value: bytes } });
    expect(Buffer.isBuffer(octets.value)).toBe(true);
    expect([...(octets.value as Buffer)]).toEqual([1, 2, 3]);
    expect(() => toLibraryVarbind({ oid: '1.2', value: { type: 'NoSuchObject', value: null } })).toThrow(/cannot SET/);
  });
});
