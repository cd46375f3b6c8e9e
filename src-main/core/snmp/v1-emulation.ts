import { compareOids } from '../../../src-shared/snmp/oid';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from './snmp-client';
import { END_OF_MIB_VIEW_VALUE, NO_SUCH_OBJECT_VALUE } from './varbind-conversion';

/**
 * SNMPv1 has no per-varbind exceptions and no GetBulk: one missing OID fails the whole PDU
 * with noSuchName and the index of the culprit. These helpers give v1 the v2c results
 * (NoSuchObject / EndOfMibView per varbind, GetBulk as repeated GetNext), at the price of
 * extra round trips, each bounded by the number of OIDs.
 */

/** One PDU (GET or GETNEXT) to the device; rejects with SnmpError. */
export type SendPdu = (oids: readonly string[]) => Promise<VarBind[]>;

/** GET where each missing OID comes back as NoSuchObject; rejects with other SnmpErrors. */
export function getRepaired(send: SendPdu, oids: readonly string[]): Promise<VarBind[]> {
  return repaired(send, oids, (oid) => ({ oid, value: NO_SUCH_OBJECT_VALUE }));
}

/** GETNEXT where each OID past the end of the MIB comes back as EndOfMibView; rejects with other SnmpErrors. */
export function getNextRepaired(send: SendPdu, oids: readonly string[]): Promise<VarBind[]> {
  return repaired(send, oids, (oid) => ({ oid, value: END_OF_MIB_VIEW_VALUE }), true);
}

/**
 * GetBulk from GetNexts, in GetBulk's order: non-repeaters, then `maxRepetitions` rows of
 * the repeaters (a column past its end repeats EndOfMibView, as a v2c agent answers).
 * Stops early once every column has ended. Rejects with SnmpError.
 */
export async function getBulkEmulated(send: SendPdu, oids: readonly string[], nonRepeaters: number, maxRepetitions: number): Promise<VarBind[]> {
  const out: VarBind[] = [];
  if (nonRepeaters > 0) out.push(...(await getNextRepaired(send, oids.slice(0, nonRepeaters))));
  const cursors = oids.slice(nonRepeaters);
  const ended = cursors.map(() => false);
  for (let row = 0; row < maxRepetitions; row++) {
    const open: number[] = [];
    for (let i = 0; i < cursors.length; i++) if (!ended[i]) open.push(i);
    if (open.length === 0) break;
    const next = await getNextRepaired(send, open.map((i) => cursors[i] as string));
    const full: VarBind[] = cursors.map((oid) => ({ oid, value: END_OF_MIB_VIEW_VALUE }));
    open.forEach((column, k) => {
      const vb = next[k];
      if (!vb) return;
      full[column] = vb;
      if (vb.value.type === 'EndOfMibView') ended[column] = true;
      else cursors[column] = vb.oid;
    });
    out.push(...full);
  }
  return out;
}

/**
 * `pastEnd`: the requests are GETNEXTs, so an OID that ran off the end of the MIB means every
 * OID at or after it did too: they are settled at once rather than one round trip each.
 */
async function repaired(send: SendPdu, oids: readonly string[], missing: (oid: string) => VarBind, pastEnd = false): Promise<VarBind[]> {
  const result = new Array<VarBind | undefined>(oids.length);
  let pending = oids.map((_, i) => i);
  // Each failed round removes one OID, so this loop sends at most oids.length + 1 PDUs.
  while (pending.length > 0) {
    try {
      const got = await send(pending.map((i) => oids[i] as string));
      pending.forEach((i, k) => {
        result[i] = got[k] ?? missing(oids[i] as string);
      });
      break;
    } catch (error) {
      const culprit = noSuchNameIndex(error, pending.length);
      if (culprit === null) throw error;
      if (culprit < 0) {
        // The agent did not say which OID: ask for each alone.
        for (const i of pending) result[i] = await single(send, oids[i] as string, missing);
        break;
      }
      const i = pending[culprit] as number;
      const end = oids[i] as string;
      const settled = (k: number): boolean => k === culprit || (pastEnd && compareOids(oids[pending[k] as number] as string, end) >= 0);
      pending.forEach((j, k) => {
        if (settled(k)) result[j] = missing(oids[j] as string);
      });
      pending = pending.filter((_, k) => !settled(k));
    }
  }
  return result.map((vb, i) => vb ?? missing(oids[i] as string));
}

async function single(send: SendPdu, oid: string, missing: (oid: string) => VarBind): Promise<VarBind> {
  try {
    const [vb] = await send([oid]);
    return vb ?? missing(oid);
  } catch (error) {
    if (noSuchNameIndex(error, 1) === null) throw error;
    return missing(oid);
  }
}

/** 0-based index of the culprit of a noSuchName error; -1 when unknown; null for other errors. */
function noSuchNameIndex(error: unknown, count: number): number | null {
  if (!(error instanceof SnmpError) || error.detail?.errorStatus !== 'noSuchName') return null;
  const index = (error.detail.errorIndex ?? 0) - 1;
  return index >= 0 && index < count ? index : -1;
}
