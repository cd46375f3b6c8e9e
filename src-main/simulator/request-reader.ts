import { BER_TAG, BerError, BerReader, readOidArcs } from '../../src-shared/snmp/ber/ber-primitives';
import { SNMP_VERSION } from '../../src-shared/snmp/ber/snmp-pdu-codec';

/**
 * Hot-path decoding of incoming requests: positions into the datagram instead of copies, so a
 * reply can echo request bytes (request-id, OIDs, values) without re-encoding them.
 */

export interface RequestVarbind {
  readonly arcs: number[];
  /** The whole OID TLV. */
  readonly oidStart: number;
  readonly oidEnd: number;
  /** The whole value TLV; its first byte is the tag. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface RequestPdu {
  readonly buf: Uint8Array;
  readonly tag: number;
  readonly requestId: number;
  /** The whole request-id TLV, echoed verbatim in the reply. */
  readonly requestIdStart: number;
  readonly requestIdEnd: number;
  /** error-status, or non-repeaters for GetBulk. */
  readonly field2: number;
  /** error-index, or max-repetitions for GetBulk. */
  readonly field3: number;
  readonly varbinds: RequestVarbind[];
}

export interface CommunityRequest {
  /** 0 (v1) or 1 (v2c). */
  readonly version: number;
  readonly community: string;
  /** The version and community TLVs, contiguous: a reply starts with the same bytes. */
  readonly prefixStart: number;
  readonly prefixEnd: number;
  readonly pdu: RequestPdu;
}

/** Reads the message version without decoding further; throws BerError when not SNMP. */
export function readMessageVersion(buf: Uint8Array): number {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  return outer.integer();
}

/** Decodes a v1/v2c request; throws BerError when malformed or not v1/v2c. */
export function readCommunityRequest(buf: Uint8Array): CommunityRequest {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  const prefixStart = outer.pos;
  const version = outer.integer();
  if (version !== SNMP_VERSION.v1 && version !== SNMP_VERSION.v2c) throw new BerError(`not a community message (version ${version})`);
  outer.octets();
  const community = Buffer.from(buf.buffer, buf.byteOffset + outer.start, outer.end - outer.start).toString('utf8');
  return { version, community, prefixStart, prefixEnd: outer.pos, pdu: readRequestPdu(outer) };
}

/** Decodes the PDU at the reader's position (any PDU tag; the caller decides what it accepts). */
export function readRequestPdu(reader: BerReader): RequestPdu {
  const tag = reader.next();
  if ((tag & 0xe0) !== 0xa0) throw new BerError(`not a PDU: tag 0x${tag.toString(16)}`);
  const body = new BerReader(reader.buf, reader.start, reader.end);
  reader.pos = reader.end;
  const buf = reader.buf;
  const requestIdStart = body.pos;
  const requestId = body.integer();
  const requestIdEnd = body.pos;
  const field2 = body.integer();
  const field3 = body.integer();
  const list = body.enter(BER_TAG.sequence);
  const varbinds: RequestVarbind[] = [];
  while (!list.done) {
    const vb = list.enter(BER_TAG.sequence);
    const oidStart = vb.pos;
    vb.next(BER_TAG.oid);
    const arcs = readOidArcs(buf, vb.start, vb.end);
    const oidEnd = vb.end;
    vb.pos = vb.end;
    const valueStart = vb.pos;
    vb.skip();
    varbinds.push({ arcs, oidStart, oidEnd, valueStart, valueEnd: vb.pos });
  }
  return { buf, tag, requestId, requestIdStart, requestIdEnd, field2, field3, varbinds };
}
