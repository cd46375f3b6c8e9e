/** SNMP notifications for tests of the trap listener. */
import { BER_TAG, encodeBytes, encodeInteger, encodeOidArcs, oidToArcs } from '../../src-shared/snmp/ber/ber-primitives';
import { encodeValue } from '../../src-shared/snmp/ber/ber-value-codec';

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const oid = (text: string): Uint8Array => encodeOidArcs(oidToArcs(text));

/** A v1 Trap-PDU (RFC 1157 §4.1.6), encoded by hand since the shared codec only sends v2c. */
export function aV1Trap(options: { generic?: number; specific?: number; enterprise?: string; agent?: number[]; community?: string } = {}): Uint8Array {
  const varbind = encodeBytes(BER_TAG.sequence, concat(oid('1.3.6.1.2.1.43.18.1.1.8.1.1'), encodeValue({ type: 'Integer', value: 8 })));
  const pdu = encodeBytes(
    0xa4,
    concat(
      oid(options.enterprise ?? '1.3.6.1.4.1.11'),
      encodeBytes(BER_TAG.ipAddress, Uint8Array.from(options.agent ?? [127, 122, 0, 9])),
      encodeInteger(BER_TAG.integer, options.generic ?? 6),
      encodeInteger(BER_TAG.integer, options.specific ?? 3),
      encodeInteger(BER_TAG.timeTicks, 12_345),
      encodeBytes(BER_TAG.sequence, varbind),
    ),
  );
  return encodeBytes(BER_TAG.sequence, concat(encodeInteger(BER_TAG.integer, 0), encodeBytes(BER_TAG.octetString, new TextEncoder().encode(options.community ?? 'public')), pdu));
}
