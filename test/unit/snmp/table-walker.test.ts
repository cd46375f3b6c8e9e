import { describe, expect, it } from 'vitest';
import { TOO_BIG_VALUE, type SnmpValue, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from '../../../src-main/core/snmp/snmp-client';
import { walkColumns, type FetchRows } from '../../../src-main/core/snmp/table-walker';

const END: SnmpValue = { type: 'EndOfMibView', value: null };
const int = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Integer', value } });

/** A v2c agent over a sorted list of varbinds: GetBulk with all cursors as repeaters. */
function agent(mib: VarBind[]): { fetch: FetchRows; requests: Array<{ cursors: string[]; repetitions: number }> } {
  const requests: Array<{ cursors: string[]; repetitions: number }> = [];
  const next = (oid: string): VarBind => mib.find((vb) => compare(vb.oid, oid) > 0) ?? { oid, value: END };
  const fetch: FetchRows = async (cursors, repetitions) => {
    requests.push({ cursors: [...cursors], repetitions });
    const rows: VarBind[] = [];
    let current = [...cursors];
    for (let r = 0; r < repetitions; r++) {
      current = current.map((c) => {
        const vb = next(c);
        rows.push(vb);
        return vb.oid;
      });
    }
    return rows;
  };
  return { fetch, requests };
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return pa.length - pb.length;
}

const malformed = (why: string) => new SnmpError('snmp-malformed', why);
const MIB = [
  int('1.3.6.1.2.1.43.11.1.1.8.1.1', 100),
  int('1.3.6.1.2.1.43.11.1.1.8.1.2', 200),
  int('1.3.6.1.2.1.43.11.1.1.8.1.3', 300),
  int('1.3.6.1.2.1.43.11.1.1.9.1.1', 10),
  int('1.3.6.1.2.1.43.11.1.1.9.1.2', 20),
  int('1.3.6.1.2.1.43.11.1.1.9.1.3', 30),
  int('1.3.6.1.2.1.43.12.1.1.1.1.1', 7),
];

describe('walkColumns', () => {
  it('stops exactly at the end of the subtree, even when the reply runs past it', async () => {
    const { fetch } = agent(MIB);
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.2.1.43.11.1.1.9'], repetitions: 10, maxVarbinds: 1000, malformed });
    expect(rows.map((r) => r.oid)).toEqual(['1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.43.11.1.1.9.1.2', '1.3.6.1.2.1.43.11.1.1.9.1.3']);
  });

  it('walks several columns in one request per round and returns them column after column', async () => {
    const { fetch, requests } = agent(MIB);
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.2.1.43.11.1.1.8', '1.3.6.1.2.1.43.11.1.1.9'], repetitions: 2, maxVarbinds: 1000, malformed });
    expect(rows.map((r) => r.value.value)).toEqual([100, 200, 300, 10, 20, 30]);
    expect(requests.map((r) => r.cursors.length)).toEqual([2, 2]);
  });

  it('stops each column at its own end while the others continue', async () => {
    const mib = [int('1.3.6.1.4.1.9.1.1', 1), int('1.3.6.1.4.1.9.2.1', 2), int('1.3.6.1.4.1.9.2.2', 3), int('1.3.6.1.4.1.9.2.3', 4)];
    const { fetch, requests } = agent(mib);
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.4.1.9.1', '1.3.6.1.4.1.9.2'], repetitions: 1, maxVarbinds: 100, malformed });
    expect(rows.map((r) => r.value.value)).toEqual([1, 2, 3, 4]);
    expect(requests.map((r) => r.cursors.length)).toEqual([2, 2, 1, 1]);
  });

  it('ends at endOfMibView', async () => {
    const { fetch } = agent(MIB);
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.2.1.43.12'], repetitions: 5, maxVarbinds: 100, malformed });
    expect(rows).toEqual([int('1.3.6.1.2.1.43.12.1.1.1.1.1', 7)]);
  });

  it('fails with snmp-malformed when an agent returns an OID that does not increase', async () => {
    const looping: FetchRows = async (cursors) => cursors.map(() => int('1.3.6.1.2.1.43.11.1.1.9.1.1', 1));
    await expect(walkColumns(looping, { columns: ['1.3.6.1.2.1.43.11.1.1.9'], repetitions: 1, maxVarbinds: 100, malformed }))
      .rejects.toMatchObject({ code: 'snmp-malformed' });
  });

  it('stops after maxVarbinds from an endless agent', async () => {
    let n = 0;
    const endless: FetchRows = async (_cursors, repetitions) => Array.from({ length: repetitions }, () => int(`1.3.6.1.4.1.1.${++n}`, n));
    const rows = await walkColumns(endless, { columns: ['1.3.6.1.4.1.1'], repetitions: 7, maxVarbinds: 50, malformed });
    expect(rows).toHaveLength(50);
  });

  it('asks for fewer rows when the agent answers tooBig', async () => {
    const { fetch: inner } = agent(MIB);
    const seen: number[] = [];
    const fetch: FetchRows = (cursors, repetitions) => {
      seen.push(repetitions);
      if (repetitions > 2) return Promise.reject(new SnmpError('snmp-error-status', 'tooBig', { errorStatus: 'tooBig' }));
      return inner(cursors, repetitions);
    };
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.2.1.43.11.1.1.8'], repetitions: 8, maxVarbinds: 100, malformed });
    expect(rows).toHaveLength(3);
    expect(seen.slice(0, 3)).toEqual([8, 4, 2]);
  });

  it('asks for fewer columns when even one row is tooBig (v1 GetNext past an empty table)', async () => {
    const { fetch: inner } = agent(MIB);
    const widths: number[] = [];
    const fetch: FetchRows = (cursors, repetitions) => {
      widths.push(cursors.length);
      if (cursors.length > 1) return Promise.reject(new SnmpError('snmp-error-status', 'tooBig', { errorStatus: 'tooBig' }));
      return inner(cursors, repetitions);
    };
    const rows = await walkColumns(fetch, { columns: ['1.3.6.1.2.1.43.11.1.1.8', '1.3.6.1.2.1.43.11.1.1.9'], repetitions: 1, maxVarbinds: 100, malformed });
    expect(rows.map((r) => r.value.value)).toEqual([100, 200, 300, 10, 20, 30]);
    expect(widths).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('passes other errors through', async () => {
    const failing: FetchRows = () => Promise.reject(new SnmpError('snmp-timeout', 'no reply'));
    await expect(walkColumns(failing, { columns: ['1.3.6'], repetitions: 1, maxVarbinds: 10, malformed })).rejects.toMatchObject({ code: 'snmp-timeout' });
  });

  describe('a value too large for any reply', () => {
    const TOO_BIG = () => new SnmpError('snmp-error-status', 'tooBig', { errorStatus: 'tooBig' });
    const text = (oid: string, length: number): VarBind => ({ oid, value: { type: 'OctetString', value: new Uint8Array(length).fill(65) } });
    const D = '1.3.6.1.2.1.43.11.1.1.6'; // description
    const L = '1.3.6.1.2.1.43.11.1.1.9'; // level
    const U = '1.3.6.1.2.1.43.11.1.1.7'; // unit

    /**
     * An agent whose replies hold at most `room` bytes: GetBulk is truncated to what fits
     * (tooBig when not even the first varbind does), GET of a value that does not fit is tooBig.
     */
    function smallAgent(mib: VarBind[], room = 100) {
      const { fetch: inner } = agent(mib);
      const size = (vb: VarBind): number => (vb.value.value instanceof Uint8Array ? vb.value.value.length : 4);
      const requests: string[] = [];
      const fetch: FetchRows = async (cursors, repetitions) => {
        requests.push(`bulk ${cursors.length}×${repetitions}`);
        const rows = await inner(cursors, repetitions);
        const fitting: VarBind[] = [];
        let used = 0;
        for (const vb of rows) {
          if (used + size(vb) > room) break;
          used += size(vb);
          fitting.push(vb);
        }
        if (fitting.length === 0 && rows.length > 0) throw TOO_BIG();
        return fitting;
      };
      const probe = async (oid: string): Promise<VarBind> => {
        requests.push(`get ${oid}`);
        const found = mib.find((vb) => vb.oid === oid);
        if (!found) return { oid, value: { type: 'NoSuchInstance', value: null } };
        return size(found) > room ? { oid, value: TOO_BIG_VALUE } : found;
      };
      return { fetch, probe, requests };
    }

    const table = (huge: string): VarBind[] =>
      [1, 2, 3].flatMap((row) => [text(`${D}.1.${row}`, `${D}.1.${row}` === huge ? 10_000 : 10), int(`${U}.1.${row}`, 15), int(`${L}.1.${row}`, row * 10)]).sort((a, b) => compare(a.oid, b.oid));

    it('steps over it by the row index the other columns show, marks it TooBig, and reads every other value', async () => {
      const huge = `${D}.1.2`;
      const { fetch, probe, requests } = smallAgent(table(huge));
      const rows = await walkColumns(fetch, { columns: [D, U, L], repetitions: 10, maxVarbinds: 100, malformed, probe });
      expect(rows.map((r) => `${r.oid}=${r.value.type}`)).toEqual([
        `${D}.1.1=OctetString`, `${D}.1.2=TooBig`, `${D}.1.3=OctetString`,
        `${U}.1.1=Integer`, `${U}.1.2=Integer`, `${U}.1.3=Integer`,
        `${L}.1.1=Integer`, `${L}.1.2=Integer`, `${L}.1.3=Integer`,
      ]);
      expect(requests.filter((r) => r.startsWith('get')), 'one GET for the value that does not fit').toEqual([`get ${huge}`]);
      expect(requests.length, `bounded: ${requests.join(', ')}`).toBeLessThan(20);
    });

    it('lets the other columns go first when the very first value does not fit', async () => {
      const huge = `${D}.1.1`;
      const { fetch, probe } = smallAgent(table(huge));
      const rows = await walkColumns(fetch, { columns: [D, U, L], repetitions: 10, maxVarbinds: 100, malformed, probe });
      expect(rows.filter((r) => r.oid.startsWith(`${D}.`)).map((r) => `${r.oid}=${r.value.type}`)).toEqual([`${D}.1.1=TooBig`, `${D}.1.2=OctetString`, `${D}.1.3=OctetString`]);
      expect(rows).toHaveLength(9);
    });

    it('ends a column whose next value, past its last row, is the one that does not fit (the next column of the table)', async () => {
      const mib = [int(`${U}.1.1`, 15), int(`${U}.1.2`, 15), text('1.3.6.1.2.1.43.11.1.1.8.1.1', 10_000), int(`${L}.1.1`, 10), int(`${L}.1.2`, 20)];
      const { fetch, probe } = smallAgent(mib);
      const rows = await walkColumns(fetch, { columns: [U, L], repetitions: 10, maxVarbinds: 100, malformed, probe });
      expect(rows.map((r) => r.value.value)).toEqual([15, 15, 10, 20]);
    });

    it('fails with tooBig when a column on its own cannot go on (nothing shows where its next row is)', async () => {
      const { fetch, probe } = smallAgent(table(`${D}.1.2`));
      await expect(walkColumns(fetch, { columns: [D], repetitions: 10, maxVarbinds: 100, malformed, probe })).rejects.toMatchObject({ detail: { errorStatus: 'tooBig' } });
      await expect(walkColumns(fetch, { columns: [D, U, L], repetitions: 10, maxVarbinds: 100, malformed }), 'without a probe').rejects.toMatchObject({ detail: { errorStatus: 'tooBig' } });
    });
  });
});
