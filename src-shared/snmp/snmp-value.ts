/**
 * SNMP values as plain data, shared by the SNMP client, the simulator and the pure decoders.
 * OIDs are dotted-decimal strings without a leading dot ("1.3.6.1.2.1.1.1.0").
 */
export type SnmpNumberType = 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks';
/**
 * 'TooBig' is our own mark, never on the wire: the agent has the object but cannot fit its value
 * into any reply (it answered tooBig when asked for that one value alone). It reads as absent
 * everywhere (value null), but a MibSnapshot keeps it, so a reading can say "too large to read".
 */
export type SnmpExceptionType = 'Null' | 'NoSuchObject' | 'NoSuchInstance' | 'EndOfMibView' | 'TooBig';

export type SnmpValue =
  | { readonly type: SnmpNumberType; readonly value: number }
  | { readonly type: 'Counter64'; readonly value: bigint }
  | { readonly type: 'OctetString' | 'Opaque'; readonly value: Uint8Array }
  | { readonly type: 'ObjectIdentifier'; readonly value: string }
  | { readonly type: 'IpAddress'; readonly value: string }
  | { readonly type: SnmpExceptionType; readonly value: null };

export type SnmpType = SnmpValue['type'];

export interface VarBind {
  readonly oid: string;
  readonly value: SnmpValue;
}

/** True for Null, noSuchObject, noSuchInstance, endOfMibView and TooBig: "no value here". */
export function isException(value: SnmpValue): boolean {
  return value.value === null;
}

/** The value of an object whose value the agent could not fit into a reply (see SnmpExceptionType). */
export const TOO_BIG_VALUE: SnmpValue = Object.freeze({ type: 'TooBig', value: null });

/** True for the TooBig mark: the object exists, its value could not be read. */
export function isTooBig(value: SnmpValue | undefined): boolean {
  return value?.type === 'TooBig';
}

/** True when nothing is there at all (an exception other than TooBig): a snapshot forgets such OIDs. */
export function isAbsent(value: SnmpValue): boolean {
  return value.value === null && value.type !== 'TooBig';
}

/** A number for numeric types (Counter64 converted when it fits), else null. */
export function asNumber(value: SnmpValue | undefined): number | null {
  if (!value) return null;
  switch (value.type) {
    case 'Integer':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return value.value;
    case 'Counter64':
      return value.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value.value) : null;
    case 'OctetString': {
      // Some devices report numbers as text ("12345"); accept plain decimal strings only.
      const text = bytesToAscii(value.value).trim();
      return /^-?\d{1,15}$/.test(text) ? Number(text) : null;
    }
    default:
      return null;
  }
}

/** The raw bytes of an OCTET STRING / Opaque value, else null. */
export function asBytes(value: SnmpValue | undefined): Uint8Array | null {
  if (!value) return null;
  return value.type === 'OctetString' || value.type === 'Opaque' ? value.value : null;
}

/** The OID value of an OBJECT IDENTIFIER, else null. */
export function asOid(value: SnmpValue | undefined): string | null {
  return value?.type === 'ObjectIdentifier' ? value.value : null;
}

function bytesToAscii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
