import type { SnmpValue, VarBind } from './snmp-value';
import { compareOids, isInSubtree } from './oid';
import { internOid } from './oid-intern';

/**
 * What we know of one device's MIB: the values last read, by OID. A full read fills it; a
 * routine poll overwrites the values that change (and replaces the alert table), and the
 * same pure decoders interpret it either way.
 */
export class MibSnapshot {
  private readonly values = new Map<string, SnmpValue>();
  private sorted: string[] | null = null;
  /** oidsUnder() results by root; polls ask for the same columns every time. */
  private readonly under = new Map<string, readonly string[]>();

  constructor(varbinds: Iterable<VarBind> = []) {
    this.set(varbinds);
  }

  get size(): number {
    return this.values.size;
  }

  get(oid: string): SnmpValue | undefined {
    return this.values.get(oid);
  }

  has(oid: string): boolean {
    return this.values.has(oid);
  }

  /** Stores values; exceptions (noSuchObject, endOfMibView …) are not stored. */
  set(varbinds: Iterable<VarBind>): void {
    for (const vb of varbinds) {
      if (vb.value.value === null) {
        if (this.values.delete(vb.oid)) this.invalidate();
        continue;
      }
      if (this.values.has(vb.oid)) this.values.set(vb.oid, vb.value);
      else {
        this.invalidate();
        this.values.set(internOid(vb.oid), vb.value);
      }
    }
  }

  /** Forgets everything below `root` (used before storing a fresh walk of a table). */
  removeSubtree(root: string): void {
    const gone = this.oidsUnder(root);
    if (gone.length === 0) return;
    for (const oid of gone) this.values.delete(oid);
    // Removing keeps the rest in order: filter rather than re-sort on the next lookup.
    const removed = new Set(gone);
    this.sorted = this.sorted?.filter((oid) => !removed.has(oid)) ?? null;
    this.under.clear();
  }

  /** Rows of one table column in OID order: the index is the part below the column OID. */
  column(columnOid: string): Array<{ index: string; value: SnmpValue }> {
    const rows: Array<{ index: string; value: SnmpValue }> = [];
    for (const oid of this.oidsUnder(columnOid)) {
      const value = this.values.get(oid);
      if (value) rows.push({ index: oid.slice(columnOid.length + 1), value });
    }
    return rows;
  }

  /** All OIDs strictly below `root`, in OID order (a shared array: do not modify). */
  oidsUnder(root: string): readonly string[] {
    const cached = this.under.get(root);
    if (cached) return cached;
    const all = this.sortedOids();
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareOids(all[mid] as string, root) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < all.length; i++) {
      const oid = all[i] as string;
      if (!isInSubtree(oid, root)) break;
      out.push(oid);
    }
    this.under.set(root, out);
    return out;
  }

  toVarBinds(): VarBind[] {
    return this.sortedOids().map((oid) => ({ oid, value: this.values.get(oid) as SnmpValue }));
  }

  /** Drops the lookup caches (they are rebuilt on demand): keeps idle snapshots small. */
  compact(): void {
    this.sorted = null;
    this.under.clear();
  }

  private invalidate(): void {
    if (this.sorted === null && this.under.size === 0) return;
    this.sorted = null;
    this.under.clear();
  }

  private sortedOids(): string[] {
    if (!this.sorted) this.sorted = [...this.values.keys()].sort(compareOids);
    return this.sorted;
  }
}
