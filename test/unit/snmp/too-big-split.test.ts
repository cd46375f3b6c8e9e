import { describe, expect, it } from 'vitest';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from '../../../src-main/core/snmp/snmp-client';
import { getSplittingTooBig, type GetPdu } from '../../../src-main/core/snmp/too-big-split';

const int = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Integer', value } });

/** An agent that answers tooBig for any GET that includes `huge`, or asks for more than `room` OIDs. */
function agent(huge: ReadonlySet<string>, room = Infinity): { get: GetPdu; requests: string[][] } {
  const requests: string[][] = [];
  const get: GetPdu = async (oids) => {
    requests.push([...oids]);
    if (oids.length > room || oids.some((oid) => huge.has(oid))) throw new SnmpError('snmp-error-status', 'tooBig', { errorStatus: 'tooBig' });
    return oids.map((oid, i) => int(oid, i));
  };
  return { get, requests };
}

const OIDS = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.5.0'];

describe('GET that splits on tooBig', () => {
  it('asks for halves until the values fit, and returns them in the order asked', async () => {
    const { get, requests } = agent(new Set(), 2);
    const values = await getSplittingTooBig(get, OIDS);
    expect(values.map((vb) => vb.oid)).toEqual(OIDS);
    expect(requests.map((r) => r.length)).toEqual([5, 3, 2, 1, 2]);
  });

  it('marks a value that is tooBig on its own TooBig and reads every other one', async () => {
    const huge = OIDS[3] as string;
    const { get, requests } = agent(new Set([huge]));
    const values = await getSplittingTooBig(get, OIDS);
    expect(values.map((vb) => vb.value.type)).toEqual(['Integer', 'Integer', 'Integer', 'TooBig', 'Integer']);
    expect(values[3]).toEqual({ oid: huge, value: { type: 'TooBig', value: null } });
    expect(requests.length, 'at most 2n − 1 requests').toBeLessThanOrEqual(2 * OIDS.length - 1);
  });

  it('passes other errors through', async () => {
    const failing: GetPdu = () => Promise.reject(new SnmpError('snmp-timeout', 'no reply'));
    await expect(getSplittingTooBig(failing, OIDS)).rejects.toMatchObject({ code: 'snmp-timeout' });
  });
});
