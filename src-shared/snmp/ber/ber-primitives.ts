/**
 * BER building blocks for SNMP (X.690 definite-length subset): lengths, integers, OIDs and
 * a cursor-style reader that never allocates per field. Shared by the simulator (everything it
 * puts on the wire) and the core's probe scanner; pure, so encoders return plain Uint8Arrays.
 */

export const BER_TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  ipAddress: 0x40,
  counter32: 0x41,
  gauge32: 0x42,
  timeTicks: 0x43,
  opaque: 0x44,
  counter64: 0x46,
  noSuchObject: 0x80,
  noSuchInstance: 0x81,
  endOfMibView: 0x82,
} as const;

/** Thrown for any malformed or unsupported encoding; callers drop the datagram. */
export class BerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BerError';
  }
}

/** Bytes needed for the length field of `length` content bytes. */
export function lengthSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  return 4;
}

/** Size of a whole TLV with `contentLength` content bytes (one-byte tag). */
export function tlvSize(contentLength: number): number {
  return 1 + lengthSize(contentLength) + contentLength;
}

/** Writes tag and length at `offset`; returns the offset of the content. */
export function writeHeader(out: Uint8Array, offset: number, tag: number, length: number): number {
  out[offset++] = tag;
  if (length < 0x80) {
    out[offset++] = length;
  } else if (length < 0x100) {
    out[offset++] = 0x81;
    out[offset++] = length;
  } else if (length < 0x10000) {
    out[offset++] = 0x82;
    out[offset++] = length >>> 8;
    out[offset++] = length & 0xff;
  } else {
    out[offset++] = 0x83;
    out[offset++] = (length >>> 16) & 0xff;
    out[offset++] = (length >>> 8) & 0xff;
    out[offset++] = length & 0xff;
  }
  return offset;
}

/** Content bytes of a two's-complement INTEGER holding `value` (a safe integer). */
export function integerContentSize(value: number): number {
  let size = 1;
  // Each extra byte extends the representable signed range by 8 bits.
  let low = -0x80;
  let high = 0x7f;
  while (value < low || value > high) {
    size++;
    low *= 0x100;
    high = high * 0x100 + 0xff;
  }
  return size;
}

/** Writes an INTEGER-encoded TLV (any of the integer-like tags); returns the next offset. */
export function writeInteger(out: Uint8Array, offset: number, tag: number, value: number): number {
  const size = integerContentSize(value);
  offset = writeHeader(out, offset, tag, size);
  let v = value;
  for (let i = size - 1; i >= 0; i--) {
    out[offset + i] = ((v % 0x100) + 0x100) % 0x100;
    v = Math.floor(v / 0x100);
  }
  return offset + size;
}

/** A standalone INTEGER-style TLV (Integer32, Counter32, Gauge32, TimeTicks by `tag`). */
export function encodeInteger(tag: number, value: number): Uint8Array {
  const out = new Uint8Array(tlvSize(integerContentSize(value)));
  writeInteger(out, 0, tag, value);
  return out;
}

/** A Counter64-style TLV for a non-negative bigint below 2^64. */
export function encodeUnsigned64(tag: number, value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  const out = new Uint8Array(tlvSize(bytes.length));
  const at = writeHeader(out, 0, tag, bytes.length);
  for (let i = 0; i < bytes.length; i++) out[at + i] = bytes[i] ?? 0;
  return out;
}

/** A TLV around raw content bytes. */
export function encodeBytes(tag: number, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(tlvSize(content.length));
  out.set(content, writeHeader(out, 0, tag, content.length));
  return out;
}

/** Arcs of a dotted OID; throws RangeError for anything but digits and dots. */
export function oidToArcs(oid: string): number[] {
  const parts = oid.split('.');
  const arcs = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const n = Number(part);
    if (part === '' || !/^\d+$/.test(part) || n > 0xffffffff) throw new RangeError(`not a numeric OID: "${oid}"`);
    arcs[i] = n;
  }
  return arcs;
}

function subidSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** OBJECT IDENTIFIER TLV for the given arcs (the first two are merged as X.690 says). */
export function encodeOidArcs(arcs: readonly number[]): Uint8Array {
  const first = (arcs[0] ?? 0) * 40 + (arcs[1] ?? 0);
  let size = subidSize(first);
  for (let i = 2; i < arcs.length; i++) size += subidSize(arcs[i] ?? 0);
  const out = new Uint8Array(tlvSize(size));
  let at = writeHeader(out, 0, BER_TAG.oid, size);
  const put = (n: number): void => {
    const len = subidSize(n);
    for (let i = len - 1; i >= 0; i--) {
      out[at + i] = (n % 0x80) | (i === len - 1 ? 0 : 0x80);
      n = Math.floor(n / 0x80);
    }
    at += len;
  };
  put(first);
  for (let i = 2; i < arcs.length; i++) put(arcs[i] ?? 0);
  return out;
}

/** Numeric order of two arc lists (the order GETNEXT follows). */
export function compareArcs(a: readonly number[], b: readonly number[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Cursor over a BER buffer. `next()` reads one TLV header and leaves `start`/`end` on its
 * content; the caller either descends (`pos = start`) or skips (`pos = end`). Reads past
 * `limit` throw BerError, so a truncated or lying length can never read foreign memory.
 */
export class BerReader {
  pos: number;
  tag = 0;
  start = 0;
  end = 0;

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly limit = buf.length,
  ) {
    this.pos = pos;
  }

  /** Reads the next header (checking `expected` when given); content is [start, end). */
  next(expected?: number): number {
    const buf = this.buf;
    let p = this.pos;
    if (p + 2 > this.limit) throw new BerError('truncated header');
    const tag = buf[p++] as number;
    if (expected !== undefined && tag !== expected) {
      throw new BerError(`expected tag 0x${expected.toString(16)}, found 0x${tag.toString(16)}`);
    }
    let length = buf[p++] as number;
    if (length & 0x80) {
      // Any number of length octets (X.690 allows more than the minimum, and agents send
      // them: leading zeros); a value past the container fails below or here, never overflows.
      const count = length & 0x7f;
      if (count === 0 || count === 0x7f) throw new BerError('unsupported length form');
      if (p + count > this.limit) throw new BerError('truncated length');
      length = 0;
      for (let i = 0; i < count; i++) {
        length = length * 0x100 + (buf[p++] as number);
        if (length > this.limit) throw new BerError('content runs past its container');
      }
    }
    if (p + length > this.limit) throw new BerError('content runs past its container');
    this.tag = tag;
    this.start = p;
    this.end = p + length;
    return tag;
  }

  /** Enters a constructed TLV: returns a reader limited to its content. */
  enter(expected: number): BerReader {
    this.next(expected);
    this.pos = this.end;
    return new BerReader(this.buf, this.start, this.end);
  }

  /** Skips one TLV, returning its tag. */
  skip(expected?: number): number {
    const tag = this.next(expected);
    this.pos = this.end;
    return tag;
  }

  /** Reads an INTEGER-encoded TLV (any tag) as a signed number. */
  integer(expected: number = BER_TAG.integer): number {
    this.next(expected);
    this.pos = this.end;
    return readSigned(this.buf, this.start, this.end);
  }

  /** Reads an OCTET STRING TLV; content is left in [start, end). */
  octets(expected: number = BER_TAG.octetString): void {
    this.next(expected);
    this.pos = this.end;
  }

  /** True when the cursor is at its limit. */
  get done(): boolean {
    return this.pos >= this.limit;
  }
}

/** Two's-complement content as a number; up to 6 bytes so 32-bit unsigned values fit. */
export function readSigned(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len === 0 || len > 6) throw new BerError('integer length out of range');
  let v = (buf[start] as number) & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 0x100 + (buf[i] as number);
  return v;
}

/** Unsigned content as a bigint (Counter64). */
export function readUnsignedBig(buf: Uint8Array, start: number, end: number): bigint {
  if (end - start > 9) throw new BerError('Counter64 too long');
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(buf[i] as number);
  return v;
}

/** OID content as arcs; throws on an unterminated or oversized sub-identifier. */
export function readOidArcs(buf: Uint8Array, start: number, end: number): number[] {
  if (end <= start) throw new BerError('empty OID');
  const arcs: number[] = [];
  let v = 0;
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    v = v * 0x80 + (b & 0x7f);
    if (++bytes > 5) throw new BerError('sub-identifier too long');
    if (b & 0x80) continue;
    if (arcs.length === 0) {
      if (v < 40) arcs.push(0, v);
      else if (v < 80) arcs.push(1, v - 40);
      else arcs.push(2, v - 80);
    } else {
      if (v > 0xffffffff) throw new BerError('sub-identifier too large');
      arcs.push(v);
    }
    v = 0;
    bytes = 0;
  }
  if (bytes !== 0) throw new BerError('unterminated sub-identifier');
  return arcs;
}
