import { BER_TAG, BerError, BerReader, oidToArcs, readSigned } from '../../src-shared/snmp/ber/ber-primitives';
import { ERROR_STATUS } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { decodeTlv } from './mib-store';

/**
 * Which objects a simulated device accepts SETs for, and the constraints its MIB puts on each
 * value (RFC 3416 §4.2.5 error order: type, then length, then encoding, then value). Anything
 * not listed is read-only, as Printer-MIB's compliance section allows for every object.
 */

/** One writable object (an instance OID such as "1.3.6.1.2.1.1.5.0") and what it accepts. */
export type SimWritable =
  /** DisplayString and other text: length limits in bytes (default 0..255). */
  | { oid: string; type: 'OctetString'; minLength?: number; maxLength?: number }
  /** INTEGER: an enumeration (`values`) and/or a range (`min`..`max`); default any Integer32. */
  | { oid: string; type: 'Integer'; values?: number[]; min?: number; max?: number }
  /** SMI IpAddress (application tag 0x40, 4 bytes). */
  | { oid: string; type: 'IpAddress' }
  /** An IPv4 address as OCTET STRING (SIZE(4)), as some vendor MIBs and InetAddressIPv4 carry it. */
  | { oid: string; type: 'Ipv4OctetString' };

export type SimWritableType = SimWritable['type'];

/** Which objects accept SETs: a list, or 'any' (the old behaviour: every existing object, same type). */
export type SimWritableSpec = readonly SimWritable[] | 'any';

const WRITABLE_TYPES: readonly SimWritableType[] = ['OctetString', 'Integer', 'IpAddress', 'Ipv4OctetString'];
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** A compiled constraint; `tag` is the BER tag a value must carry. */
export interface WriteRule {
  readonly tag: number;
  readonly minLength: number;
  readonly maxLength: number;
  /** Allowed integers, or null for any in [min, max]. */
  readonly values: ReadonlySet<number> | null;
  readonly min: number;
  readonly max: number;
  /** True for IPv4 addresses (IpAddress or a 4-byte OCTET STRING). */
  readonly ipv4: boolean;
  /** True for the 'any' mode: type from the stored value, content only decoded. */
  readonly loose: boolean;
}

/** Throws RangeError naming the entry for a malformed writable list. */
export function validateWritable(spec: SimWritableSpec, where: string): void {
  if (spec === 'any') return;
  if (!Array.isArray(spec)) throw new RangeError(`${where}: writable must be a list or "any"`);
  spec.forEach((w: SimWritable, i) => {
    const at = `${where}: writable[${i}]`;
    if (typeof w !== 'object' || w === null) throw new RangeError(`${at} must be an object`);
    if (typeof w.oid !== 'string' || !/^\d+(\.\d+)+$/.test(w.oid)) throw new RangeError(`${at}: oid must be a numeric OID, got ${JSON.stringify(w.oid)}`);
    if (!WRITABLE_TYPES.includes(w.type)) throw new RangeError(`${at}: type must be one of ${WRITABLE_TYPES.join(', ')}, got ${JSON.stringify(w.type)}`);
    const whole = (n: unknown, name: string, low: number, high: number): void => {
      if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= low && n <= high)) throw new RangeError(`${at}: ${name} must be a whole number ${low}..${high}, got ${JSON.stringify(n)}`);
    };
    if (w.type === 'OctetString') {
      whole(w.minLength, 'minLength', 0, 65535);
      whole(w.maxLength, 'maxLength', 0, 65535);
      if ((w.minLength ?? 0) > (w.maxLength ?? 255)) throw new RangeError(`${at}: minLength is above maxLength`);
    }
    if (w.type === 'Integer') {
      whole(w.min, 'min', INT32_MIN, INT32_MAX);
      whole(w.max, 'max', INT32_MIN, INT32_MAX);
      if (w.values !== undefined) {
        if (!Array.isArray(w.values) || w.values.length === 0) throw new RangeError(`${at}: values must be a non-empty list of integers`);
        w.values.forEach((v, j) => whole(v, `values[${j}]`, INT32_MIN, INT32_MAX));
      }
    }
  });
}

function compileRule(w: SimWritable): WriteRule {
  switch (w.type) {
    case 'OctetString':
      return { tag: BER_TAG.octetString, minLength: w.minLength ?? 0, maxLength: w.maxLength ?? 255, values: null, min: 0, max: 0, ipv4: false, loose: false };
    case 'Integer':
      return { tag: BER_TAG.integer, minLength: 0, maxLength: 0, values: w.values ? new Set(w.values) : null, min: w.min ?? INT32_MIN, max: w.max ?? INT32_MAX, ipv4: false, loose: false };
    case 'IpAddress':
      return { tag: BER_TAG.ipAddress, minLength: 4, maxLength: 4, values: null, min: 0, max: 0, ipv4: true, loose: false };
    case 'Ipv4OctetString':
      return { tag: BER_TAG.octetString, minLength: 4, maxLength: 4, values: null, min: 0, max: 0, ipv4: true, loose: false };
  }
}

/** The compiled writable set of a device (shared by every device built from the same list). */
export class WriteRules {
  static readonly none = new WriteRules(new Map(), false);
  static readonly any = new WriteRules(new Map(), true);

  private constructor(
    private readonly byOid: ReadonlyMap<string, WriteRule>,
    private readonly anyExisting: boolean,
  ) {}

  /** Compiles a list (validated first; throws RangeError naming `where`) or 'any'. */
  static compile(spec: SimWritableSpec | undefined, where: string): WriteRules {
    if (spec === undefined) return WriteRules.none;
    validateWritable(spec, where);
    if (spec === 'any') return WriteRules.any;
    // Normalise OIDs (a leading dot, say) the way stores key them.
    return new WriteRules(new Map(spec.map((w) => [oidToArcs(w.oid).join('.'), compileRule(w)])), false);
  }

  /** True when nothing at all is writable. */
  get empty(): boolean {
    return !this.anyExisting && this.byOid.size === 0;
  }

  /** The rule for the existing object `oid` whose stored value is `stored`, or null (not writable). */
  ruleFor(oid: string, stored: Uint8Array): WriteRule | null {
    if (this.anyExisting) return { tag: stored[0] as number, minLength: 0, maxLength: Infinity, values: null, min: -Infinity, max: Infinity, ipv4: false, loose: true };
    return this.byOid.get(oid) ?? null;
  }

  /** Every listed OID (empty for 'any'). */
  oids(): string[] {
    return [...this.byOid.keys()];
  }
}

/** ERROR_STATUS.noError when `tlv` (a whole value TLV) satisfies `rule`, else the v2c error status. */
export function checkValue(rule: WriteRule, tlv: Uint8Array): number {
  if (tlv[0] !== rule.tag) return ERROR_STATUS.wrongType;
  const r = new BerReader(tlv);
  try {
    r.next();
  } catch (error) {
    if (error instanceof BerError) return ERROR_STATUS.wrongEncoding;
    throw error;
  }
  if (r.end !== tlv.length) return ERROR_STATUS.wrongEncoding;
  if (rule.loose) {
    try {
      decodeTlv(tlv);
      return ERROR_STATUS.noError;
    } catch (error) {
      if (error instanceof BerError) return ERROR_STATUS.wrongEncoding;
      throw error;
    }
  }
  const length = r.end - r.start;
  if (rule.tag === BER_TAG.integer) {
    if (length === 0 || length > 5) return ERROR_STATUS.wrongEncoding;
    const value = readSigned(tlv, r.start, r.end);
    if (value < INT32_MIN || value > INT32_MAX) return ERROR_STATUS.wrongValue;
    if (rule.values ? !rule.values.has(value) : value < rule.min || value > rule.max) return ERROR_STATUS.wrongValue;
    return ERROR_STATUS.noError;
  }
  if (length < rule.minLength || length > rule.maxLength) return ERROR_STATUS.wrongLength;
  return ERROR_STATUS.noError;
}

/** The dotted IPv4 address in an IpAddress or 4-byte OCTET STRING TLV, else null. */
export function ipv4Of(tlv: Uint8Array): string | null {
  if ((tlv[0] !== BER_TAG.ipAddress && tlv[0] !== BER_TAG.octetString) || tlv[1] !== 4 || tlv.length !== 6) return null;
  return `${tlv[2]}.${tlv[3]}.${tlv[4]}.${tlv[5]}`;
}

/** The integer in an INTEGER TLV, else null. */
export function integerOf(tlv: Uint8Array): number | null {
  if (tlv[0] !== BER_TAG.integer) return null;
  const r = new BerReader(tlv);
  try {
    r.next();
    return readSigned(tlv, r.start, r.end);
  } catch {
    return null;
  }
}

/**
 * RFC 3584 §4.4: the SNMPv1 error status an SNMPv2 error becomes (noAccess, notWritable,
 * noCreation, inconsistentName and authorizationError → noSuchName; wrongValue, wrongEncoding,
 * wrongType, wrongLength and inconsistentValue → badValue; resourceUnavailable, commitFailed and
 * undoFailed → genErr). Net-SNMP's agent answers the same.
 */
export function v1ErrorStatus(status: number): number {
  switch (status) {
    case ERROR_STATUS.noAccess:
    case ERROR_STATUS.notWritable:
    case ERROR_STATUS.noCreation:
    case ERROR_STATUS.inconsistentName:
    case ERROR_STATUS.authorizationError:
      return ERROR_STATUS.noSuchName;
    case ERROR_STATUS.wrongValue:
    case ERROR_STATUS.wrongEncoding:
    case ERROR_STATUS.wrongType:
    case ERROR_STATUS.wrongLength:
    case ERROR_STATUS.inconsistentValue:
      return ERROR_STATUS.badValue;
    case ERROR_STATUS.resourceUnavailable:
    case ERROR_STATUS.commitFailed:
    case ERROR_STATUS.undoFailed:
      return ERROR_STATUS.genErr;
    default:
      return status;
  }
}
