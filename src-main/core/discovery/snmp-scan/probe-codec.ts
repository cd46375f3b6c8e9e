import { BER_TAG, BerReader } from '../../../../src-shared/snmp/ber/ber-primitives';
import { encodeCommunityMessage, ERROR_STATUS, type Pdu } from '../../../../src-shared/snmp/ber/snmp-pdu-codec';
import { isInSubtree } from '../../../../src-shared/snmp/oid';
import { snmpText } from '../../../../src-shared/snmp/snmp-text';
import type { VarBind } from '../../../../src-shared/snmp/snmp-value';

/**
 * The discovery probe: one GETNEXT (the same in v1 and v2c) of three system columns and two
 * printer columns. A GETNEXT of a column returns its first instance when the column exists, so
 * one round trip tells "SNMP agent" from "printer" without knowing instance numbers.
 */

/** Probe OIDs in wire order (the order of `ProbeMask` bits). */
export const PROBE_OIDS = [
  '1.3.6.1.2.1.1.1', // sysDescr
  '1.3.6.1.2.1.1.2', // sysObjectID
  '1.3.6.1.2.1.1.5', // sysName
  '1.3.6.1.2.1.43.5.1.1.1', // prtGeneralConfigChanges column (Printer-MIB)
  '1.3.6.1.2.1.25.3.5.1.1', // hrPrinterStatus column (HOST-RESOURCES hrPrinterTable)
] as const;

const SYS_DESCR = 0;
const SYS_OBJECT_ID = 1;
const SYS_NAME = 2;
const PRINTER_COLUMNS = [3, 4] as const;

/** Bit i set: PROBE_OIDS[i] is asked. v1 follow-ups clear the bit a noSuchName pointed at. */
export type ProbeMask = number;
export const FULL_MASK: ProbeMask = (1 << PROBE_OIDS.length) - 1;

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
}

export type ProbeOutcome =
  /** The agent answered; fields it did not give are null. */
  | { kind: 'answer'; findings: ProbeFindings }
  /** v1 noSuchName for one asked OID (the agent's MIB ends before it): ask again without it. */
  | { kind: 'retry-without'; mask: ProbeMask }
  /** The reply does not fit the probe it claims to answer. */
  | { kind: 'mismatch'; reason: string };

const NO_FINDINGS: ProbeFindings = { sysDescr: null, sysObjectID: null, sysName: null, isPrinter: false };

/**
 * Reads a Response to a probe sent with `mask`. Varbinds are matched by position, and a value
 * counts only when its OID lies inside the column asked (GETNEXT past the column's end lands in
 * whatever object follows). Never throws.
 */
export function interpretProbeReply(pdu: Pdu, mask: ProbeMask): ProbeOutcome {
  const asked = PROBE_OIDS.flatMap((_, i) => ((mask & (1 << i)) !== 0 ? [i] : []));
  if (pdu.errorStatus === ERROR_STATUS.noSuchName) {
    const failed = asked[pdu.errorIndex - 1];
    if (failed === undefined) return { kind: 'answer', findings: NO_FINDINGS };
    const rest = mask & ~(1 << failed);
    return rest === 0 ? { kind: 'answer', findings: NO_FINDINGS } : { kind: 'retry-without', mask: rest };
  }
  // tooBig, genErr …: an SNMP agent answered, but said nothing about itself.
  if (pdu.errorStatus !== ERROR_STATUS.noError) return { kind: 'answer', findings: NO_FINDINGS };
  if (pdu.varbinds.length !== asked.length) {
    return { kind: 'mismatch', reason: `reply has ${pdu.varbinds.length} varbinds for ${asked.length} asked` };
  }
  const byProbe = new Map<number, VarBind>();
  asked.forEach((probeIndex, i) => byProbe.set(probeIndex, pdu.varbinds[i] as VarBind));
  const inColumn = (probeIndex: number): VarBind | null => {
    const vb = byProbe.get(probeIndex);
    if (!vb || vb.value.value === null) return null;
    return isInSubtree(vb.oid, PROBE_OIDS[probeIndex] as string) ? vb : null;
  };
  const text = (probeIndex: number): string | null => snmpText(inColumn(probeIndex)?.value, { unhexDigits: true });
  const objectId = inColumn(SYS_OBJECT_ID)?.value;
  return {
    kind: 'answer',
    findings: {
      sysDescr: text(SYS_DESCR),
      sysObjectID: objectId?.type === 'ObjectIdentifier' ? objectId.value : null,
      sysName: text(SYS_NAME),
      isPrinter: PRINTER_COLUMNS.some((column) => inColumn(column) !== null),
    },
  };
}
