import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from './snmp-client';

/**
 * net-snmp varbinds ({ oid, type: BER tag, value }) to and from our SnmpValue. Runs for every
 * varbind of every reply, so it avoids copies: an OCTET STRING Buffer is already a Uint8Array.
 */

/** A varbind in net-snmp's shape (structurally the same as its RawVarbind). */
export interface LibraryVarbind {
  oid: string;
  type: number;
  value: unknown;
}

/** BER tags of the SNMP types (net-snmp's ObjectType numbers). */
export const BER_TAG = {
  Boolean: 1,
  Integer: 2,
  BitString: 3,
  OctetString: 4,
  Null: 5,
  ObjectIdentifier: 6,
  IpAddress: 64,
  Counter32: 65,
  Gauge32: 66,
  TimeTicks: 67,
  Opaque: 68,
  Counter64: 70,
  NoSuchObject: 128,
  NoSuchInstance: 129,
  EndOfMibView: 130,
} as const;

const NULL_VALUE: SnmpValue = Object.freeze({ type: 'Null', value: null });
const NO_SUCH_OBJECT: SnmpValue = Object.freeze({ type: 'NoSuchObject', value: null });
const NO_SUCH_INSTANCE: SnmpValue = Object.freeze({ type: 'NoSuchInstance', value: null });
const END_OF_MIB_VIEW: SnmpValue = Object.freeze({ type: 'EndOfMibView', value: null });
const EMPTY_BYTES = new Uint8Array(0);
const TWO_POW_32 = 2n ** 32n;
const MAX_COUNTER64 = 2n ** 64n - 1n;

/** The shared endOfMibView value (used when GetBulk is emulated for v1). */
export const END_OF_MIB_VIEW_VALUE = END_OF_MIB_VIEW;
export const NO_SUCH_OBJECT_VALUE = NO_SUCH_OBJECT;
export const NO_SUCH_INSTANCE_VALUE = NO_SUCH_INSTANCE;
export const NULL_SNMP_VALUE = NULL_VALUE;

/** Our value for one net-snmp value; throws SnmpError('snmp-malformed') for a type SNMP does not define. */
export function toSnmpValue(type: number, value: unknown): SnmpValue {
  switch (type) {
    case BER_TAG.Integer:
      return { type: 'Integer', value: value as number };
    case BER_TAG.OctetString:
      return { type: 'OctetString', value: value instanceof Uint8Array ? value : EMPTY_BYTES };
    case BER_TAG.Counter32:
      return { type: 'Counter32', value: value as number };
    case BER_TAG.Gauge32:
      return { type: 'Gauge32', value: value as number };
    case BER_TAG.TimeTicks:
      return { type: 'TimeTicks', value: value as number };
    case BER_TAG.ObjectIdentifier:
      return { type: 'ObjectIdentifier', value: String(value) };
    case BER_TAG.IpAddress:
      return { type: 'IpAddress', value: String(value) };
    case BER_TAG.Counter64:
      return { type: 'Counter64', value: value instanceof Uint8Array ? unsignedFromBytes(value) : BigInt(value as number) };
    case BER_TAG.Opaque:
      return { type: 'Opaque', value: value instanceof Uint8Array ? value : EMPTY_BYTES };
    case BER_TAG.NoSuchObject:
      return NO_SUCH_OBJECT;
    case BER_TAG.NoSuchInstance:
      return NO_SUCH_INSTANCE;
    case BER_TAG.EndOfMibView:
      return END_OF_MIB_VIEW;
    case BER_TAG.Null:
      return NULL_VALUE;
    // SMIv1 leftovers some agents still send: keep their content rather than fail the reply.
    case BER_TAG.Boolean:
      return { type: 'Integer', value: value ? 1 : 0 };
    case BER_TAG.BitString:
      return { type: 'OctetString', value: value instanceof Uint8Array ? value : EMPTY_BYTES };
    default:
      throw new SnmpError('snmp-malformed', `reply carries a value of unknown type ${type}`);
  }
}

/** Our varbinds for net-snmp's flat list (get, getNext, set); throws like toSnmpValue. */
export function fromLibraryVarbinds(list: readonly LibraryVarbind[]): VarBind[] {
  const out = new Array<VarBind>(list.length);
  for (let i = 0; i < list.length; i++) {
    const vb = list[i] as LibraryVarbind;
    out[i] = { oid: vb.oid, value: toSnmpValue(vb.type, vb.value) };
  }
  return out;
}

/**
 * net-snmp regroups a GetBulk reply per requested OID (non-repeaters plain, repeaters as
 * arrays); this restores the wire order: non-repeaters, then repetitions row by row.
 * Throws like toSnmpValue.
 */
export function fromLibraryBulk(list: ReadonlyArray<LibraryVarbind | readonly LibraryVarbind[]>): VarBind[] {
  const out: VarBind[] = [];
  let rows = 0;
  let firstRepeater = list.length;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (Array.isArray(item)) {
      if (firstRepeater === list.length) firstRepeater = i;
      if (item.length > rows) rows = item.length;
    } else if (item) {
      const vb = item as LibraryVarbind;
      out.push({ oid: vb.oid, value: toSnmpValue(vb.type, vb.value) });
    }
  }
  for (let row = 0; row < rows; row++) {
    for (let i = firstRepeater; i < list.length; i++) {
      const column = list[i];
      if (!Array.isArray(column)) continue;
      const vb = column[row] as LibraryVarbind | undefined;
      if (vb) out.push({ oid: vb.oid, value: toSnmpValue(vb.type, vb.value) });
    }
  }
  return out;
}

/** net-snmp's varbind for a SET; throws SnmpError('invalid-argument') for values a SET cannot carry. */
export function toLibraryVarbind(vb: VarBind): LibraryVarbind {
  const v = vb.value;
  switch (v.type) {
    case 'Integer':
      return { oid: vb.oid, type: BER_TAG.Integer, value: v.value };
    case 'Counter32':
      return { oid: vb.oid, type: BER_TAG.Counter32, value: v.value };
    case 'Gauge32':
      return { oid: vb.oid, type: BER_TAG.Gauge32, value: v.value };
    case 'TimeTicks':
      return { oid: vb.oid, type: BER_TAG.TimeTicks, value: v.value };
    case 'Counter64':
      return { oid: vb.oid, type: BER_TAG.Counter64, value: unsignedToBytes(v.value) };
    case 'OctetString':
      return { oid: vb.oid, type: BER_TAG.OctetString, value: asBuffer(v.value) };
    case 'Opaque':
      return { oid: vb.oid, type: BER_TAG.Opaque, value: asBuffer(v.value) };
    case 'ObjectIdentifier':
      return { oid: vb.oid, type: BER_TAG.ObjectIdentifier, value: v.value };
    case 'IpAddress':
      return { oid: vb.oid, type: BER_TAG.IpAddress, value: v.value };
    case 'Null':
      return { oid: vb.oid, type: BER_TAG.Null, value: null };
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
    case 'TooBig':
      throw new SnmpError('invalid-argument', `cannot SET ${vb.oid} to ${v.type}`);
    default:
      return assertNever(v);
  }
}

/** The unsigned integer held by BER content octets (Counter64), as a bigint. */
export function unsignedFromBytes(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n <= 6) {
    let value = 0;
    for (let i = 0; i < n; i++) value = value * 256 + (bytes[i] as number);
    return BigInt(value);
  }
  // Two exact halves instead of one BigInt operation per byte.
  let high = 0;
  for (let i = 0; i < n - 4; i++) high = high * 256 + (bytes[i] as number);
  let low = 0;
  for (let i = n - 4; i < n; i++) low = low * 256 + (bytes[i] as number);
  return BigInt(high) * TWO_POW_32 + BigInt(low);
}

/** Minimal BER content octets of an unsigned 64-bit integer; throws SnmpError('invalid-argument') outside 0 … 2^64-1. */
export function unsignedToBytes(value: bigint): Buffer {
  if (value < 0n || value > MAX_COUNTER64) throw new SnmpError('invalid-argument', `Counter64 out of range: ${value}`);
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  } while (rest > 0n);
  // BER integers are signed: a set top bit needs a leading zero octet.
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function assertNever(value: never): never {
  throw new SnmpError('invalid-argument', `unsupported value ${JSON.stringify(value)}`);
}
