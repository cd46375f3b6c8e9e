import type { VarBind } from '../snmp-value';
import { BER_TAG, BerError, BerReader, encodeOidArcs, oidToArcs, readOidArcs, tlvSize, writeHeader, writeInteger, integerContentSize } from './ber-primitives';
import { decodeValue, encodeValue } from './ber-value-codec';

/**
 * General (allocation-friendly, not hot-path) encoding of SNMP v1/v2c messages and PDUs as
 * VarBinds: used for notifications the simulator sends, by the core's probe scanner, and by
 * tests as an independent reference. The simulator's request path uses its own
 * request-reader.ts / response-writer.ts instead.
 */

const utf8Encoder = new TextEncoder();
// Not fatal: a community with invalid UTF-8 decodes with U+FFFD rather than failing the message.
const utf8Decoder = new TextDecoder('utf-8');

export const PDU_TYPE = {
  getRequest: 0xa0,
  getNextRequest: 0xa1,
  response: 0xa2,
  setRequest: 0xa3,
  trapV1: 0xa4,
  getBulkRequest: 0xa5,
  informRequest: 0xa6,
  trapV2: 0xa7,
  report: 0xa8,
} as const;
export type PduTypeName = keyof typeof PDU_TYPE;

export const ERROR_STATUS = {
  noError: 0,
  tooBig: 1,
  noSuchName: 2,
  badValue: 3,
  readOnly: 4,
  genErr: 5,
  noAccess: 6,
  wrongType: 7,
  wrongLength: 8,
  wrongEncoding: 9,
  wrongValue: 10,
  noCreation: 11,
  inconsistentValue: 12,
  resourceUnavailable: 13,
  commitFailed: 14,
  undoFailed: 15,
  authorizationError: 16,
  notWritable: 17,
  inconsistentName: 18,
} as const;

/** Wire value of msgVersion. */
export const SNMP_VERSION = { v1: 0, v2c: 1, v3: 3 } as const;

/** A PDU as data. For getBulkRequest, errorStatus/errorIndex carry non-repeaters/max-repetitions. */
export interface Pdu {
  type: PduTypeName;
  requestId: number;
  errorStatus: number;
  errorIndex: number;
  varbinds: VarBind[];
}

export interface CommunityMessage {
  version: 'v1' | 'v2c';
  community: string;
  pdu: Pdu;
}

const TYPE_BY_TAG = new Map<number, PduTypeName>(
  (Object.keys(PDU_TYPE) as PduTypeName[]).map((name) => [PDU_TYPE[name], name]),
);

/** The PDU name for a tag, or null when the tag is not an SNMP PDU. */
export function pduTypeOf(tag: number): PduTypeName | null {
  return TYPE_BY_TAG.get(tag) ?? null;
}

/** Encodes a PDU TLV; throws RangeError for unencodable values or OIDs. */
export function encodePdu(pdu: Pdu): Uint8Array {
  const items = pdu.varbinds.map((vb) => {
    const oid = encodeOidArcs(oidToArcs(vb.oid));
    const value = encodeValue(vb.value);
    return { oid, value, size: tlvSize(oid.length + value.length) };
  });
  const listLength = items.reduce((sum, item) => sum + item.size, 0);
  const contentLength =
    tlvSize(integerContentSize(pdu.requestId)) +
    tlvSize(integerContentSize(pdu.errorStatus)) +
    tlvSize(integerContentSize(pdu.errorIndex)) +
    tlvSize(listLength);
  const out = new Uint8Array(tlvSize(contentLength));
  let at = writeHeader(out, 0, PDU_TYPE[pdu.type], contentLength);
  at = writeInteger(out, at, BER_TAG.integer, pdu.requestId);
  at = writeInteger(out, at, BER_TAG.integer, pdu.errorStatus);
  at = writeInteger(out, at, BER_TAG.integer, pdu.errorIndex);
  at = writeHeader(out, at, BER_TAG.sequence, listLength);
  for (const item of items) {
    at = writeHeader(out, at, BER_TAG.sequence, item.oid.length + item.value.length);
    out.set(item.oid, at);
    at += item.oid.length;
    out.set(item.value, at);
    at += item.value.length;
  }
  return out;
}

/** Decodes the PDU at the reader's position; throws BerError when it is not one. */
export function decodePdu(reader: BerReader): Pdu {
  const tag = reader.next();
  const type = pduTypeOf(tag);
  if (!type || type === 'trapV1') throw new BerError(`unsupported PDU tag 0x${tag.toString(16)}`);
  const body = new BerReader(reader.buf, reader.start, reader.end);
  reader.pos = reader.end;
  const requestId = body.integer();
  const errorStatus = body.integer();
  const errorIndex = body.integer();
  const list = body.enter(BER_TAG.sequence);
  const varbinds: VarBind[] = [];
  while (!list.done) {
    const vb = list.enter(BER_TAG.sequence);
    vb.next(BER_TAG.oid);
    const oid = readOidArcs(vb.buf, vb.start, vb.end).join('.');
    vb.pos = vb.end;
    const valueTag = vb.next();
    varbinds.push({ oid, value: decodeValue(valueTag, vb.buf, vb.start, vb.end) });
  }
  return { type, requestId, errorStatus, errorIndex, varbinds };
}

/** Encodes a whole v1/v2c message. */
export function encodeCommunityMessage(message: CommunityMessage): Uint8Array {
  const pdu = encodePdu(message.pdu);
  const community = utf8Encoder.encode(message.community);
  const contentLength = 3 + tlvSize(community.length) + pdu.length;
  const out = new Uint8Array(tlvSize(contentLength));
  let at = writeHeader(out, 0, BER_TAG.sequence, contentLength);
  at = writeInteger(out, at, BER_TAG.integer, SNMP_VERSION[message.version]);
  at = writeHeader(out, at, BER_TAG.octetString, community.length);
  out.set(community, at);
  out.set(pdu, at + community.length);
  return out;
}

/** Decodes a whole v1/v2c message; throws BerError for v3 or anything malformed. */
export function decodeCommunityMessage(buf: Uint8Array): CommunityMessage {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  const versionNumber = outer.integer();
  const version = versionNumber === SNMP_VERSION.v1 ? 'v1' : versionNumber === SNMP_VERSION.v2c ? 'v2c' : null;
  if (!version) throw new BerError(`unsupported SNMP version ${versionNumber}`);
  outer.octets();
  const community = utf8Decoder.decode(buf.subarray(outer.start, outer.end));
  return { version, community, pdu: decodePdu(outer) };
}

const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';

/** The varbinds an SNMPv2-Trap/InformRequest starts with (RFC 3416 §4.2.6), then `extra`. */
export function notificationVarbinds(uptimeTicks: number, trapOid: string, extra: readonly VarBind[] = []): VarBind[] {
  return [
    { oid: SYS_UP_TIME, value: { type: 'TimeTicks', value: uptimeTicks } },
    { oid: SNMP_TRAP_OID, value: { type: 'ObjectIdentifier', value: trapOid } },
    ...extra,
  ];
}
