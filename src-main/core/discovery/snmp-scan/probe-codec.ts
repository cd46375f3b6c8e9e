import { BER_TAG, BerReader } from '../../../../src-shared/snmp/ber/ber-primitives';
import { encodeCommunityMessage, ERROR_STATUS, type Pdu } from '../../../../src-shared/snmp/ber/snmp-pdu-codec';
import { HR_DEVICE_PRINTER_TYPE, HR_DEVICE_TABLE } from '../../../../src-shared/mib/host-resources.oids';
import { PRINTER_MIB_ROOT } from '../../../../src-shared/mib/printer-mib.oids';
import { isInSubtree } from '../../../../src-shared/snmp/oid';
import { snmpText } from '../../../../src-shared/snmp/snmp-text';
import type { VarBind } from '../../../../src-shared/snmp/snmp-value';

/**
 * The discovery probe: one GETNEXT (the same in v1 and v2c) of three system columns and the
 * three places a printer shows itself. A GETNEXT of a subtree or column returns its first
 * object when there is one, so one round trip tells "SNMP agent" from "printer" without
 * knowing instance numbers. Real agents (and recordings trimmed to what a monitor reads) fill
 * different parts of the Printer-MIB, so any object under it counts, not one chosen column.
 */

/** Probe OIDs in wire order (the order of `ProbeMask` bits). */
export const PROBE_OIDS = [
  '1.3.6.1.2.1.1.1', // sysDescr
  '1.3.6.1.2.1.1.2', // sysObjectID
  '1.3.6.1.2.1.1.5', // sysName
  PRINTER_MIB_ROOT, // any Printer-MIB object (RFC 3805)
  '1.3.6.1.2.1.25.3.5', // any hrPrinterTable row (HOST-RESOURCES: one per printer device)
  HR_DEVICE_TABLE.hrDeviceType, // the first hrDeviceTable row's type: hrDevicePrinter, or look further
] as const;

const SYS_DESCR = 0;
const SYS_OBJECT_ID = 1;
const SYS_NAME = 2;
/** Any object inside these says "printer". */
const PRINTER_SUBTREES = [3, 4] as const;
const DEVICE_TYPE = 5;

/** Bit i set: PROBE_OIDS[i] is asked. v1 follow-ups clear the bit a noSuchName pointed at. */
export type ProbeMask = number;
export const FULL_MASK: ProbeMask = (1 << PROBE_OIDS.length) - 1;
/** The OIDs that decide "printer", without the system ones: what an agent that refused the whole probe is asked. */
export const EVIDENCE_MASK: ProbeMask = (1 << PRINTER_SUBTREES[0]) | (1 << PRINTER_SUBTREES[1]) | (1 << DEVICE_TYPE);

/**
 * Request ids stay in [2^23, 2^31): every id then has a four-byte minimal BER encoding, so one
 * pre-encoded message per credential is patched in place instead of encoded per probe.
 */
export const REQUEST_ID_MIN = 0x00800000;
export const REQUEST_ID_MAX = 0x7fffffff;

/** A pre-encoded probe message with the byte offset of its four request-id bytes. */
export interface ProbeTemplate {
  readonly bytes: Uint8Array;
  readonly idOffset: number;
}

/** The OIDs a mask asks for, in wire order. */
export function maskOids(mask: ProbeMask): string[] {
  return PROBE_OIDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** Encodes the probe for one community; throws RangeError for an empty mask. */
export function createProbeTemplate(version: 'v1' | 'v2c', community: string, mask: ProbeMask = FULL_MASK): ProbeTemplate {
  const oids = maskOids(mask);
  if (oids.length === 0) throw new RangeError('a probe needs at least one OID');
  const pdu: Pdu = {
    type: 'getNextRequest',
    requestId: REQUEST_ID_MIN,
    errorStatus: 0,
    errorIndex: 0,
    varbinds: oids.map((oid) => ({ oid, value: { type: 'Null', value: null } })),
  };
  const bytes = encodeCommunityMessage({ version, community, pdu });
  // Walk to the request-id INTEGER: message SEQUENCE → version, community → PDU → request-id.
  const outer = new BerReader(bytes).enter(BER_TAG.sequence);
  outer.integer();
  outer.octets();
  outer.next();
  const body = new BerReader(bytes, outer.start, outer.end);
  body.next(BER_TAG.integer);
  if (body.end - body.start !== 4) throw new Error('probe template: request id is not four bytes');
  return { bytes, idOffset: body.start };
}

/** The template with `requestId` written in; a fresh Buffer, since a queued send must not see it change. */
export function writeProbe(template: ProbeTemplate, requestId: number): Buffer {
  if (requestId < REQUEST_ID_MIN || requestId > REQUEST_ID_MAX) throw new RangeError(`request id ${requestId} outside ${REQUEST_ID_MIN}–${REQUEST_ID_MAX}`);
  const out = Buffer.allocUnsafe(template.bytes.length);
  out.set(template.bytes);
  out.writeUInt32BE(requestId, template.idOffset);
  return out;
}

/** Templates per v1/v2c credential set and mask, encoded when first needed. */
export class ProbeTemplates {
  private readonly byKey = new Map<number, ProbeTemplate>();

  constructor(private readonly credentials: ReadonlyArray<{ version: string; community?: string }>) {}

  /** Throws Error for an SNMPv3 set (it has no community message) or an unknown index. */
  get(credential: number, mask: ProbeMask): ProbeTemplate {
    const key = credential * (FULL_MASK + 1) + mask;
    let template = this.byKey.get(key);
    if (!template) {
      const c = this.credentials[credential];
      if ((c?.version !== 'v1' && c?.version !== 'v2c') || c.community === undefined) throw new Error(`credential set ${credential} has no v1/v2c probe`);
      template = createProbeTemplate(c.version, c.community, mask);
      this.byKey.set(key, template);
    }
    return template;
  }
}

/** What one probe reply says about the agent. */
export interface ProbeFindings {
  sysDescr: string | null;
  sysObjectID: string | null;
  sysName: string | null;
  isPrinter: boolean;
  /**
   * Undecided: no printer evidence yet, but the agent's hrDeviceTable goes on after this
   * hrDeviceType instance (its first row was a processor, a network card …). The second look
   * reads the next rows before the agent is called "not a printer". Null when decided.
   */
  lookAfter: string | null;
}

export type ProbeOutcome =
  /** The agent answered; fields it did not give are null. */
  | { kind: 'answer'; findings: ProbeFindings }
  /** The agent refused one asked OID (v1 noSuchName at the end of its MIB, genErr …) or the whole probe: ask again with `mask`. */
  | { kind: 'retry-without'; mask: ProbeMask }
  /** The reply does not fit the probe it claims to answer. */
  | { kind: 'mismatch'; reason: string };

const NO_FINDINGS: ProbeFindings = { sysDescr: null, sysObjectID: null, sysName: null, isPrinter: false, lookAfter: null };

/**
 * Reads a Response to a probe sent with `mask`. Varbinds are matched by position, and a value
 * counts only when its OID lies inside the subtree or column asked (GETNEXT past the end lands
 * in whatever object follows). An error status narrows the probe: the OID its index points at
 * is dropped, and a probe refused as a whole (tooBig, no index) is asked again with only the
 * printer OIDs, so an agent that answers at all is never judged on an error. Never throws.
 */
export function interpretProbeReply(pdu: Pdu, mask: ProbeMask): ProbeOutcome {
  const asked = PROBE_OIDS.flatMap((_, i) => ((mask & (1 << i)) !== 0 ? [i] : []));
  if (pdu.errorStatus !== ERROR_STATUS.noError) {
    const failed = asked[pdu.errorIndex - 1];
    const rest = failed === undefined ? mask & EVIDENCE_MASK : mask & ~(1 << failed);
    return rest === 0 || rest === mask ? { kind: 'answer', findings: NO_FINDINGS } : { kind: 'retry-without', mask: rest };
  }
  if (pdu.varbinds.length !== asked.length) {
    return { kind: 'mismatch', reason: `reply has ${pdu.varbinds.length} varbinds for ${asked.length} asked` };
  }
  const byProbe = new Map<number, VarBind>();
  asked.forEach((probeIndex, i) => byProbe.set(probeIndex, pdu.varbinds[i] as VarBind));
  const inside = (probeIndex: number): VarBind | null => {
    const vb = byProbe.get(probeIndex);
    if (!vb || vb.value.value === null) return null;
    return isInSubtree(vb.oid, PROBE_OIDS[probeIndex] as string) ? vb : null;
  };
  const text = (probeIndex: number): string | null => snmpText(inside(probeIndex)?.value, { unhexDigits: true });
  const objectId = inside(SYS_OBJECT_ID)?.value;
  const deviceType = inside(DEVICE_TYPE);
  const printerRow = deviceType !== null && isPrinterType(deviceType);
  const isPrinter = printerRow || PRINTER_SUBTREES.some((subtree) => inside(subtree) !== null);
  return {
    kind: 'answer',
    findings: {
      sysDescr: text(SYS_DESCR),
      sysObjectID: objectId?.type === 'ObjectIdentifier' ? objectId.value : null,
      sysName: text(SYS_NAME),
      isPrinter,
      lookAfter: !isPrinter && deviceType !== null ? deviceType.oid : null,
    },
  };
}

/** hrDeviceType rows a v2c second look asks for in one GETBULK. */
export const LOOK_ROWS = 16;
/** A v1 second look has no GETBULK: one GETNEXT of this many varbinds, from the next indexes on. */
export const LOOK_ROWS_V1 = 8;

/**
 * The second look at an undecided agent: the hrDeviceType rows after `after`. v2c: one GETBULK
 * of LOOK_ROWS rows. v1: one GETNEXT from `after` and the next LOOK_ROWS_V1 − 1 indexes, which
 * reads those rows when indexes run 1, 2, 3 … as printers number them (each varbind still
 * returns the next existing row). Throws RangeError when `after` is not an OID.
 */
export function encodeLook(version: 'v1' | 'v2c', community: string, requestId: number, after: string): Uint8Array {
  const NULL = { type: 'Null', value: null } as const;
  if (version === 'v2c') {
    return encodeCommunityMessage({
      version,
      community,
      pdu: { type: 'getBulkRequest', requestId, errorStatus: 0, errorIndex: LOOK_ROWS, varbinds: [{ oid: after, value: NULL }] },
    });
  }
  const column = HR_DEVICE_TABLE.hrDeviceType;
  const index = after.slice(column.length + 1);
  const starts = isInSubtree(after, column) && /^\d{1,9}$/.test(index) ? Array.from({ length: LOOK_ROWS_V1 }, (_, i) => `${column}.${Number(index) + i}`) : [after];
  return encodeCommunityMessage({
    version,
    community,
    pdu: { type: 'getNextRequest', requestId, errorStatus: 0, errorIndex: 0, varbinds: starts.map((oid) => ({ oid, value: NULL })) },
  });
}

/** True when a reply to the second look holds an hrDeviceType row of hrDevicePrinter. Never throws. */
export function interpretLookReply(pdu: Pdu): boolean {
  if (pdu.errorStatus !== ERROR_STATUS.noError) return false;
  return pdu.varbinds.some((vb) => isInSubtree(vb.oid, HR_DEVICE_TABLE.hrDeviceType) && isPrinterType(vb));
}

function isPrinterType(vb: VarBind): boolean {
  return vb.value.type === 'ObjectIdentifier' && vb.value.value === HR_DEVICE_PRINTER_TYPE;
}
