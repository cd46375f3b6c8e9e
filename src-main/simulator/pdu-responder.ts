import { BER_TAG, tlvSize } from '../../src-shared/snmp/ber/ber-primitives';
import type { MibStore, OidKey } from './mib-store';
import { END_OF_MIB_VIEW_TLV, NO_SUCH_INSTANCE_TLV, NO_SUCH_OBJECT_TLV } from '../../src-shared/snmp/ber/ber-value-codec';
import { ERROR_STATUS, PDU_TYPE } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import type { RequestPdu, RequestVarbind } from './request-reader';
import { processSet, type SetHandler } from './set-responder';

/**
 * Command responder semantics (RFC 1157 for v1, RFC 3416 for v2c/v3) over one MibStore:
 * GET, GETNEXT, GETBULK and SET (judged in set-responder.ts). Produces the reply's varbinds as byte pieces; the caller
 * wraps them in whatever message the request came in.
 */

export interface ResponderContext {
  readonly store: MibStore;
  /** SNMPv1 rules: noSuchName errors, no GetBulk, Counter64 invisible (RFC 3584 §4.2.2.1). */
  readonly v1: boolean;
  /** Room for the varbind-list content in the reply (bytes). */
  readonly maxListBytes: number;
  /** The request's community or user may write (else every SET answers noAccess; v1 noSuchName). */
  readonly canWrite: boolean;
  /** Which objects accept SETs and what a SET does. */
  readonly setHandler: SetHandler;
  /** A value computed at answer time (sysUpTime), or null to use the stored one. */
  readonly dynamicValue: (key: OidKey) => Buffer | null;
}

export interface ResponseBody {
  readonly errorStatus: number;
  readonly errorIndex: number;
  /** OID TLV and value TLV, alternating. */
  readonly pieces: Uint8Array[];
  /** Σ varbind TLV sizes: the varbind list's content length. */
  readonly listLength: number;
}

/** Answers one request PDU; returns null for PDUs an agent does not answer (drop them). */
export function respond(pdu: RequestPdu, ctx: ResponderContext): ResponseBody | null {
  switch (pdu.tag) {
    case PDU_TYPE.getRequest:
      return respondGet(pdu, ctx);
    case PDU_TYPE.getNextRequest:
      return respondGetNext(pdu, ctx);
    case PDU_TYPE.getBulkRequest:
      return ctx.v1 ? null : respondGetBulk(pdu, ctx);
    case PDU_TYPE.setRequest:
      return respondSet(pdu, ctx);
    default:
      return null;
  }
}

class Collector {
  readonly pieces: Uint8Array[] = [];
  listLength = 0;
  constructor(private readonly max: number) {}

  /** Adds a varbind unless it would overflow the reply; returns whether it was added. */
  add(oid: Uint8Array, value: Uint8Array): boolean {
    const size = tlvSize(oid.length + value.length);
    if (this.listLength + size > this.max) return false;
    this.pieces.push(oid, value);
    this.listLength += size;
    return true;
  }

  body(): ResponseBody {
    return { errorStatus: 0, errorIndex: 0, pieces: this.pieces, listLength: this.listLength };
  }
}

function respondGet(pdu: RequestPdu, ctx: ResponderContext): ResponseBody {
  const out = new Collector(ctx.maxListBytes);
  const { store } = ctx;
  for (let n = 0; n < pdu.varbinds.length; n++) {
    const vb = pdu.varbinds[n] as RequestVarbind;
    const i = store.find(vb.arcs);
    let oid: Uint8Array;
    let value: Uint8Array;
    if (i >= 0 && !(ctx.v1 && isCounter64(store.valueAt(i)))) {
      const key = store.keyAt(i);
      oid = key.tlv;
      value = ctx.dynamicValue(key) ?? store.valueAt(i);
    } else {
      if (ctx.v1) return echoReply(pdu, ERROR_STATUS.noSuchName, n + 1);
      oid = pdu.buf.subarray(vb.oidStart, vb.oidEnd);
      // The object exists when something lives beside this instance (same column or scalar).
      value = store.hasUnder(vb.arcs.slice(0, -1)) ? NO_SUCH_INSTANCE_TLV : NO_SUCH_OBJECT_TLV;
    }
    if (!out.add(oid, value)) return tooBig(pdu, ctx);
  }
  return out.body();
}

function respondGetNext(pdu: RequestPdu, ctx: ResponderContext): ResponseBody {
  const out = new Collector(ctx.maxListBytes);
  for (let n = 0; n < pdu.varbinds.length; n++) {
    const vb = pdu.varbinds[n] as RequestVarbind;
    const i = nextIndex(ctx, vb.arcs);
    if (i < 0 && ctx.v1) return echoReply(pdu, ERROR_STATUS.noSuchName, n + 1);
    const added = i < 0 ? out.add(pdu.buf.subarray(vb.oidStart, vb.oidEnd), END_OF_MIB_VIEW_TLV) : addStored(out, ctx, i);
    if (!added) return tooBig(pdu, ctx);
  }
  return out.body();
}

function respondGetBulk(pdu: RequestPdu, ctx: ResponderContext): ResponseBody {
  const out = new Collector(ctx.maxListBytes);
  const count = pdu.varbinds.length;
  const nonRepeaters = Math.min(Math.max(pdu.field2, 0), count);
  const maxRepetitions = Math.max(pdu.field3, 0);
  for (let n = 0; n < nonRepeaters; n++) {
    const vb = pdu.varbinds[n] as RequestVarbind;
    const i = nextIndex(ctx, vb.arcs);
    const added = i < 0 ? out.add(pdu.buf.subarray(vb.oidStart, vb.oidEnd), END_OF_MIB_VIEW_TLV) : addStored(out, ctx, i);
    if (!added) return tooBig(pdu, ctx);
  }
  const repeaters = count - nonRepeaters;
  if (repeaters === 0) return out.body();
  // Per repeating column: the index last returned (-1 before the first step) and its OID bytes.
  const cursor = new Array<number>(repeaters).fill(-1);
  const ended = new Array<boolean>(repeaters).fill(false);
  const names = pdu.varbinds.slice(nonRepeaters).map((vb) => pdu.buf.subarray(vb.oidStart, vb.oidEnd));
  for (let r = 0; r < maxRepetitions; r++) {
    let allEnded = true;
    for (let c = 0; c < repeaters; c++) {
      const previous = cursor[c] as number;
      let i = -1;
      if (!ended[c]) i = previous < 0 ? nextIndex(ctx, (pdu.varbinds[nonRepeaters + c] as RequestVarbind).arcs) : nextStored(ctx, previous + 1);
      let added: boolean;
      if (i < 0) {
        ended[c] = true;
        added = out.add(names[c] as Uint8Array, END_OF_MIB_VIEW_TLV);
      } else {
        cursor[c] = i;
        names[c] = ctx.store.keyAt(i).tlv;
        allEnded = false;
        added = addStored(out, ctx, i);
      }
      // RFC 3416 §4.2.3: a bulk reply that does not fit is truncated, not refused.
      if (!added) return out.pieces.length === 0 ? tooBig(pdu, ctx) : out.body();
    }
    if (allEnded) break;
  }
  return out.body();
}

function respondSet(pdu: RequestPdu, ctx: ResponderContext): ResponseBody {
  const outcome = processSet(pdu, ctx.store, ctx.v1, ctx.canWrite, ctx.setHandler);
  // The reply echoes the request's varbinds, with or without an error (RFC 3416 §4.2.5).
  return echoReply(pdu, outcome.errorStatus, outcome.errorIndex);
}

function addStored(out: Collector, ctx: ResponderContext, index: number): boolean {
  const key = ctx.store.keyAt(index);
  return out.add(key.tlv, ctx.dynamicValue(key) ?? ctx.store.valueAt(index));
}

/** The first visible OID after `arcs`, or -1 at the end of the MIB view. */
function nextIndex(ctx: ResponderContext, arcs: readonly number[]): number {
  return nextStored(ctx, ctx.store.nextAfter(arcs));
}

function nextStored(ctx: ResponderContext, from: number): number {
  const { store } = ctx;
  let i = from;
  if (ctx.v1) while (i < store.size && isCounter64(store.valueAt(i))) i++;
  return i < store.size ? i : -1;
}

function isCounter64(tlv: Uint8Array): boolean {
  return tlv[0] === BER_TAG.counter64;
}

function tooBig(pdu: RequestPdu, ctx: ResponderContext): ResponseBody {
  // v1 echoes the request (RFC 1157 §4.1.2); v2c/v3 send an empty list (RFC 3416 §4.2.1).
  return ctx.v1 ? echoReply(pdu, ERROR_STATUS.tooBig, 0) : { errorStatus: ERROR_STATUS.tooBig, errorIndex: 0, pieces: [], listLength: 0 };
}

/** The request varbinds sent back with an error (or, for SET, as the confirmation). */
export function echoReply(pdu: RequestPdu, errorStatus: number, errorIndex: number): ResponseBody {
  const pieces: Uint8Array[] = [];
  let listLength = 0;
  for (const vb of pdu.varbinds) {
    pieces.push(pdu.buf.subarray(vb.oidStart, vb.oidEnd), pdu.buf.subarray(vb.valueStart, vb.valueEnd));
    listLength += tlvSize(vb.oidEnd - vb.oidStart + vb.valueEnd - vb.valueStart);
  }
  return { errorStatus, errorIndex, pieces, listLength };
}
