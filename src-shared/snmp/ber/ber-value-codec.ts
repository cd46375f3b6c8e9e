import type { SnmpValue } from '../snmp-value';
import {
  BER_TAG,
  BerError,
  encodeBytes,
  encodeInteger,
  encodeOidArcs,
  encodeUnsigned64,
  oidToArcs,
  readOidArcs,
  readSigned,
  readUnsignedBig,
} from './ber-primitives';

/** SnmpValue ↔ BER value TLV. The exceptions (noSuchObject …) are fixed two-byte TLVs. */

export const NULL_TLV = Uint8Array.of(BER_TAG.null, 0);
export const NO_SUCH_OBJECT_TLV = Uint8Array.of(BER_TAG.noSuchObject, 0);
export const NO_SUCH_INSTANCE_TLV = Uint8Array.of(BER_TAG.noSuchInstance, 0);
export const END_OF_MIB_VIEW_TLV = Uint8Array.of(BER_TAG.endOfMibView, 0);

const MAX_U32 = 0xffffffff;
const MAX_U64 = (1n << 64n) - 1n;

/** Encodes a value as its TLV; throws RangeError for a value outside its type's range. */
export function encodeValue(value: SnmpValue): Uint8Array {
  switch (value.type) {
    case 'Integer':
      checkRange(value.value, -0x80000000, 0x7fffffff, value.type);
      return encodeInteger(BER_TAG.integer, value.value);
    case 'Counter32':
      checkRange(value.value, 0, MAX_U32, value.type);
      return encodeInteger(BER_TAG.counter32, value.value);
    case 'Gauge32':
      checkRange(value.value, 0, MAX_U32, value.type);
      return encodeInteger(BER_TAG.gauge32, value.value);
    case 'TimeTicks':
      checkRange(value.value, 0, MAX_U32, value.type);
      return encodeInteger(BER_TAG.timeTicks, value.value);
    case 'Counter64':
      if (value.value < 0n || value.value > MAX_U64) throw new RangeError(`Counter64 out of range: ${value.value}`);
      return encodeUnsigned64(BER_TAG.counter64, value.value);
    case 'OctetString':
      return encodeBytes(BER_TAG.octetString, value.value);
    case 'Opaque':
      return encodeBytes(BER_TAG.opaque, value.value);
    case 'ObjectIdentifier':
      return encodeOidArcs(oidToArcs(value.value));
    case 'IpAddress':
      return encodeBytes(BER_TAG.ipAddress, ipToBytes(value.value));
    case 'Null':
      return NULL_TLV;
    case 'NoSuchObject':
      return NO_SUCH_OBJECT_TLV;
    case 'NoSuchInstance':
      return NO_SUCH_INSTANCE_TLV;
    case 'EndOfMibView':
      return END_OF_MIB_VIEW_TLV;
    case 'TooBig':
      throw new RangeError('TooBig marks a value that could not be read; it has no encoding');
  }
}

/** Decodes the content [start, end) of a value TLV with `tag`; throws BerError for unknown tags. */
export function decodeValue(tag: number, buf: Uint8Array, start: number, end: number): SnmpValue {
  switch (tag) {
    case BER_TAG.integer:
      return { type: 'Integer', value: readSigned(buf, start, end) };
    case BER_TAG.counter32:
      return { type: 'Counter32', value: readUnsigned32(buf, start, end) };
    case BER_TAG.gauge32:
      return { type: 'Gauge32', value: readUnsigned32(buf, start, end) };
    case BER_TAG.timeTicks:
      return { type: 'TimeTicks', value: readUnsigned32(buf, start, end) };
    case BER_TAG.counter64:
      return { type: 'Counter64', value: readUnsignedBig(buf, start, end) };
    case BER_TAG.octetString:
      return { type: 'OctetString', value: Uint8Array.from(buf.subarray(start, end)) };
    case BER_TAG.opaque:
      return { type: 'Opaque', value: Uint8Array.from(buf.subarray(start, end)) };
    case BER_TAG.oid:
      return { type: 'ObjectIdentifier', value: readOidArcs(buf, start, end).join('.') };
    case BER_TAG.ipAddress:
      if (end - start !== 4) throw new BerError('IpAddress must be 4 bytes');
      return { type: 'IpAddress', value: `${buf[start]}.${buf[start + 1]}.${buf[start + 2]}.${buf[start + 3]}` };
    case BER_TAG.null:
      return { type: 'Null', value: null };
    case BER_TAG.noSuchObject:
      return { type: 'NoSuchObject', value: null };
    case BER_TAG.noSuchInstance:
      return { type: 'NoSuchInstance', value: null };
    case BER_TAG.endOfMibView:
      return { type: 'EndOfMibView', value: null };
    default:
      throw new BerError(`unsupported value tag 0x${tag.toString(16)}`);
  }
}

/** Dotted quad → 4 bytes; throws RangeError for anything else. */
export function ipToBytes(text: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new RangeError(`not an IPv4 address: "${text}"`);
  }
  return Uint8Array.from(parts, Number);
}

function readUnsigned32(buf: Uint8Array, start: number, end: number): number {
  const v = readSigned(buf, start, end);
  // Some agents send unsigned types without the leading zero byte; read them as unsigned.
  const n = v < 0 ? v + 2 ** ((end - start) * 8) : v;
  if (n > MAX_U32) throw new BerError('unsigned 32-bit value out of range');
  return n;
}

function checkRange(n: number, low: number, high: number, type: string): void {
  if (!Number.isInteger(n) || n < low || n > high) throw new RangeError(`${type} out of range: ${n}`);
}
