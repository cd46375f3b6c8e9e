import { BER_TAG, BerError, BerReader, encodeOidArcs, integerContentSize, oidToArcs, readOidArcs, tlvSize, writeHeader, writeInteger } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeValue, encodeValue } from '../../../src-shared/snmp/ber/ber-value-codec';
import { PDU_TYPE } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';
import { BER_TAG as TYPE_TAG, END_OF_MIB_VIEW_VALUE, NO_SUCH_INSTANCE_VALUE, NO_SUCH_OBJECT_VALUE, NULL_SNMP_VALUE } from './varbind-conversion';

/**
 * SNMPv1/v2c requests and responses on the wire, for the poller's hot path. The general codec
 * (src-shared/snmp/ber/snmp-pdu-codec.ts) builds a message from VarBind objects and copies every
 * value; net-snmp builds a tree of objects and a 1 KB writer per message (≈ 70 KB of garbage per
 * device and poll in the 10,000-device bench). Here a request is one buffer assembled from
 * cached {OID, NULL} varbind encodings, and a response is read in place: OCTET STRING values are
 * views of the datagram (as net-snmp's are) and an answered OID equal to the asked one reuses
 * the asked string. No library does this: net-snmp has no lower-level API for it.
 */

/** The {OID, NULL} varbind TLV asking for `oid` (a checked numeric OID); throws RangeError for an arc over 2^32-1. */
export function askingVarbind(oid: string): Uint8Array {
  const encoded = encodeOidArcs(oidToArcs(oid));
  const out = new Uint8Array(tlvSize(encoded.length + 2));
  const at = writeHeader(out, 0, BER_TAG.sequence, encoded.length + 2);
  out.set(encoded, at);
  out[at + encoded.length] = BER_TAG.null;
  out[at + encoded.length + 1] = 0;
  return out;
}

/**
 * askingVarbind by OID: a fleet asks for the same few hundred OIDs (GETs, the first request of
 * each walk) again and again. Two generations keep what is in use and let the rest go: a
 * lookup in the old one moves the entry to the young one, and a full young generation becomes
 * the old one (walk cursors, which differ per device, are dropped that way). At most
 * 2 × `generation` entries.
 */
export class VarbindEncodings {
  private young = new Map<string, Uint8Array>();
  private old = new Map<string, Uint8Array>();

  constructor(private readonly generation = 4_096) {}

  /** The cached askingVarbind(oid); throws like it. */
  asking(oid: string): Uint8Array {
    const young = this.young.get(oid);
    if (young !== undefined) return young;
    const out = this.old.get(oid) ?? askingVarbind(oid);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(oid, out);
    return out;
  }

  /** Encodings held. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

/** The varbind TLV of a SET; throws RangeError for a value its type cannot hold. */
export function settingVarbind(vb: VarBind): Uint8Array {
  const oid = encodeOidArcs(oidToArcs(vb.oid));
  const value = encodeValue(vb.value);
  const out = new Uint8Array(tlvSize(oid.length + value.length));
  const at = writeHeader(out, 0, BER_TAG.sequence, oid.length + value.length);
  out.set(oid, at);
  out.set(value, at + oid.length);
  return out;
}

export interface CommunityRequest {
  /** Wire msgVersion: 0 for v1, 1 for v2c. */
  version: 0 | 1;
  community: Uint8Array;
  pduTag: number;
  requestId: number;
  /** error-status / non-repeaters. */
  second: number;
  /** error-index / max-repetitions. */
  third: number;
  varbinds: readonly Uint8Array[];
}

/** One request message in one buffer. Never throws for whole numbers within ±2^31. */
export function encodeCommunityRequest(r: CommunityRequest): Buffer {
  let list = 0;
  for (const vb of r.varbinds) list += vb.length;
  const pduContent = tlvSize(integerContentSize(r.requestId)) + tlvSize(integerContentSize(r.second)) + tlvSize(integerContentSize(r.third)) + tlvSize(list);
  const content = 3 + tlvSize(r.community.length) + tlvSize(pduContent);
  const out = Buffer.allocUnsafe(tlvSize(content));
  let at = writeHeader(out, 0, BER_TAG.sequence, content);
  at = writeInteger(out, at, BER_TAG.integer, r.version);
  at = writeHeader(out, at, BER_TAG.octetString, r.community.length);
  out.set(r.community, at);
  at += r.community.length;
  at = writeHeader(out, at, r.pduTag, pduContent);
  at = writeInteger(out, at, BER_TAG.integer, r.requestId);
  at = writeInteger(out, at, BER_TAG.integer, r.second);
  at = writeInteger(out, at, BER_TAG.integer, r.third);
  at = writeHeader(out, at, BER_TAG.sequence, list);
  for (const vb of r.varbinds) {
    out.set(vb, at);
    at += vb.length;
  }
  return out;
}

/** The head of a response: enough to find its request and check it, before reading varbinds. */
export interface ResponseHead {
  version: number;
  /** The community is bytes [communityStart, communityEnd) of the datagram. */
  communityStart: number;
  communityEnd: number;
  pduTag: number;
  requestId: number;
  errorStatus: number;
  errorIndex: number;
  /** Reader over the varbind list. */
  list: BerReader;
}

/** Reads a v1/v2c message up to its varbind list; throws BerError for anything else. */
export function readResponseHead(buf: Uint8Array): ResponseHead {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  const version = outer.integer();
  outer.octets();
  const communityStart = outer.start;
  const communityEnd = outer.end;
  const pduTag = outer.next();
  if (pduTag < PDU_TYPE.getRequest || pduTag > PDU_TYPE.report) throw new BerError(`not an SNMP PDU (tag 0x${pduTag.toString(16)})`);
  const pdu = new BerReader(buf, outer.start, outer.end);
  const requestId = pdu.integer();
  const errorStatus = pdu.integer();
  const errorIndex = pdu.integer();
  return { version, communityStart, communityEnd, pduTag, requestId, errorStatus, errorIndex, list: pdu.enter(BER_TAG.sequence) };
}

/**
 * The varbinds after `head`; `asked[i]` (with its encoding `askedTlvs[i]`) is reused as the OID
 * string of the i-th answer when the bytes match. Throws BerError for anything malformed.
 */
export function readVarbinds(buf: Buffer, list: BerReader, asked?: readonly string[], askedTlvs?: readonly Uint8Array[]): VarBind[] {
  const out: VarBind[] = [];
  // One reader for the whole list: each varbind's parts must end where the varbind does.
  while (!list.done) {
    list.next(BER_TAG.sequence);
    const varbindEnd = list.end;
    list.pos = list.start;
    list.next(BER_TAG.oid);
    const oidStart = list.start;
    const oidEnd = list.end;
    list.pos = oidEnd;
    const tag = list.next();
    if (list.end !== varbindEnd) throw new BerError('a varbind holds more or less than an OID and a value');
    list.pos = varbindEnd;
    const i = out.length;
    const known = asked?.[i];
    const tlv = askedTlvs?.[i];
    const oid = known !== undefined && tlv !== undefined && sameOid(buf, oidStart, oidEnd, tlv) ? known : readOidString(buf, oidStart, oidEnd);
    out.push({ oid, value: valueAt(tag, buf, list.start, list.end) });
  }
  return out;
}

/** True when the OID content [start, end) equals the OID of `asking` (an askingVarbind). */
function sameOid(buf: Uint8Array, start: number, end: number, asking: Uint8Array): boolean {
  // asking = SEQUENCE header (2 octets, or 3 past 127), OID header, content, NULL.
  const oidHeader = (asking[1] as number) & 0x80 ? 2 + ((asking[1] as number) & 0x7f) : 2;
  const length = end - start;
  if (length > 0x7f || asking[oidHeader] !== BER_TAG.oid || asking[oidHeader + 1] !== length) return false;
  const contentStart = oidHeader + 2;
  for (let k = 0; k < length; k++) if (buf[start + k] !== asking[contentStart + k]) return false;
  return true;
}

/** Digits and dots of the OID being read: one flat string per OID instead of a rope of pieces. */
const scratch = Buffer.allocUnsafe(1024);

/**
 * Dotted OID from content octets, written as ASCII into a scratch buffer and taken out as one
 * flat string (concatenating arcs would leave a tree of ~2 objects per arc until flattened).
 * Throws BerError when malformed.
 */
export function readOidString(buf: Uint8Array, start: number, end: number): string {
  if (end <= start) throw new BerError('empty OID');
  // At most 11 characters per content octet ("4294967295." from 5 octets is far less).
  if ((end - start) * 11 > scratch.length) return readOidArcs(buf, start, end).join('.');
  let at = 0;
  let v = 0;
  let bytes = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    v = v * 0x80 + (b & 0x7f);
    if (++bytes > 5) throw new BerError('sub-identifier too long');
    if (b & 0x80) continue;
    if (first) {
      const top = v < 40 ? 0 : v < 80 ? 1 : 2;
      scratch[at++] = 0x30 + top;
      scratch[at++] = 0x2e;
      at = writeDecimal(v - top * 40, at);
      first = false;
    } else {
      if (v > 0xffffffff) throw new BerError('sub-identifier too large');
      scratch[at++] = 0x2e;
      at = writeDecimal(v, at);
    }
    v = 0;
    bytes = 0;
  }
  if (bytes !== 0) throw new BerError('unterminated sub-identifier');
  return scratch.toString('latin1', 0, at);
}

/** Writes `n` (a whole number ≥ 0) in decimal at `at`; returns the next position. */
function writeDecimal(n: number, at: number): number {
  if (n < 10) {
    scratch[at] = 0x30 + n;
    return at + 1;
  }
  let digits = 0;
  for (let rest = n; rest >= 1; rest = Math.floor(rest / 10)) digits++;
  let rest = n;
  for (let k = digits - 1; k >= 0; k--) {
    scratch[at + k] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}

/** A value read in place (OCTET STRING and Opaque are views of the datagram); throws BerError for unknown tags. */
function valueAt(tag: number, buf: Buffer, start: number, end: number): SnmpValue {
  switch (tag) {
    case BER_TAG.octetString:
    case TYPE_TAG.BitString:
      return { type: 'OctetString', value: buf.subarray(start, end) };
    case BER_TAG.opaque:
      return { type: 'Opaque', value: buf.subarray(start, end) };
    case BER_TAG.null:
      return NULL_SNMP_VALUE;
    case BER_TAG.noSuchObject:
      return NO_SUCH_OBJECT_VALUE;
    case BER_TAG.noSuchInstance:
      return NO_SUCH_INSTANCE_VALUE;
    case BER_TAG.endOfMibView:
      return END_OF_MIB_VIEW_VALUE;
    case TYPE_TAG.Boolean:
      return { type: 'Integer', value: end > start && buf[start] !== 0 ? 1 : 0 };
    default:
      return decodeValue(tag, buf, start, end);
  }
}
