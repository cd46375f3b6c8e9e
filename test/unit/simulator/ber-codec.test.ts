import { describe, expect, it } from 'vitest';
import { BER_TAG, BerError, BerReader, encodeInteger, encodeOidArcs, oidToArcs, readOidArcs } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeValue, encodeValue } from '../../../src-shared/snmp/ber/ber-value-codec';
import { decodeCommunityMessage, encodeCommunityMessage, type CommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue } from '../../../src-shared/snmp/snmp-value';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function roundTrip(value: SnmpValue): SnmpValue {
  const tlv = encodeValue(value);
  const r = new BerReader(tlv);
  const tag = r.next();
  expect(r.end).toBe(tlv.length);
  return decodeValue(tag, tlv, r.start, r.end);
}

describe('BER encoding', () => {
  it.each([
    [0, '020100'],
    [127, '02017f'],
    [128, '02020080'],
    [-1, '0201ff'],
    [-128, '020180'],
    [-129, '0202ff7f'],
    [2147483647, '02047fffffff'],
    [-2147483648, '020480000000'],
  ])('encodes INTEGER %d minimally as %s', (n, expected) => {
    expect(hex(encodeInteger(BER_TAG.integer, n))).toBe(expected);
  });

  it('encodes unsigned 32-bit values with a leading zero when the top bit is set', () => {
    expect(hex(encodeInteger(BER_TAG.counter32, 4294967295))).toBe('410500ffffffff');
  });

  it('encodes OIDs as X.690 says (first two arcs merged, base-128 sub-identifiers)', () => {
    expect(hex(encodeOidArcs(oidToArcs('1.3.6.1.2.1.1.1.0')))).toBe('06082b06010201010100');
    expect(hex(encodeOidArcs(oidToArcs('1.3.6.1.4.1.2435.128.16383.16384.4294967295')))).toBe('06132b0601040193038100ff7f8180008fffffff7f');
    expect(readOidArcs(Buffer.from('8837', 'hex'), 0, 2)).toEqual([2, 999]);
  });

  it.each<SnmpValue>([
    { type: 'Integer', value: -3 },
    { type: 'Integer', value: 2147483647 },
    { type: 'Counter32', value: 4294967295 },
    { type: 'Gauge32', value: 0 },
    { type: 'TimeTicks', value: 2147483648 },
    { type: 'Counter64', value: 18446744073709551615n },
    { type: 'Counter64', value: 0n },
    { type: 'OctetString', value: new Uint8Array(300).fill(0x41) },
    { type: 'OctetString', value: new Uint8Array(0) },
    { type: 'Opaque', value: Uint8Array.from([0x9f, 0x78, 0x04]) },
    { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.1347.41' },
    { type: 'ObjectIdentifier', value: '0.0' },
    { type: 'IpAddress', value: '192.168.0.254' },
    { type: 'Null', value: null },
    { type: 'NoSuchObject', value: null },
    { type: 'NoSuchInstance', value: null },
    { type: 'EndOfMibView', value: null },
  ])('round-trips $type $value', (value) => {
    expect(roundTrip(value)).toEqual(value);
  });

  it('refuses values outside their type', () => {
    expect(() => encodeValue({ type: 'Integer', value: 2147483648 })).toThrow(RangeError);
    expect(() => encodeValue({ type: 'Counter32', value: -1 })).toThrow(RangeError);
    expect(() => encodeValue({ type: 'IpAddress', value: '1.2.3' })).toThrow(RangeError);
  });
});

describe('BerReader', () => {
  it('rejects a length that runs past the buffer instead of reading beyond it', () => {
    expect(() => new BerReader(Buffer.from('300a020101', 'hex')).next()).toThrow(BerError);
  });

  it('rejects indefinite lengths, which SNMP does not use', () => {
    expect(() => new BerReader(Buffer.from('3080020101', 'hex')).next()).toThrow(BerError);
  });

  it('reads long-form lengths', () => {
    const buf = Buffer.concat([Buffer.from('048200c8', 'hex'), Buffer.alloc(200)]);
    const r = new BerReader(buf);
    r.next(BER_TAG.octetString);
    expect(r.end - r.start).toBe(200);
  });
});

describe('v1/v2c messages', () => {
  it('encode and decode symmetrically, GetBulk fields included', () => {
    const message: CommunityMessage = {
      version: 'v2c',
      community: 'brother@ctx',
      pdu: {
        type: 'getBulkRequest',
        requestId: -5,
        errorStatus: 1,
        errorIndex: 30,
        varbinds: [
          { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'Null', value: null } },
          { oid: '1.3.6.1.2.1.43.11.1.1.9', value: { type: 'Null', value: null } },
        ],
      },
    };
    expect(decodeCommunityMessage(encodeCommunityMessage(message))).toEqual(message);
  });

  it('decodes a GetRequest as managers put it on the wire', () => {
    // GET sysDescr.0, community public, request-id 0x0a0b0c0d, hand-assembled per RFC 3416.
    const wire = Buffer.from('302902010104067075626c6963a01c02040a0b0c0d020100020100300e300c06082b060102010101000500', 'hex');
    expect(decodeCommunityMessage(wire)).toEqual({
      version: 'v2c',
      community: 'public',
      pdu: { type: 'getRequest', requestId: 0x0a0b0c0d, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: '1.3.6.1.2.1.1.1.0', value: { type: 'Null', value: null } }] },
    });
  });
});
