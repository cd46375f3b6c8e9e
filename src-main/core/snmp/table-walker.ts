import { isAbsent, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { compareOids, isInSubtree } from '../../../src-shared/snmp/oid';
import type { SnmpError } from './snmp-client';
import { isTooBigError } from './too-big-split';

/**
 * Subtree walks on top of one primitive: "the next rows after these OIDs" (a GetBulk with all
 * columns as repeaters, or a v1 GetNext). Each column stops exactly at the end of its subtree,
 * a column whose agent goes backwards fails with snmp-malformed (broken agents loop forever
 * otherwise), and the total is bounded by maxVarbinds.
 *
 * tooBig narrows the request (fewer rows, then fewer columns). When one column alone cannot
 * go on — the next value is too large for any reply — the walk steps over it: the columns of
 * one table share their row indexes, so the next row index another column has shown is read
 * by GET (`probe`), which marks a value no reply can carry as TooBig, and the column goes on
 * from there; when no other column has a row past it, the table has ended there. (A row that
 * only the stuck column has, before that index or after the others' last, cannot be found.)
 */

/** Rows after `cursors`, row by row (width = cursors.length), up to `repetitions` rows. */
export type FetchRows = (cursors: readonly string[], repetitions: number) => Promise<VarBind[]>;

export interface WalkPlan {
  columns: readonly string[];
  repetitions: number;
  maxVarbinds: number;
  /** Builds the error for a non-increasing OID (the caller knows the device). */
  malformed: (why: string) => SnmpError;
  /** GET of one instance OID, TooBig when its value alone does not fit a reply; without it a stuck column fails the walk. */
  probe?: (oid: string) => Promise<VarBind>;
}

/**
 * Every varbind below each column, column after column, each in OID order. Rejects with the
 * fetch's SnmpError (tooBig too, when a stuck column has nothing to step over it by), or
 * snmp-malformed when an agent's OIDs do not increase within a column.
 */
export async function walkColumns(fetch: FetchRows, plan: WalkPlan): Promise<VarBind[]> {
  const { columns, maxVarbinds } = plan;
  const count = columns.length;
  const cursors = columns.slice();
  const results: VarBind[][] = columns.map(() => []);
  let active: number[] = columns.map((_, i) => i);
  const initialRepetitions = Math.max(1, Math.floor(plan.repetitions));
  let repetitions = initialRepetitions;
  let maxWidth = count;
  let total = 0;
  /** Stuck columns put behind the others, until another column has shown a row index past them. */
  const deferred = new Set<number>();

  while (active.length > 0 && total < maxVarbinds) {
    const ready = deferred.size === 0 ? active : active.filter((i) => !deferred.has(i));
    const batch = (ready.length > 0 ? ready : active).slice(0, maxWidth);
    const request = batch.map((i) => cursors[i] as string);
    let rows: VarBind[];
    try {
      rows = await fetch(request, repetitions);
    } catch (error) {
      if (!isTooBigError(error)) throw error;
      // An agent that cannot fit the reply in one datagram says tooBig: ask for fewer rows,
      // then for fewer columns — one row can be too big when every column of an empty table
      // runs on to the same long value after it (v1 GetNext has no truncation to save it).
      if (repetitions > 1) {
        repetitions = Math.max(1, repetitions >> 1);
        continue;
      }
      if (batch.length > 1) {
        maxWidth = Math.max(1, batch.length >> 1);
        continue;
      }
      // One column, one row, still too big: its next value alone does not fit.
      const column = batch[0] as number;
      const next = plan.probe ? nextIndexShownBySiblings(columns, results, column, cursors[column] as string) : null;
      if (next !== null && plan.probe) {
        const oid = `${columns[column] as string}.${next}`;
        const vb = await plan.probe(oid);
        if (!isAbsent(vb.value)) {
          (results[column] as VarBind[]).push({ oid, value: vb.value });
          total++;
        }
        cursors[column] = oid;
        deferred.delete(column);
      } else if (plan.probe && active.some((i) => i !== column && !deferred.has(i))) {
        deferred.add(column);
      } else if (plan.probe && count > 1) {
        // Every other column has been walked to its end and none has a row past this one: the
        // table has no more rows, so what does not fit is what follows the column (its next
        // column's first value, say). The column is done.
        active = active.filter((i) => i !== column);
        deferred.delete(column);
      } else {
        throw error;
      }
      // Back to full requests: the value that did not fit is behind us (or waits behind the others).
      repetitions = initialRepetitions;
      maxWidth = count;
      continue;
    }
    if (rows.length === 0) {
      // Nothing more offered for these columns: stop them rather than ask again forever.
      active = active.filter((i) => !batch.includes(i));
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

/**
 * The smallest row index past `cursor` that another column of the table has returned (columns
 * of one table share their indexes), or null when none has.
 */
function nextIndexShownBySiblings(columns: readonly string[], results: readonly VarBind[][], column: number, cursor: string): string | null {
  const root = columns[column] as string;
  const after = cursor === root ? null : cursor.slice(root.length + 1);
  let best: string | null = null;
  columns.forEach((sibling, j) => {
    if (j === column) return;
    for (const vb of results[j] as VarBind[]) {
      const index = vb.oid.slice(sibling.length + 1);
      if (after !== null && compareOids(index, after) <= 0) continue;
      if (best === null || compareOids(index, best) < 0) best = index;
      break; // a column's rows are in order: the first one past the cursor is its smallest
    }
  });
  return best;
}
