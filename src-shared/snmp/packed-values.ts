import type { SnmpType, SnmpValue } from './snmp-value';

/**
 * A memory-compact, read-mostly store of SNMP values in OID order: parallel arrays instead of
 * one object per value. A fleet of 10,000 devices keeps the learned layout of each; in this
 * form that costs a few kB per device instead of tens.
 */

const TYPES: readonly SnmpType[] = [
  'Integer', 'Counter32', 'Gauge32', 'TimeTicks', 'Counter64', 'OctetString', 'Opaque',
  'ObjectIdentifier', 'IpAddress', 'Null', 'NoSuchObject', 'NoSuchInstance', 'EndOfMibView',
];
const TYPE_CODE = new Map<SnmpType, number>(TYPES.map((t, i) => [t, i]));

/**
 * The sorted OIDs of a snapshot, with positions by OID: shared by every snapshot of the same
 * layout (devices of one model answer the same rows), so lookups are hash lookups and the
 * per-device cost is just the values.
 */
export class PackedLayout {
  readonly positions: ReadonlyMap<string, number>;
  /** oidsUnder() answers by root, shared by all snapshots of this layout. */
  readonly under = new Map<string, readonly string[]>();

  constructor(readonly oids: readonly string[]) {
    this.positions = new Map(oids.map((oid, i) => [oid, i]));
  }
}

const layouts = new Map<string, PackedLayout>();
/** A safeguard: real fleets have a few hundred layouts; past this, layouts are not shared. */
const MAX_SHARED_LAYOUTS = 5_000;

function sharedLayout(oids: readonly string[]): PackedLayout {
  const key = oids.join(' ');
  const known = layouts.get(key);
  if (known) return known;
  const layout = new PackedLayout(oids);
  if (layouts.size < MAX_SHARED_LAYOUTS) layouts.set(key, layout);
  return layout;
}

export class PackedValues {
  private constructor(
    readonly layout: PackedLayout,
    private readonly kinds: Uint8Array,
    private readonly numbers: Float64Array,
    /** Bytes as one-byte ("binary") strings; OID, IP and Counter64 as their text. */
    private readonly texts: Array<string | undefined>,
  ) {}

  /** Packs values given in OID order. */
  static pack(oids: readonly string[], valueOf: (oid: string) => SnmpValue): PackedValues {
    const kinds = new Uint8Array(oids.length);
    const numbers = new Float64Array(oids.length);
    const texts: Array<string | undefined> = new Array(oids.length);
    for (let i = 0; i < oids.length; i++) {
      const value = valueOf(oids[i] as string);
      kinds[i] = TYPE_CODE.get(value.type) ?? 9;
      const v = value.value;
      if (typeof v === 'number') numbers[i] = v;
      else if (typeof v === 'string') texts[i] = v;
      else if (typeof v === 'bigint') texts[i] = v.toString();
      else if (v instanceof Uint8Array) texts[i] = bytesToBinary(v);
    }
    return new PackedValues(sharedLayout(oids), kinds, numbers, texts);
  }

  /** The value at position `i` as a fresh SnmpValue. */
  valueAt(i: number): SnmpValue {
    const type = TYPES[this.kinds[i] as number] as SnmpType;
    switch (type) {
      case 'Integer':
      case 'Counter32':
      case 'Gauge32':
      case 'TimeTicks':
        return { type, value: this.numbers[i] as number };
      case 'Counter64':
        return { type, value: BigInt(this.texts[i] ?? '0') };
      case 'OctetString':
      case 'Opaque':
        return { type, value: binaryToBytes(this.texts[i] ?? '') };
      case 'ObjectIdentifier':
      case 'IpAddress':
        return { type, value: this.texts[i] ?? '' };
      default:
        return { type, value: null } as SnmpValue;
    }
  }

  /** True when position `i` holds `value` (same type and content); allocates nothing. */
  equals(i: number, value: SnmpValue): boolean {
    if (TYPES[this.kinds[i] as number] !== value.type) return false;
    const v = value.value;
    if (typeof v === 'number') return this.numbers[i] === v;
    if (typeof v === 'string') return this.texts[i] === v;
    if (typeof v === 'bigint') return this.texts[i] === v.toString();
    if (v instanceof Uint8Array) {
      const text = this.texts[i] ?? '';
      if (text.length !== v.length) return false;
      for (let k = 0; k < v.length; k++) if (text.charCodeAt(k) !== v[k]) return false;
      return true;
    }
    return true;
  }

  /** Overwrites position `i` when `value` has the same type; false otherwise (caller unpacks). */
  overwrite(i: number, value: SnmpValue): boolean {
    if (TYPES[this.kinds[i] as number] !== value.type) return false;
    const v = value.value;
    if (typeof v === 'number') this.numbers[i] = v;
    else if (typeof v === 'string') this.texts[i] = v;
    else if (typeof v === 'bigint') this.texts[i] = v.toString();
    else if (v instanceof Uint8Array) this.texts[i] = bytesToBinary(v);
    return true;
  }

  /** Sorted OIDs (shared with other snapshots of the same layout: do not modify). */
  get oids(): readonly string[] {
    return this.layout.oids;
  }

  /** Position of `oid`, or -1. */
  indexOf(oid: string): number {
    return this.layout.positions.get(oid) ?? -1;
  }
}

/** One flat one-byte string (not a rope of appended characters, which costs far more memory). */
function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1024) out += String.fromCharCode(...bytes.subarray(i, i + 1024));
  return out;
}

function binaryToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
