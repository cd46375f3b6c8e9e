import { describe, expect, it } from 'vitest';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from '../../../src-main/core/snmp/snmp-client';
import { getBulkEmulated, getNextRepaired, getRepaired, type SendPdu } from '../../../src-main/core/snmp/v1-emulation';

const int = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Integer', value } });
const noSuchName = (index?: number) => new SnmpError('snmp-error-status', 'noSuchName', index ? { errorStatus: 'noSuchName', errorIndex: index } : { errorStatus: 'noSuchName' });

/** A v1 agent: any unknown OID fails the whole PDU with noSuchName at its index. */
function v1Agent(values: Record<string, number>, withIndex = true): { get: SendPdu; next: SendPdu; pdus: string[][] } {
  const pdus: string[][] = [];
  const sorted = Object.keys(values).sort((a, b) => (a < b ? -1 : 1));
  const get: SendPdu = async (oids) => {
    pdus.push([...oids]);
    const missing = oids.findIndex((o) => values[o] === undefined);
    if (missing >= 0) throw noSuchName(withIndex ? missing + 1 : undefined);
    return oids.map((o) => int(o, values[o] as number));
  };
  const next: SendPdu = async (oids) => {
    pdus.push([...oids]);
    const out: VarBind[] = [];
    for (const [i, o] of oids.entries()) {
      const after = sorted.find((k) => k > o);
      if (!after) throw noSuchName(withIndex ? i + 1 : undefined);
      out.push(int(after, values[after] as number));
    }
    return out;
  };
  return { get, next, pdus };
}

describe('SNMPv1 emulation', () => {
  it('maps a noSuchName GET to NoSuchObject for that OID only', async () => {
    const a = v1Agent({ '1.1': 1, '1.3': 3 });
    const result = await getRepaired(a.get, ['1.1', '1.2', '1.3']);
    expect(result).toEqual([int('1.1', 1), { oid: '1.2', value: { type: 'NoSuchObject', value: null } }, int('1.3', 3)]);
    expect(a.pdus).toEqual([['1.1', '1.2', '1.3'], ['1.1', '1.3']]);
  });

  it('asks OID by OID when the agent does not say which one is missing', async () => {
    const a = v1Agent({ '1.1': 1, '1.3': 3 }, false);
    const result = await getRepaired(a.get, ['1.1', '1.2', '1.3']);
    expect(result.map((r) => r.value.type)).toEqual(['Integer', 'NoSuchObject', 'Integer']);
  });

  it('maps the end of the MIB in GETNEXT to EndOfMibView', async () => {
    const a = v1Agent({ '1.1': 1, '1.3': 3 });
    const result = await getNextRepaired(a.next, ['1.1', '1.3']);
    expect(result).toEqual([int('1.3', 3), { oid: '1.3', value: { type: 'EndOfMibView', value: null } }]);
  });

  it('settles every GETNEXT at or after an OID that ran off the end in the same round trip', async () => {
    const a = v1Agent({ '1.1': 1, '1.3': 3 });
    // Columns walked together near the end of the MIB: 1.5 and 1.7 are past the end like 1.4.
    const result = await getNextRepaired(a.next, ['1.4', '1.1', '1.7', '1.5']);
    expect(result.map((r) => r.value.type)).toEqual(['EndOfMibView', 'Integer', 'EndOfMibView', 'EndOfMibView']);
    expect(a.pdus).toEqual([['1.4', '1.1', '1.7', '1.5'], ['1.1']]);
  });

  it('emulates GetBulk in its order: non-repeaters, then rows of the repeaters', async () => {
    const a = v1Agent({ '1.1.0': 9, '2.1': 21, '2.2': 22, '3.1': 31, '3.2': 32, '3.3': 33 });
    const result = await getBulkEmulated(a.next, ['1.1', '2', '3'], 1, 3);
    expect(result.map((r) => `${r.oid}=${r.value.value}`)).toEqual([
      '1.1.0=9',
      '2.1=21', '3.1=31',
      '2.2=22', '3.2=32',
      '3.1=31', '3.3=33',
    ]);
  });

  it('repeats EndOfMibView for a column past the end and stops when all have ended', async () => {
    const a = v1Agent({ '2.1': 21 });
    const result = await getBulkEmulated(a.next, ['2'], 0, 5);
    expect(result.map((r) => r.value.type)).toEqual(['Integer', 'EndOfMibView']);
  });

  it('passes other errors through', async () => {
    const failing: SendPdu = () => Promise.reject(new SnmpError('snmp-timeout', 'no reply'));
    await expect(getRepaired(failing, ['1.1'])).rejects.toMatchObject({ code: 'snmp-timeout' });
  });
});
