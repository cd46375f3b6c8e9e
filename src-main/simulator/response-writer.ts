import { BER_TAG, integerContentSize, tlvSize, writeHeader, writeInteger } from '../../src-shared/snmp/ber/ber-primitives';
import type { ResponseBody } from './pdu-responder';

/**
 * Writes a reply in one allocation: SEQUENCE { prefix TLVs…, PDU }. For v1/v2c the prefix is
 * version + community (the whole message); for v3 it is contextEngineID + contextName (the
 * scoped PDU, which usm.ts then protects and wraps).
 */

/** Bytes a reply adds around its varbind list, given the prefix and request-id sizes (upper bound). */
export function replyOverhead(prefixLength: number, requestIdTlvLength: number, varbindCount = 0xffff): number {
  // Outer sequence (≤ 4), PDU header (≤ 4), error-status (3), error-index (≤ 5), list header (≤ 4).
  return 4 + prefixLength + 4 + requestIdTlvLength + 3 + tlvSize(integerContentSize(varbindCount)) + 4;
}

/** Encodes SEQUENCE { prefix…, pduTag { request-id, error-status, error-index, varbinds } }. */
export function writeReply(prefix: readonly Uint8Array[], pduTag: number, requestIdTlv: Uint8Array, body: ResponseBody): Buffer {
  let prefixLength = 0;
  for (const p of prefix) prefixLength += p.length;
  const pduContent =
    requestIdTlv.length + tlvSize(integerContentSize(body.errorStatus)) + tlvSize(integerContentSize(body.errorIndex)) + tlvSize(body.listLength);
  const outerContent = prefixLength + tlvSize(pduContent);
  const out = Buffer.allocUnsafe(tlvSize(outerContent));
  let at = writeHeader(out, 0, BER_TAG.sequence, outerContent);
  for (const p of prefix) {
    out.set(p, at);
    at += p.length;
  }
  at = writeHeader(out, at, pduTag, pduContent);
  out.set(requestIdTlv, at);
  at += requestIdTlv.length;
  at = writeInteger(out, at, BER_TAG.integer, body.errorStatus);
  at = writeInteger(out, at, BER_TAG.integer, body.errorIndex);
  at = writeHeader(out, at, BER_TAG.sequence, body.listLength);
  const pieces = body.pieces;
  for (let i = 0; i < pieces.length; i += 2) {
    const oid = pieces[i] as Uint8Array;
    const value = pieces[i + 1] as Uint8Array;
    at = writeHeader(out, at, BER_TAG.sequence, oid.length + value.length);
    out.set(oid, at);
    at += oid.length;
    out.set(value, at);
    at += value.length;
  }
  return out;
}
