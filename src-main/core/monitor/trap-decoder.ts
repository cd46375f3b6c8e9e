import { BER_TAG, BerError, BerReader, encodeBytes, encodeInteger, readOidArcs } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeValue } from '../../../src-shared/snmp/ber/ber-value-codec';
import { PDU_TYPE, SNMP_VERSION, decodeCommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

/**
 * SNMP notifications as the trap listener reads them, with the shared BER codec: v1 Trap-PDU
 * (RFC 1157) and v2c SNMPv2-Trap / InformRequest (RFC 3416). net-snmp stays in the SNMP
 * client: its receiver would need a second socket stack and gives no control over informs.
 */

export interface DecodedTrap {
  version: 'v1' | 'v2c';
  community: string;
  pdu: 'trapV1' | 'trapV2' | 'informRequest';
  /** v2c only (an inform's Response echoes it). */
  requestId: number | null;
  /** snmpTrapOID (v1: translated as RFC 3584 §3.1 says). */
  trapOid: string | null;
  /** v1 agent-addr: the agent the trap is about (a proxy may send it). */
  agentAddress: string | null;
  varbinds: VarBind[];
  /**
   * v2c only: the community and varbind-list bytes as received. An inform's Response echoes
   * them byte for byte: decoded values need not re-encode (an agent's 5-byte INTEGER, a
   * community that is not UTF-8), and the agent must recognise its own request.
   */
  received: { community: Uint8Array; varbindList: Uint8Array } | null;
}

const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const GENERIC_TRAPS = '1.3.6.1.6.3.1.1.5';

/** Decodes one datagram; throws BerError for a malformed message or one that is not a notification. */
export function decodeTrap(buf: Uint8Array): DecodedTrap {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  const version = outer.integer();
  if (version === SNMP_VERSION.v1) return decodeV1(buf, outer);
  if (version !== SNMP_VERSION.v2c) throw new BerError(`SNMP version ${version} notifications are not supported (v1 and v2c are)`);
  const message = decodeCommunityMessage(buf);
  const { type } = message.pdu;
  if (type !== 'trapV2' && type !== 'informRequest') throw new BerError(`a ${type} PDU is not a notification`);
  // request-id is an Integer32 (RFC 3416 §3); BER lets a sender write more bytes than that holds.
  const { requestId } = message.pdu;
  if (requestId < INT32_MIN || requestId > INT32_MAX) throw new BerError(`request-id ${requestId} is not an Integer32`);
  const trapOid = message.pdu.varbinds.find((vb) => vb.oid === SNMP_TRAP_OID)?.value;
  return {
    version: 'v2c',
    community: message.community,
    pdu: type,
    requestId,
    trapOid: trapOid?.type === 'ObjectIdentifier' ? trapOid.value : null,
    agentAddress: null,
    varbinds: message.pdu.varbinds,
    received: receivedBytes(buf),
  };
}

/**
 * The Response that acknowledges an inform (RFC 3416 §4.2.7: same request-id and varbinds),
 * built from the bytes received, so it cannot fail for what the inform held. Throws
 * RangeError for anything but a decoded InformRequest.
 */
export function informResponse(trap: DecodedTrap): Uint8Array {
  if (trap.pdu !== 'informRequest' || trap.requestId === null || trap.received === null) throw new RangeError('only an InformRequest is acknowledged');
  const pdu = encodeBytes(
    PDU_TYPE.response,
    concat(encodeInteger(BER_TAG.integer, trap.requestId), encodeInteger(BER_TAG.integer, 0), encodeInteger(BER_TAG.integer, 0), trap.received.varbindList),
  );
  return encodeBytes(BER_TAG.sequence, concat(encodeInteger(BER_TAG.integer, SNMP_VERSION.v2c), encodeBytes(BER_TAG.octetString, trap.received.community), pdu));
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** Community and varbind-list TLV of a v2c message already decoded once (so well-formed). */
function receivedBytes(buf: Uint8Array): { community: Uint8Array; varbindList: Uint8Array } {
  const outer = new BerReader(buf).enter(BER_TAG.sequence);
  outer.integer();
  outer.octets();
  const community = Uint8Array.from(buf.subarray(outer.start, outer.end));
  outer.next();
  const body = new BerReader(buf, outer.start, outer.end);
  body.integer();
  body.integer();
  body.integer();
  const listStart = body.pos;
  body.next(BER_TAG.sequence);
  return { community, varbindList: Uint8Array.from(buf.subarray(listStart, body.end)) };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function decodeV1(buf: Uint8Array, outer: BerReader): DecodedTrap {
  outer.octets();
  const community = new TextDecoder('utf-8').decode(buf.subarray(outer.start, outer.end));
  const tag = outer.next();
  if (tag !== PDU_TYPE.trapV1) throw new BerError(`a v1 message with PDU tag 0x${tag.toString(16)} is not a trap`);
  const body = new BerReader(buf, outer.start, outer.end);
  body.next(BER_TAG.oid);
  const enterprise = readOidArcs(buf, body.start, body.end).join('.');
  body.pos = body.end;
  body.next(BER_TAG.ipAddress);
  if (body.end - body.start !== 4) throw new BerError('agent-addr must be 4 bytes');
  const agentAddress = Array.from(buf.subarray(body.start, body.end)).join('.');
  body.pos = body.end;
  const generic = body.integer();
  const specific = body.integer();
  body.integer(BER_TAG.timeTicks);
  const list = body.enter(BER_TAG.sequence);
  const varbinds: VarBind[] = [];
  while (!list.done) {
    const vb = list.enter(BER_TAG.sequence);
    vb.next(BER_TAG.oid);
    const oid = readOidArcs(buf, vb.start, vb.end).join('.');
    vb.pos = vb.end;
    const valueTag = vb.next();
    varbinds.push({ oid, value: decodeValue(valueTag, buf, vb.start, vb.end) });
  }
  const trapOid = generic === 6 ? `${enterprise}.0.${specific}` : generic >= 0 && generic < 6 ? `${GENERIC_TRAPS}.${generic + 1}` : null;
  return { version: 'v1', community, pdu: 'trapV1', requestId: null, trapOid, agentAddress, varbinds, received: null };
}
