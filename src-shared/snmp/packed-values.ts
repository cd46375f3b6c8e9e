import type { SnmpType, SnmpValue } from './snmp-value';

/**
 * A memory-compact, read-mostly store of SNMP values in OID order: parallel arrays instead of
 * one object per value. A fleet of 10,000 devices keeps the learned layout of each; in this
 * form that costs a few kB per device instead of tens.
 */

const TYPES: readonly SnmpType[] = [
  'Integer', 'Counter32', 'Gauge32', 'TimeTicks', 'Counter64', 'OctetString', 'Opaque',
  'ObjectIdentifier', 'IpAddress', 'Null', 'NoSuchObject', 'NoSuchInstance', 'EndOfMibView', 'TooBig',
];
const TYPE_CODE = new Map<SnmpType, number>(TYPES.map((t, i) => [t, i]));
const OCTET_STRING = TYPES.indexOf('OctetString');
const OPAQUE = TYPES.indexOf('Opaque');

/**
 * The sorted OIDs of a snapshot and the type of each, with positions by OID: shared by every
 * snapshot of the same layout (devices of one model answer the same rows with the same types),
 * so lookups are hash lookups and a device costs one slot per value.
 */
export class PackedLayout {
  readonly positions: ReadonlyMap<string, number>;
  /** oidsUnder() answers by root, shared by all snapshots of this layout. */
  readonly under = new Map<string, readonly string[]>();
  /** MibSnapshot.derived() answers (worked out from the OIDs alone), shared likewise. */
  readonly derived = new Map<object, unknown>();

  constructor(
    readonly oids: readonly string[],
    readonly kinds: Uint8Array,
  ) {
    this.positions = new Map(oids.map((oid, i) => [oid, i]));
  }
}

const layouts = new Map<string, PackedLayout>();
/** A safeguard: real fleets have a few hundred layouts; past this, layouts are not shared. */
const MAX_SHARED_LAYOUTS = 5_000;

function sharedLayout(oids: readonly string[], kinds: Uint8Array): PackedLayout {
  const key = `${oids.join(' ')}|${kinds.join(',')}`;
  const known = layouts.get(key);
  if (known) return known;
  const layout = new PackedLayout(oids, kinds);
  if (layouts.size < MAX_SHARED_LAYOUTS) layouts.set(key, layout);
  return layout;
}

/**
 * Short texts shared across snapshots: the same "Black Toner", "Tray 1", "A4" recur on every
 * device of a model. Bounded; past the bound texts are simply not shared.
 */
const texts = new Map<string, string>();
const MAX_SHARED_TEXTS = 100_000;
const MAX_SHARED_TEXT_LENGTH = 64;

function sharedText(text: string): string {
  if (text.length > MAX_SHARED_TEXT_LENGTH) return text;
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size < MAX_SHARED_TEXTS) texts.set(text, text);
  return text;
}

/** A value as one slot: numbers as numbers (small integers cost nothing extra), the rest as text. */
function slotOf(value: SnmpValue): number | string | null {
  const v = value.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return sharedText(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return sharedText(bytesToBinary(v));
  return null;
}

export class PackedValues {
  private constructor(
    readonly layout: PackedLayout,
    /** Per position: the number, or bytes as a one-byte ("binary") string, or OID/IP/Counter64 text. */
    private readonly slots: Array<number | string | null>,
  ) {}

  /** Packs values given in OID order. */
  static pack(oids: readonly string[], valueOf: (oid: string) => SnmpValue): PackedValues {
    const kinds = new Uint8Array(oids.length);
    const slots: Array<number | string | null> = new Array(oids.length);
    for (let i = 0; i < oids.length; i++) {
      const value = valueOf(oids[i] as string);
      kinds[i] = TYPE_CODE.get(value.type) ?? 9;
      slots[i] = slotOf(value);
    }
    return new PackedValues(sharedLayout(oids, kinds), slots);
  }

  /** The value at position `i` as a fresh SnmpValue. */
  valueAt(i: number): SnmpValue {
    const type = TYPES[this.layout.kinds[i] as number] as SnmpType;
    const slot = this.slots[i];
    switch (type) {
      case 'Integer':
      case 'Counter32':
      case 'Gauge32':
      case 'TimeTicks':
        return { type, value: typeof slot === 'number' ? slot : 0 };
      case 'Counter64':
        return { type, value: BigInt(typeof slot === 'string' ? slot : '0') };
      case 'OctetString':
      case 'Opaque':
        return { type, value: binaryToBytes(typeof slot === 'string' ? slot : '') };
      case 'ObjectIdentifier':
      case 'IpAddress':
        return { type, value: typeof slot === 'string' ? slot : '' };
      default:
        return { type, value: null } as SnmpValue;
    }
  }

  /** The bytes at position `i` one per character when it holds an OCTET STRING or Opaque; null otherwise. */
  binaryAt(i: number): string | null {
    const kind = this.layout.kinds[i];
    if (kind !== OCTET_STRING && kind !== OPAQUE) return null;
    const slot = this.slots[i];
    return typeof slot === 'string' ? slot : '';
  }

  /** True when position `i` holds `value` (same type and content); allocates nothing. */
  equals(i: number, value: SnmpValue): boolean {
    if (TYPES[this.layout.kinds[i] as number] !== value.type) return false;
    const v = value.value;
    const slot = this.slots[i];
    if (typeof v === 'number' || typeof v === 'string') return slot === v;
    if (typeof v === 'bigint') return slot === v.toString();
    if (v instanceof Uint8Array) {
      if (typeof slot !== 'string' || slot.length !== v.length) return false;
      for (let k = 0; k < v.length; k++) if (slot.charCodeAt(k) !== v[k]) return false;
      return true;
    }
    return true;
  }

  /** Overwrites position `i` when `value` has the same type; false otherwise (caller unpacks). */
  overwrite(i: number, value: SnmpValue): boolean {
    if (TYPES[this.layout.kinds[i] as number] !== value.type) return false;
    if (!this.equals(i, value)) this.slots[i] = slotOf(value);
    return true;
  }

  /** The OIDs whose value is of `type`, in OID order (a scan of one byte per value). */
  oidsOfType(type: SnmpType): string[] {
    const code = TYPE_CODE.get(type);
    const { kinds, oids } = this.layout;
    const out: string[] = [];
    for (let i = 0; i < kinds.length; i++) if (kinds[i] === code) out.push(oids[i] as string);
    return out;
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

/** The bytes a binary string holds one per character (the packed form of OCTET STRINGs). */
export function binaryToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
