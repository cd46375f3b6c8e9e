import { encodeBytes, encodeInteger, encodeOidArcs, oidToArcs } from '../../src-shared/snmp/ber/ber-primitives';

/**
 * Seeded mutations of a well-formed datagram, for fuzzing decoders: what a buggy agent, a
 * truncating middlebox or a hostile host could send. Most mutants keep most of the original
 * (so they pass the first checks, an XID or a request id, and reach deep into a decoder); a few
 * are random bytes. Pure and deterministic for a given `random`.
 */

/** Values that sit on the edges of length and count fields. */
const EDGE_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff] as const;
const EDGE_WORDS = [0x0000, 0x0001, 0x7fff, 0x8000, 0xfffe, 0xffff] as const;
/** Never more than a loopback datagram may carry, nor much more than the original. */
const MAX_GROWTH = 96;

export type Random = () => number;

/** A whole number in [0, n). */
export function pick(random: Random, n: number): number {
  return Math.floor(random() * n) % Math.max(1, n);
}

/** One to three mutations of `base` (never `base` itself unchanged, unless it is empty and stays so). */
export function mutateDatagram(base: Uint8Array, random: Random): Buffer {
  if (base.length === 0 || random() < 0.04) return randomBytes(random, 1 + pick(random, 512));
  let bytes: Buffer = Buffer.from(base);
  const steps = 1 + pick(random, 3);
  for (let step = 0; step < steps; step++) bytes = mutateOnce(bytes, random);
  return bytes.length > base.length + MAX_GROWTH ? bytes.subarray(0, base.length + MAX_GROWTH) : bytes;
}

function mutateOnce(bytes: Buffer, random: Random): Buffer {
  const at = pick(random, bytes.length);
  switch (pick(random, 10)) {
    case 0: {
      const out = Buffer.from(bytes);
      out[at] = (out[at] as number) ^ (1 << pick(random, 8));
      return out;
    }
    case 1: {
      const out = Buffer.from(bytes);
      out[at] = EDGE_BYTES[pick(random, EDGE_BYTES.length)] as number;
      return out;
    }
    case 2: {
      // A length or count field (16 bits in SLP, DNS and NBNS; BER lengths are bytes).
      if (bytes.length < 2) return bytes;
      const out = Buffer.from(bytes);
      out.writeUInt16BE(EDGE_WORDS[pick(random, EDGE_WORDS.length)] as number, pick(random, bytes.length - 1));
      return out;
    }
    case 3:
      return bytes.subarray(0, at); // truncated
    case 4:
      return Buffer.concat([bytes, randomBytes(random, 1 + pick(random, 32))]);
    case 5:
      return Buffer.concat([bytes.subarray(0, at), randomBytes(random, 1 + pick(random, 8)), bytes.subarray(at)]);
    case 6:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + pick(random, 8)))]);
    case 7: {
      const length = 1 + pick(random, 16);
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + length), bytes.subarray(at)]); // a slice repeated
    }
    case 8: {
      // A field grown by one byte with the byte before it taken for its length (BER, SLP strings, DNS labels):
      // the structure still parses, the value no longer fits where it goes.
      const out = Buffer.concat([bytes.subarray(0, at + 1), randomBytes(random, 1), bytes.subarray(at + 1)]);
      if (at > 0) out[at - 1] = ((out[at - 1] as number) + 1) & 0xff;
      return out;
    }
    default: {
      const out = Buffer.from(bytes);
      for (let i = 0; i < 1 + pick(random, 4); i++) out[pick(random, out.length)] = pick(random, 256);
      return out;
    }
  }
}

function randomBytes(random: Random, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = pick(random, 256);
  return out;
}

/** Integers at the edges of the SNMP types, and past them (an agent may send a 5-byte INTEGER). */
const EDGE_INTEGERS = [0, 1, -1, 127, 128, 255, 256, 0x7fffffff, 0x80000000, -0x80000000, -0x80000001, 0xffffffff, 2 ** 32, 2 ** 40, -(2 ** 40), 2 ** 47 - 1, -(2 ** 47)] as const;
/** INTEGER-coded tags: Integer32, Counter32, Gauge32, TimeTicks, Counter64. */
const INTEGER_TAGS = [0x02, 0x41, 0x42, 0x43, 0x46] as const;

/**
 * A well-formed BER value TLV of a random SNMP type, often at or past the edge of its range:
 * structure a decoder accepts, values its callers may not expect. Mutating bytes rarely makes
 * these (a grown INTEGER breaks the lengths around it), so fuzzers mix them in.
 */
export function randomBerValue(random: Random): Uint8Array {
  switch (pick(random, 6)) {
    case 0:
    case 1:
      return encodeInteger(INTEGER_TAGS[pick(random, INTEGER_TAGS.length)] as number, EDGE_INTEGERS[pick(random, EDGE_INTEGERS.length)] as number);
    case 2:
      return encodeBytes(0x04, randomBytes(random, pick(random, 40)));
    case 3:
      return encodeBytes(0x40, randomBytes(random, pick(random, 3) === 0 ? pick(random, 8) : 4)); // IpAddress, sometimes not 4 bytes
    case 4:
      return encodeBytes(0x06, randomBytes(random, 1 + pick(random, 12)));
    default:
      return encodeBytes([0x05, 0x80, 0x81, 0x82, 0x44, 0x47, 0x30][pick(random, 7)] as number, randomBytes(random, pick(random, 3)));
  }
}

/** A varbind list TLV: `oids` each with a random value (randomBerValue). */
export function randomVarbindList(random: Random, oids: readonly string[]): Uint8Array {
  const varbinds = oids.map((oid) => encodeBytes(0x30, Buffer.concat([encodeOidArcs(oidToArcs(oid)), randomBerValue(random)])));
  return encodeBytes(0x30, Buffer.concat(varbinds));
}

/** A v1/v2c message around a PDU of `pduTag` with a random (often out-of-range) request id and this varbind list. */
export function berMessage(random: Random, version: 0 | 1, pduTag: number, varbindList: Uint8Array, requestId = EDGE_INTEGERS[pick(random, EDGE_INTEGERS.length)] as number): Uint8Array {
  const community = pick(random, 4) === 0 ? randomBytes(random, pick(random, 8)) : Buffer.from('public');
  const pdu = encodeBytes(pduTag, Buffer.concat([encodeInteger(0x02, requestId), encodeInteger(0x02, pick(random, 4) === 0 ? pick(random, 20) : 0), encodeInteger(0x02, pick(random, 4) === 0 ? pick(random, 10) : 0), varbindList]));
  return encodeBytes(0x30, Buffer.concat([encodeInteger(0x02, version), encodeBytes(0x04, community), pdu]));
}
