import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { isInSubtree } from '../../../src-shared/snmp/oid';
import { compareOids } from '../../../src-shared/snmp/oid';
import { SnmpError } from './snmp-client';

/**
 * Subtree walks on top of one primitive: "the next rows after these OIDs" (a GetBulk with all
 * columns as repeaters, or a v1 GetNext). Each column stops exactly at the end of its subtree,
 * a column whose agent goes backwards fails with snmp-malformed (broken agents loop forever
 * otherwise), and the total is bounded by maxVarbinds.
 */

/** Rows after `cursors`, row by row (width = cursors.length), up to `repetitions` rows. */
export type FetchRows = (cursors: readonly string[], repetitions: number) => Promise<VarBind[]>;

export interface WalkPlan {
  columns: readonly string[];
  repetitions: number;
  maxVarbinds: number;
  /** Builds the error for a non-increasing OID (the caller knows the device). */
  malformed: (why: string) => SnmpError;
}

/**
 * Every varbind below each column, column after column, each in OID order. Rejects with the
 * fetch's SnmpError, or snmp-malformed when an agent's OIDs do not increase within a column.
 */
export async function walkColumns(fetch: FetchRows, plan: WalkPlan): Promise<VarBind[]> {
  const { columns, maxVarbinds } = plan;
  const count = columns.length;
  const cursors = columns.slice();
  const results: VarBind[][] = columns.map(() => []);
  let active: number[] = columns.map((_, i) => i);
  let repetitions = Math.max(1, Math.floor(plan.repetitions));
  let maxWidth = count;
  let total = 0;

  while (active.length > 0 && total < maxVarbinds) {
    const batch = active.slice(0, maxWidth);
    const request = batch.map((i) => cursors[i] as string);
    let rows: VarBind[];
    try {
      rows = await fetch(request, repetitions);
    } catch (error) {
      // An agent that cannot fit the reply in one datagram says tooBig: ask for fewer rows,
      // then for fewer columns — one row can be too big when every column of an empty table
      // runs on to the same long value after it (v1 GetNext has no truncation to save it).
      if (error instanceof SnmpError && error.detail?.errorStatus === 'tooBig') {
        if (repetitions > 1) {
          repetitions = Math.max(1, repetitions >> 1);
          continue;
        }
        if (batch.length > 1) {
          maxWidth = Math.max(1, batch.length >> 1);
          continue;
        }
      }
      throw error;
    }
    if (rows.length === 0) {
      // Nothing more offered for these columns: stop them rather than ask again forever.
      active = active.slice(batch.length);
      continue;
    }

    const width = batch.length;
    const finished = new Uint8Array(count);
    for (let k = 0; k < rows.length && total < maxVarbinds; k++) {
      const column = batch[k % width] as number;
      if (finished[column] === 1) continue;
      const vb = rows[k] as VarBind;
      const root = columns[column] as string;
      if (vb.value.value === null && vb.value.type !== 'Null') {
        finished[column] = 1; // endOfMibView (or noSuch* from a confused agent)
        continue;
      }
      if (!isInSubtree(vb.oid, root)) {
        finished[column] = 1;
        continue;
      }
      const cursor = cursors[column] as string;
      if (compareOids(vb.oid, cursor) <= 0) {
        throw plan.malformed(`OID ${vb.oid} does not follow ${cursor} (the agent's walk goes backwards)`);
      }
      (results[column] as VarBind[]).push(vb);
      cursors[column] = vb.oid;
      total++;
    }
    active = active.filter((i) => finished[i] === 0);
  }
  return count === 1 ? (results[0] as VarBind[]) : results.flat();
}
