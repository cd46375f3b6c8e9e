import { describe, expect, it } from 'vitest';
import {
  createProbeTemplate,
  encodeLook,
  EVIDENCE_MASK,
  FULL_MASK,
  interpretLookReply,
  interpretProbeReply,
  LOOK_ROWS,
  LOOK_ROWS_V1,
  maskOids,
  PROBE_OIDS,
  REQUEST_ID_MAX,
  REQUEST_ID_MIN,
  writeProbe,
} from '../../../src-main/core/discovery/snmp-scan/probe-codec';
import { decodeCommunityMessage, encodeCommunityMessage, ERROR_STATUS, type Pdu } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new TextEncoder().encode(s) });
const END: SnmpValue = { type: 'EndOfMibView', value: null };
const NULL: SnmpValue = { type: 'Null', value: null };

function response(varbinds: VarBind[], errorStatus = 0, errorIndex = 0): Pdu {
  return { type: 'response', requestId: REQUEST_ID_MIN, errorStatus, errorIndex, varbinds };
}

const OID = (value: string): SnmpValue => ({ type: 'ObjectIdentifier', value });
const PRINTER_TYPE = OID('1.3.6.1.2.1.25.3.1.5');
const PROCESSOR_TYPE = OID('1.3.6.1.2.1.25.3.1.3');

/** A printer's answer to the full probe: the first object of each subtree or column asked. */
const PRINTER_REPLY: VarBind[] = [
  { oid: '1.3.6.1.2.1.1.1.0', value: text('HP LaserJet 4250') },
  { oid: '1.3.6.1.2.1.1.2.0', value: OID('1.3.6.1.4.1.11.2.3.9.1') },
  { oid: '1.3.6.1.2.1.1.5.0', value: text('NPI4A1C2D') },
  { oid: '1.3.6.1.2.1.43.5.1.1.1.1', value: { type: 'Counter32', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.5.1.1.1', value: { type: 'Integer', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: PRINTER_TYPE },
];

/** The same agent with its printer evidence replaced: [Printer-MIB, hrPrinterTable, hrDeviceType] answers. */
function withEvidence(prt: VarBind, hrPrinter: VarBind, deviceType: VarBind): VarBind[] {
  return [...PRINTER_REPLY.slice(0, 3), prt, hrPrinter, deviceType];
}
/** Where GETNEXT lands for an agent without the object asked: whatever comes next in its MIB. */
const PAST_PRT: VarBind = { oid: '1.3.6.1.4.1.9.2.1.1.0', value: text('next object') };
const PAST_HR_PRINTER: VarBind = { oid: '1.3.6.1.2.1.25.4.2.1.1.1', value: { type: 'Integer', value: 1 } };
const PAST_DEVICES: VarBind = { oid: '1.3.6.1.2.1.25.3.3.1.2.196608', value: { type: 'Integer', value: 5 } };

describe('probe encoding', () => {
  it.each([REQUEST_ID_MIN, REQUEST_ID_MIN + 1, 0x12345678, REQUEST_ID_MAX])('patches request id %d into bytes identical to a fresh encoding', (id) => {
    for (const version of ['v1', 'v2c'] as const) {
      const template = createProbeTemplate(version, 'public');
      const expected = encodeCommunityMessage({
        version,
        community: 'public',
        pdu: { type: 'getNextRequest', requestId: id, errorStatus: 0, errorIndex: 0, varbinds: PROBE_OIDS.map((oid) => ({ oid, value: NULL })) },
      });
      expect(Buffer.from(writeProbe(template, id)).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    }
  });

  it('asks the six OIDs in order with one GETNEXT, and only the masked ones for a follow-up', () => {
    const full = decodeCommunityMessage(writeProbe(createProbeTemplate('v2c', 'секрет'), 9_000_000));
    expect(full).toMatchObject({ version: 'v2c', community: 'секрет', pdu: { type: 'getNextRequest', requestId: 9_000_000 } });
    expect(full.pdu.varbinds.map((vb) => vb.oid)).toEqual([...PROBE_OIDS]);
    const reduced = decodeCommunityMessage(writeProbe(createProbeTemplate('v1', 'public', FULL_MASK & ~(1 << 3)), REQUEST_ID_MIN));
    expect(reduced.pdu.varbinds.map((vb) => vb.oid)).toEqual(maskOids(FULL_MASK & ~(1 << 3)));
    expect(reduced.pdu.varbinds.map((vb) => vb.oid)).not.toContain('1.3.6.1.2.1.43');
  });

  it('refuses ids that would not fit the four-byte slot, and an empty probe', () => {
    const template = createProbeTemplate('v2c', 'public');
    expect(() => writeProbe(template, REQUEST_ID_MIN - 1)).toThrow(RangeError);
    expect(() => writeProbe(template, REQUEST_ID_MAX + 1)).toThrow(RangeError);
    expect(() => createProbeTemplate('v2c', 'public', 0)).toThrow(RangeError);
  });
});

describe('probe reply interpretation', () => {
  it('reads a printer: system fields and printer evidence answered inside its subtree', () => {
    expect(interpretProbeReply(response(PRINTER_REPLY), FULL_MASK)).toEqual({
      kind: 'answer',
      findings: { sysDescr: 'HP LaserJet 4250', sysObjectID: '1.3.6.1.4.1.11.2.3.9.1', sysName: 'NPI4A1C2D', isPrinter: true, lookAfter: null },
    });
  });

  it('counts any Printer-MIB object, any hrPrinterTable row, or a first hrDeviceTable row of type hrDevicePrinter, each alone', () => {
    // A recording trimmed to what a monitor reads: supplies only, no prtGeneralTable.
    const suppliesOnly = withEvidence({ oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: { type: 'Integer', value: 40 } }, PAST_HR_PRINTER, PAST_DEVICES);
    const errorStateOnly = withEvidence(PAST_PRT, { oid: '1.3.6.1.2.1.25.3.5.1.2.1', value: { type: 'OctetString', value: Uint8Array.of(0) } }, PAST_DEVICES);
    const deviceRowOnly = withEvidence(PAST_PRT, PAST_HR_PRINTER, { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: PRINTER_TYPE });
    for (const reply of [suppliesOnly, errorStateOnly, deviceRowOnly]) {
      expect(interpretProbeReply(response(reply), FULL_MASK)).toMatchObject({ kind: 'answer', findings: { isPrinter: true, lookAfter: null } });
    }
  });

  it('is not a printer when GETNEXT lands past every printer subtree (the next object, or endOfMibView)', () => {
    expect(interpretProbeReply(response(withEvidence(PAST_PRT, PAST_HR_PRINTER, PAST_DEVICES)), FULL_MASK)).toMatchObject({
      kind: 'answer',
      findings: { isPrinter: false, sysName: 'NPI4A1C2D', lookAfter: null },
    });
    const ended = withEvidence({ oid: PROBE_OIDS[3], value: END }, { oid: PROBE_OIDS[4], value: END }, { oid: PROBE_OIDS[5], value: END });
    expect(interpretProbeReply(response(ended), FULL_MASK)).toMatchObject({ findings: { isPrinter: false, lookAfter: null } });
  });

  it('leaves an agent whose first hrDeviceTable row is another device undecided, to look at its next rows', () => {
    const processorFirst = withEvidence(PAST_PRT, PAST_HR_PRINTER, { oid: '1.3.6.1.2.1.25.3.2.1.2.196608', value: PROCESSOR_TYPE });
    expect(interpretProbeReply(response(processorFirst), FULL_MASK)).toMatchObject({
      kind: 'answer',
      findings: { isPrinter: false, lookAfter: '1.3.6.1.2.1.25.3.2.1.2.196608' },
    });
  });

  it('ignores system values outside their own column and values of the wrong type', () => {
    const odd = [
      { oid: '1.3.6.1.2.1.1.2.0', value: text('not my column') },
      { oid: '1.3.6.1.2.1.1.2.0', value: text('not an OID') },
      { oid: '1.3.6.1.2.1.1.5.0', value: text('') },
      { oid: PROBE_OIDS[3], value: END },
      { oid: PROBE_OIDS[4], value: END },
      // In the column, but not an OID: neither a printer nor a row to look past.
      { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: text('printer') },
    ];
    expect(interpretProbeReply(response(odd), FULL_MASK)).toEqual({
      kind: 'answer',
      findings: { sysDescr: null, sysObjectID: null, sysName: null, isPrinter: false, lookAfter: '1.3.6.1.2.1.25.3.2.1.2.1' },
    });
  });

  it('turns an error pointing at one OID (v1 noSuchName, genErr) into a follow-up without it, counted within the mask', () => {
    const first = interpretProbeReply(response([], ERROR_STATUS.noSuchName, 6), FULL_MASK);
    expect(first).toEqual({ kind: 'retry-without', mask: FULL_MASK & ~(1 << 5) });
    // With bit 5 gone, error index 5 is still PROBE_OIDS[4].
    const second = interpretProbeReply(response([], ERROR_STATUS.noSuchName, 5), FULL_MASK & ~(1 << 5));
    expect(second).toEqual({ kind: 'retry-without', mask: 0b001111 });
    expect(interpretProbeReply(response([], ERROR_STATUS.genErr, 4), FULL_MASK)).toEqual({ kind: 'retry-without', mask: FULL_MASK & ~(1 << 3) });
    // Nothing left to drop: the agent answered, with nothing to say.
    expect(interpretProbeReply(response([], ERROR_STATUS.noSuchName, 1), 0b000001)).toMatchObject({ kind: 'answer', findings: { isPrinter: false } });
  });

  it('asks only the printer OIDs of an agent that refused the whole probe (tooBig, or an index outside the list)', () => {
    expect(interpretProbeReply(response([], ERROR_STATUS.tooBig, 0), FULL_MASK)).toEqual({ kind: 'retry-without', mask: EVIDENCE_MASK });
    expect(interpretProbeReply(response([], ERROR_STATUS.noSuchName, 9), FULL_MASK)).toEqual({ kind: 'retry-without', mask: EVIDENCE_MASK });
    expect(maskOids(EVIDENCE_MASK)).toEqual(['1.3.6.1.2.1.43', '1.3.6.1.2.1.25.3.5', '1.3.6.1.2.1.25.3.2.1.2']);
    // Refused again with only those: an SNMP agent answered, and it is not shown to be a printer.
    expect(interpretProbeReply(response([], ERROR_STATUS.tooBig, 0), EVIDENCE_MASK)).toMatchObject({ kind: 'answer', findings: { isPrinter: false, lookAfter: null } });
  });

  it('treats a varbind count mismatch as foreign', () => {
    expect(interpretProbeReply(response(PRINTER_REPLY.slice(0, 2)), FULL_MASK)).toEqual({ kind: 'mismatch', reason: 'reply has 2 varbinds for 6 asked' });
  });
});

describe('the second look', () => {
  const after = '1.3.6.1.2.1.25.3.2.1.2.1';

  it('is one GETBULK of the next hrDeviceType rows in v2c', () => {
    const message = decodeCommunityMessage(encodeLook('v2c', 'public', 12_345_678, after));
    expect(message.pdu).toEqual({ type: 'getBulkRequest', requestId: 12_345_678, errorStatus: 0, errorIndex: LOOK_ROWS, varbinds: [{ oid: after, value: NULL }] });
  });

  it('is one GETNEXT from this and the next indexes in v1, which has no GETBULK', () => {
    const message = decodeCommunityMessage(encodeLook('v1', 'public', 12_345_678, after));
    expect(message.pdu.type).toBe('getNextRequest');
    expect(message.pdu.varbinds.map((vb) => vb.oid)).toEqual(Array.from({ length: LOOK_ROWS_V1 }, (_, i) => `1.3.6.1.2.1.25.3.2.1.2.${i + 1}`));
  });

  it('finds a printer row among the rows it reads, and nothing in an error or in rows past the column', () => {
    const rows = (types: SnmpValue[]): Pdu => response(types.map((value, i) => ({ oid: `1.3.6.1.2.1.25.3.2.1.2.${i + 2}`, value })));
    expect(interpretLookReply(rows([PROCESSOR_TYPE, PRINTER_TYPE]))).toBe(true);
    expect(interpretLookReply(rows([PROCESSOR_TYPE, PROCESSOR_TYPE]))).toBe(false);
    expect(interpretLookReply(response([{ oid: '1.3.6.1.2.1.25.3.2.1.3.1', value: PRINTER_TYPE }]))).toBe(false);
    expect(interpretLookReply(response([], ERROR_STATUS.noSuchName, 1))).toBe(false);
  });
});
