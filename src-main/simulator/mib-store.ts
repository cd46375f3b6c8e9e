import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import { BerReader, compareArcs, encodeOidArcs, oidToArcs } from '../../src-shared/snmp/ber/ber-primitives';
import { decodeValue, encodeValue } from '../../src-shared/snmp/ber/ber-value-codec';
import { asBuffer } from './buffer-view';

/**
 * One device's MIB, compiled for answering: OIDs sorted numerically with their BER bytes and
 * each value's TLV encoded once, so a reply is mostly copying. Thousands of devices built
 * from the same profiles share OID keys, identical value encodings and the sorted key array
 * itself (copied on the first write that adds or removes an OID).
 */

export interface OidKey {
  readonly oid: string;
  readonly arcs: readonly number[];
  /** The OID's whole TLV. */
  readonly tlv: Buffer;
}

/** Interning shared by all devices of one simulator. */
export class MibCompiler {
  private readonly keys = new Map<string, OidKey>();
  private readonly values = new Map<string, Buffer>();
  private readonly encoded = new WeakMap<SnmpValue, Buffer>();
  private readonly layouts = new Map<number, OidKey[][]>();

  /** The interned key of a dotted OID; throws RangeError for a malformed OID. */
  key(oid: string): OidKey {
    let key = this.keys.get(oid);
    if (!key) {
      const arcs = oidToArcs(oid);
      if (arcs.length < 2) throw new RangeError(`OID needs at least two arcs: "${oid}"`);
      key = { oid, arcs, tlv: asBuffer(encodeOidArcs(arcs)) };
      this.keys.set(oid, key);
    }
    return key;
  }

  /** A device store from varbinds in any order; duplicates: the last wins; exceptions skipped. */
  compile(varbinds: readonly VarBind[]): MibStore {
    const entries: Array<{ key: OidKey; value: SnmpValue }> = [];
    let sorted = true;
    for (const vb of varbinds) {
      if (vb.value.value === null && vb.value.type !== 'Null') continue;
      const key = this.key(vb.oid);
      const last = entries[entries.length - 1];
      if (last && compareArcs(last.key.arcs, key.arcs) >= 0) sorted = false;
      entries.push({ key, value: vb.value });
    }
    if (!sorted) {
      // Stable sort, then keep the last of each run of equal OIDs.
      entries.sort((a, b) => compareArcs(a.key.arcs, b.key.arcs));
      let w = 0;
      for (let r = 0; r < entries.length; r++) {
        const entry = entries[r] as { key: OidKey; value: SnmpValue };
        if (w > 0 && (entries[w - 1] as { key: OidKey }).key === entry.key) entries[w - 1] = entry;
        else entries[w++] = entry;
      }
      entries.length = w;
    }
    const keys = this.sharedLayout(entries.map((e) => e.key));
    const values = entries.map((e) => this.internValue(e.value));
    return new MibStore(this, keys, values);
  }

  /** The value's TLV, shared with every identical value compiled before. */
  private internValue(value: SnmpValue): Buffer {
    // Fleets built from one profile share value objects: skip encoding those again.
    const seen = this.encoded.get(value);
    if (seen) return seen;
    const tlv = asBuffer(encodeValue(value));
    const id = tlv.toString('latin1');
    const interned = this.values.get(id) ?? tlv;
    if (interned === tlv) this.values.set(id, tlv);
    this.encoded.set(value, interned);
    return interned;
  }

  private sharedLayout(keys: OidKey[]): OidKey[] {
    const candidates = this.layouts.get(keys.length) ?? [];
    for (const candidate of candidates) {
      let same = true;
      for (let i = 0; i < keys.length; i++) {
        if (candidate[i] !== keys[i]) {
          same = false;
          break;
        }
      }
      if (same) return candidate;
    }
    if (candidates.length < 64) {
      candidates.push(keys);
      this.layouts.set(keys.length, candidates);
    }
    return keys;
  }
}

export class MibStore {
  private ownsKeys = false;

  constructor(
    private readonly compiler: MibCompiler,
    private keys: OidKey[],
    private readonly values: Buffer[],
  ) {}

  get size(): number {
    return this.keys.length;
  }

  keyAt(index: number): OidKey {
    return this.keys[index] as OidKey;
  }

  /** The value TLV at `index`. */
  valueAt(index: number): Buffer {
    return this.values[index] as Buffer;
  }

  /** Index of exactly `arcs`, or -1. */
  find(arcs: readonly number[]): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareArcs((this.keys[mid] as OidKey).arcs, arcs);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Index of the first OID after `arcs` (== size when there is none): GETNEXT. */
  nextAfter(arcs: readonly number[]): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareArcs((this.keys[mid] as OidKey).arcs, arcs) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when some OID lies strictly below `prefix`. */
  hasUnder(prefix: readonly number[]): boolean {
    const key = this.keys[this.nextAfter(prefix)];
    if (!key || key.arcs.length <= prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (key.arcs[i] !== prefix[i]) return false;
    return true;
  }

  /** The decoded value at `oid`, or undefined. */
  get(oid: string): SnmpValue | undefined {
    const i = this.find(oidToArcs(oid));
    return i < 0 ? undefined : decodeTlv(this.valueAt(i));
  }

  /** Adds or replaces a value; throws RangeError for a malformed OID or out-of-range value. */
  set(oid: string, value: SnmpValue): void {
    this.setEncoded(this.compiler.key(oid), asBuffer(encodeValue(value)));
  }

  /** Adds or replaces an already encoded value TLV. */
  setEncoded(key: OidKey, tlv: Buffer): void {
    const i = this.find(key.arcs);
    if (i >= 0) {
      this.values[i] = tlv;
      return;
    }
    const at = this.nextAfter(key.arcs);
    this.ownKeys().splice(at, 0, key);
    this.values.splice(at, 0, tlv);
  }

  /** Removes `oid`; returns whether it was there. */
  remove(oid: string): boolean {
    const i = this.find(oidToArcs(oid));
    if (i < 0) return false;
    this.ownKeys().splice(i, 1);
    this.values.splice(i, 1);
    return true;
  }

  /** Every OID strictly below `prefix`, in order. */
  oidsUnder(prefix: string): string[] {
    const arcs = oidToArcs(prefix);
    const out: string[] = [];
    for (let i = this.nextAfter(arcs); i < this.keys.length; i++) {
      const key = this.keys[i] as OidKey;
      if (!startsWith(key.arcs, arcs) || key.arcs.length === arcs.length) break;
      out.push(key.oid);
    }
    return out;
  }

  /** The whole store as varbinds, in OID order. */
  toVarBinds(): VarBind[] {
    return this.keys.map((key, i) => ({ oid: key.oid, value: decodeTlv(this.valueAt(i)) }));
  }

  private ownKeys(): OidKey[] {
    if (!this.ownsKeys) {
      this.keys = this.keys.slice();
      this.ownsKeys = true;
    }
    return this.keys;
  }
}

function startsWith(arcs: readonly number[], prefix: readonly number[]): boolean {
  if (arcs.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (arcs[i] !== prefix[i]) return false;
  return true;
}

/** Decodes one stored value TLV. */
export function decodeTlv(tlv: Uint8Array): SnmpValue {
  const r = new BerReader(tlv);
  const tag = r.next();
  return decodeValue(tag, tlv, r.start, r.end);
}
