import { isAbsent, type SnmpType, type SnmpValue, type VarBind } from './snmp-value';
import { compareOids, isInSubtree } from './oid';
import { internOid } from './oid-intern';
import { PackedValues } from './packed-values';
import { decodeSnmpBinary, snmpText, type SnmpTextOptions } from './snmp-text';

/**
 * Something worked out from a snapshot's OIDs alone (see MibSnapshot.derived); the object
 * itself is the cache key, so create one per kind of answer, at module level.
 */
export class LayoutDerived<T> {
  constructor(readonly build: (snapshot: MibSnapshot) => T) {}
}

/**
 * What we know of one device's MIB: the values last read, by OID. A full read fills it; a
 * routine poll overwrites the values that change (and replaces the alert table), and the
 * same pure decoders interpret it either way.
 *
 * Two forms: a Map while values are being added, and after compact() a packed, sorted form
 * (see packed-values.ts) for the long idle time between polls. Overwriting existing values
 * keeps the packed form; adding or removing OIDs unpacks it again.
 */
export class MibSnapshot {
  private values: Map<string, SnmpValue> | null = new Map();
  private packed: PackedValues | null = null;
  private sorted: string[] | null = null;
  /** oidsUnder() results by root; polls ask for the same columns every time. */
  private readonly under = new Map<string, readonly string[]>();
  /** derived() results while not packed (packed, the layout keeps them for all its snapshots); made when first needed. */
  private derivedHere: Map<object, unknown> | null = null;
  /** Subtrees read in an SNMP context other than the default one, by root OID. */
  private readonly contextRoots = new Map<string, string>();

  constructor(varbinds: Iterable<VarBind> = []) {
    this.set(varbinds);
  }

  get size(): number {
    return this.packed ? this.packed.oids.length : this.map().size;
  }

  get(oid: string): SnmpValue | undefined {
    if (this.packed) {
      const i = this.packed.indexOf(oid);
      return i < 0 ? undefined : this.packed.valueAt(i);
    }
    return this.map().get(oid);
  }

  /**
   * The text of the OCTET STRING (or Opaque) at `oid` as snmpText decodes it, or null when
   * absent, not a string, or empty after decoding. In the packed form plain ASCII comes back
   * without a copy of its bytes: interpreting a device reads a few dozen texts per poll.
   */
  text(oid: string, options?: SnmpTextOptions): string | null {
    if (!this.packed) return snmpText(this.map().get(oid), options);
    const i = this.packed.indexOf(oid);
    const binary = i < 0 ? null : this.packed.binaryAt(i);
    if (binary === null) return null;
    const text = decodeSnmpBinary(binary, options);
    return text === '' ? null : text;
  }

  has(oid: string): boolean {
    return this.packed ? this.packed.indexOf(oid) >= 0 : this.map().has(oid);
  }

  /**
   * True when the snapshot holds `value` at `oid` (bytes compared by content); an exception
   * value (TooBig aside) matches an absent OID. Allocates nothing in the packed form: polls call it per value.
   */
  holds(oid: string, value: SnmpValue): boolean {
    if (this.packed) {
      const i = this.packed.indexOf(oid);
      return i < 0 ? isAbsent(value) : this.packed.equals(i, value);
    }
    const known = this.map().get(oid);
    if (known === undefined) return isAbsent(value);
    if (known.type !== value.type) return false;
    if (known.value instanceof Uint8Array && value.value instanceof Uint8Array) return sameBytes(known.value, value.value);
    return known.value === value.value;
  }

  /**
   * Stores values; exceptions (noSuchObject, endOfMibView …) remove the OID, but TooBig is kept:
   * the object is there, its value could not be read (see snmp-value.ts). Byte values are
   * copied when they are views on a larger buffer (a received datagram), so a snapshot never
   * keeps whole packets alive.
   */
  set(varbinds: Iterable<VarBind>): void {
    for (const vb of varbinds) {
      const absent = isAbsent(vb.value);
      if (this.packed) {
        const i = this.packed.indexOf(vb.oid);
        if (i >= 0 && !absent && this.packed.overwrite(i, vb.value)) continue;
        if (i < 0 && absent) continue;
      }
      const values = this.map();
      if (absent) {
        if (values.delete(vb.oid)) this.invalidate();
      } else if (values.has(vb.oid)) values.set(vb.oid, own(vb.value));
      else {
        this.invalidate();
        values.set(internOid(vb.oid), own(vb.value));
      }
    }
  }

  /** Forgets everything below `root` (used before storing a fresh walk of a table). */
  removeSubtree(root: string): void {
    const gone = this.oidsUnder(root);
    if (gone.length === 0) return;
    const values = this.map();
    for (const oid of gone) values.delete(oid);
    // Removing keeps the rest in order: filter rather than re-sort on the next lookup.
    const removed = new Set(gone);
    this.sorted = this.sorted?.filter((oid) => !removed.has(oid)) ?? null;
    this.under.clear();
    this.derivedHere = null;
  }

  /** Rows of one table column in OID order: the index is the part below the column OID. */
  column(columnOid: string): Array<{ index: string; value: SnmpValue }> {
    const rows: Array<{ index: string; value: SnmpValue }> = [];
    for (const oid of this.oidsUnder(columnOid)) {
      const value = this.get(oid);
      if (value) rows.push({ index: oid.slice(columnOid.length + 1), value });
    }
    return rows;
  }

  /** All OIDs strictly below `root`, in OID order (a shared array: do not modify). */
  oidsUnder(root: string): readonly string[] {
    const under = this.packed ? this.packed.layout.under : this.under;
    const cached = under.get(root);
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
    under.set(root, out);
    return out;
  }

  /**
   * Records that the values below `root` come from SNMP context `context` (some HP JetDirect
   * cards keep the supplies table in context "Jetdirect"), so polls read them there again.
   */
  setContext(root: string, context: string): void {
    this.contextRoots.set(root, context);
  }

  /** The SNMP context `oid` was read in, or null for the default context. */
  contextOf(oid: string): string | null {
    if (this.contextRoots.size === 0) return null;
    for (const [root, context] of this.contextRoots) if (isInSubtree(oid, root)) return context;
    return null;
  }

  /** Every subtree read in a context of its own, as root → context name. */
  contexts(): ReadonlyMap<string, string> {
    return this.contextRoots;
  }

  /** The OIDs whose value is of `type` (e.g. 'TooBig'), in OID order. */
  oidsOfType(type: SnmpType): string[] {
    if (this.packed) return this.packed.oidsOfType(type);
    return this.sortedOids().filter((oid) => this.values?.get(oid)?.type === type);
  }

  toVarBinds(): VarBind[] {
    return this.sortedOids().map((oid) => ({ oid, value: this.get(oid) as SnmpValue }));
  }

  /**
   * What `of` works out from the OIDs the snapshot holds (which rows a table has, their
   * instance OIDs), never from their values: worked out once per layout and shared by every
   * packed snapshot of it (devices of one model), so a poll re-reads only the values. Worked
   * out again after OIDs come or go.
   */
  derived<T>(of: LayoutDerived<T>): T {
    const known = this.packed ? this.packed.layout.derived : (this.derivedHere ??= new Map());
    if (known.has(of)) return known.get(of) as T;
    const value = of.build(this);
    known.set(of, value);
    return value;
  }

  /** Packs the values and drops lookup caches: what a snapshot should be between polls. */
  compact(): void {
    this.under.clear();
    this.derivedHere = null;
    if (this.packed) return;
    const values = this.map();
    this.packed = PackedValues.pack(this.sortedOids(), (oid) => values.get(oid) as SnmpValue);
    this.values = null;
    this.sorted = null;
  }

  /** The Map form, unpacking when packed. */
  private map(): Map<string, SnmpValue> {
    if (this.values) return this.values;
    const packed = this.packed as PackedValues;
    const values = new Map<string, SnmpValue>();
    packed.oids.forEach((oid, i) => values.set(oid, packed.valueAt(i)));
    this.sorted = [...packed.oids];
    this.packed = null;
    this.values = values;
    return values;
  }

  private invalidate(): void {
    if (this.sorted === null && this.under.size === 0 && this.derivedHere === null) return;
    this.sorted = null;
    this.under.clear();
    this.derivedHere = null;
  }

  private sortedOids(): string[] {
    if (this.packed) return this.packed.oids as string[];
    if (!this.sorted) this.sorted = [...this.map().keys()].sort(compareOids);
    return this.sorted;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value with its bytes in a buffer of their own. */
function own(value: SnmpValue): SnmpValue {
  if ((value.type === 'OctetString' || value.type === 'Opaque') && value.value.byteLength < value.value.buffer.byteLength) {
    return { type: value.type, value: new Uint8Array(value.value) };
  }
  return value;
}
