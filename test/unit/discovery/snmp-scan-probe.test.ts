import { describe, expect, it } from 'vitest';
import {
  createProbeTemplate,
  FULL_MASK,
  interpretProbeReply,
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

/** A printer's answer to the full probe: the first instance of each column asked. */
const PRINTER_REPLY: VarBind[] = [
  { oid: '1.3.6.1.2.1.1.1.0', value: text('HP LaserJet 4250') },
  { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11.2.3.9.1' } },
  { oid: '1.3.6.1.2.1.1.5.0', value: text('NPI4A1C2D') },
  { oid: '1.3.6.1.2.1.43.5.1.1.1.1', value: { type: 'Counter32', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.5.1.1.1', value: { type: 'Integer', value: 3 } },
];

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

  it('asks the five OIDs in order with one GETNEXT, and only the masked ones for a follow-up', () => {
    const full = decodeCommunityMessage(writeProbe(createProbeTemplate('v2c', 'секрет'), 9_000_000));
    expect(full).toMatchObject({ version: 'v2c', community: 'секрет', pdu: { type: 'getNextRequest', requestId: 9_000_000 } });
    expect(full.pdu.varbinds.map((vb) => vb.oid)).toEqual([...PROBE_OIDS]);
    const reduced = decodeCommunityMessage(writeProbe(createProbeTemplate('v1', 'public', FULL_MASK & ~(1 << 3)), REQUEST_ID_MIN));
    expect(reduced.pdu.varbinds.map((vb) => vb.oid)).toEqual(maskOids(FULL_MASK & ~(1 << 3)));
    expect(reduced.pdu.varbinds.map((vb) => vb.oid)).not.toContain('1.3.6.1.2.1.43.5.1.1.1');
  });

  it('refuses ids that would not fit the four-byte slot, and an empty probe', () => {
    const template = createProbeTemplate('v2c', 'public');
    expect(() => writeProbe(template, REQUEST_ID_MIN - 1)).toThrow(RangeError);
    expect(() => writeProbe(template, REQUEST_ID_MAX + 1)).toThrow(RangeError);
    expect(() => createProbeTemplate('v2c', 'public', 0)).toThrow(RangeError);
  });
});

describe('probe reply interpretation', () => {
  it('reads a printer: system fields and a printer column answered inside itself', () => {
    expect(interpretProbeReply(response(PRINTER_REPLY), FULL_MASK)).toEqual({
      kind: 'answer',
      findings: { sysDescr: 'HP LaserJet 4250', sysObjectID: '1.3.6.1.4.1.11.2.3.9.1', sysName: 'NPI4A1C2D', isPrinter: true },
    });
  });

  it('counts either printer column alone', () => {
    const prtOnly = PRINTER_REPLY.map((vb, i) => (i === 4 ? { oid: '1.3.6.1.2.1.25.4.2.1.1.1', value: vb.value } : vb));
    const hrOnly = PRINTER_REPLY.map((vb, i) => (i === 3 ? { oid: '1.3.6.1.4.1.11.2.1', value: vb.value } : vb));
    expect(interpretProbeReply(response(prtOnly), FULL_MASK)).toMatchObject({ findings: { isPrinter: true } });
    expect(interpretProbeReply(response(hrOnly), FULL_MASK)).toMatchObject({ findings: { isPrinter: true } });
  });

  it('is not a printer when GETNEXT lands past both columns (the next object, or endOfMibView)', () => {
    const router = [
      ...PRINTER_REPLY.slice(0, 3),
      { oid: '1.3.6.1.4.1.9.2.1.1.0', value: text('next object') },
      { oid: '1.3.6.1.2.1.25.3.5.1.2.1', value: { type: 'OctetString' as const, value: Uint8Array.of(0) } },
    ];
    expect(interpretProbeReply(response(router), FULL_MASK)).toMatchObject({ kind: 'answer', findings: { isPrinter: false, sysName: 'NPI4A1C2D' } });
    const ended = [...PRINTER_REPLY.slice(0, 3), { oid: PROBE_OIDS[3], value: END }, { oid: PROBE_OIDS[4], value: END }];
    expect(interpretProbeReply(response(ended), FULL_MASK)).toMatchObject({ findings: { isPrinter: false } });
  });

  it('ignores system values outside their own column and values of the wrong type', () => {
    const odd = [
      { oid: '1.3.6.1.2.1.1.2.0', value: text('not my column') },
      { oid: '1.3.6.1.2.1.1.2.0', value: text('not an OID') },
      { oid: '1.3.6.1.2.1.1.5.0', value: text('') },
      { oid: PROBE_OIDS[3], value: END },
      { oid: PROBE_OIDS[4], value: END },
    ];
    expect(interpretProbeReply(response(odd), FULL_MASK)).toEqual({ kind: 'answer', findings: { sysDescr: null, sysObjectID: null, sysName: null, isPrinter: false } });
  });

  it('turns a v1 noSuchName into a follow-up without the OID it points at, counted within the mask', () => {
    const first = interpretProbeReply(response([], ERROR_STATUS.noSuchName, 5), FULL_MASK);
    expect(first).toEqual({ kind: 'retry-without', mask: FULL_MASK & ~(1 << 4) });
    // With bit 4 gone, error index 4 is still PROBE_OIDS[3].
    const second = interpretProbeReply(response([], ERROR_STATUS.noSuchName, 4), FULL_MASK & ~(1 << 4));
    expect(second).toEqual({ kind: 'retry-without', mask: 0b00111 });
    // Nothing left to drop, or an index outside the list: the agent answered, with nothing to say.
    expect(interpretProbeReply(response([], ERROR_STATUS.noSuchName, 1), 0b00001)).toMatchObject({ kind: 'answer', findings: { isPrinter: false } });
    expect(interpretProbeReply(response([], ERROR_STATUS.noSuchName, 9), FULL_MASK)).toMatchObject({ kind: 'answer', findings: { sysDescr: null } });
  });

  it('treats other error statuses as an answer without findings, and a varbind count mismatch as foreign', () => {
    expect(interpretProbeReply(response([], ERROR_STATUS.genErr, 1), FULL_MASK)).toMatchObject({ kind: 'answer', findings: { isPrinter: false } });
    expect(interpretProbeReply(response(PRINTER_REPLY.slice(0, 2)), FULL_MASK)).toEqual({ kind: 'mismatch', reason: 'reply has 2 varbinds for 5 asked' });
  });
});
