import { ERROR_STATUS } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import type { MibStore, OidKey } from './mib-store';
import type { RequestPdu, RequestVarbind } from './request-reader';
import { checkValue, v1ErrorStatus, type WriteRule, type WriteRules } from './write-rules';

/**
 * SetRequest processing (RFC 3416 §4.2.5), checked in the RFC's order for each varbind:
 * noAccess (the community or user may not write), noCreation / notWritable (no such instance /
 * not writable), then wrongType, wrongLength, wrongEncoding, wrongValue; then checks across the
 * whole PDU (inconsistentValue). Nothing is applied unless every varbind passed: a SET is all
 * or nothing. SNMPv1 gets the RFC 3584 §4.4 mapping (noSuchName / badValue).
 */

/** A varbind that passed its own checks. */
export interface AcceptedWrite {
  /** 0-based position in the request. */
  readonly index: number;
  readonly key: OidKey;
  /** The value TLV as received (a view into the request datagram: copy before keeping it). */
  readonly tlv: Uint8Array;
  readonly rule: WriteRule;
}

export interface SetRefusal {
  /** v2c error status; mapped for v1 by the responder. */
  readonly status: number;
  /** 0-based position of the varbind at fault. */
  readonly index: number;
}

/** What a device decides about SETs beyond the per-object rules. */
export interface SetHandler {
  readonly rules: WriteRules;
  /** Checks across the varbinds of one SET (e.g. an address with its method); null when consistent. */
  checkTogether(store: MibStore, writes: readonly AcceptedWrite[]): SetRefusal | null;
  /** Applies a SET that passed every check. */
  commit(store: MibStore, writes: readonly AcceptedWrite[]): void;
}

/** A handler that only stores values: per-object rules, no cross-checks, no side effects. */
export function storingSetHandler(rules: WriteRules): SetHandler {
  return {
    rules,
    checkTogether: () => null,
    commit: (store, writes) => {
      for (const w of writes) store.setEncoded(w.key, Buffer.from(w.tlv));
    },
  };
}

export interface SetOutcome {
  readonly errorStatus: number;
  /** 1-based, 0 on success. */
  readonly errorIndex: number;
}

/** Judges (and on success applies) one SetRequest; the caller echoes the varbinds with the outcome. */
export function processSet(pdu: RequestPdu, store: MibStore, v1: boolean, canWrite: boolean, handler: SetHandler): SetOutcome {
  const refuse = (status: number, index: number): SetOutcome => ({ errorStatus: v1 ? v1ErrorStatus(status) : status, errorIndex: index + 1 });
  const writes: AcceptedWrite[] = [];
  for (let n = 0; n < pdu.varbinds.length; n++) {
    // Net-SNMP answers a read-only community noAccess for any OID, known or not (VACM: not in the write view).
    if (!canWrite) return refuse(ERROR_STATUS.noAccess, n);
    const vb = pdu.varbinds[n] as RequestVarbind;
    const i = store.find(vb.arcs);
    if (i < 0) {
      // An instance of an object the device has (something lives beside it) cannot be created;
      // anything else is outside every writable object.
      return refuse(store.hasUnder(vb.arcs.slice(0, -1)) ? ERROR_STATUS.noCreation : ERROR_STATUS.notWritable, n);
    }
    const key = store.keyAt(i);
    const rule = handler.rules.ruleFor(key.oid, store.valueAt(i));
    if (!rule) return refuse(ERROR_STATUS.notWritable, n);
    const tlv = pdu.buf.subarray(vb.valueStart, vb.valueEnd);
    const status = checkValue(rule, tlv);
    if (status !== ERROR_STATUS.noError) return refuse(status, n);
    writes.push({ index: n, key, tlv, rule });
  }
  const conflict = handler.checkTogether(store, writes);
  if (conflict) return refuse(conflict.status, conflict.index);
  handler.commit(store, writes);
  return { errorStatus: ERROR_STATUS.noError, errorIndex: 0 };
}
