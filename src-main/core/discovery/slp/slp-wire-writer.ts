/** Building SLPv2 wire fields (RFC 2608), big-endian. Pure: no node:* imports. */

const utf8 = new TextEncoder();

/** Appends fields to a growing message; field setters throw RangeError for values that do not fit. */
export class SlpWireWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** Number of bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** Appends an 8-bit field; throws RangeError outside 0..255. */
  u8(value: number, what: string): this {
    return this.unsigned(value, 1, what);
  }

  /** Appends a 16-bit field; throws RangeError outside 0..65535. */
  u16(value: number, what: string): this {
    return this.unsigned(value, 2, what);
  }

  /** Appends a 24-bit field; throws RangeError outside 0..16777215. */
  u24(value: number, what: string): this {
    return this.unsigned(value, 3, what);
  }

  /** Appends a 32-bit field; throws RangeError outside 0..4294967295. */
  u32(value: number, what: string): this {
    return this.unsigned(value, 4, what);
  }

  /** Appends raw bytes. Never fails. */
  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** Appends a 16-bit length and the UTF-8 text; throws RangeError when it exceeds 65535 bytes. */
  string16(text: string, what: string): this {
    const encoded = utf8.encode(text);
    this.u16(encoded.length, `length of ${what}`);
    return this.bytes(encoded);
  }

  /** Overwrites a 24-bit field written earlier (the message length); throws RangeError when it does not fit. */
  patchU24(offset: number, value: number, what: string): this {
    checkUnsigned(value, 3, what);
    this.buffer[offset] = (value >>> 16) & 0xff;
    this.buffer[offset + 1] = (value >>> 8) & 0xff;
    this.buffer[offset + 2] = value & 0xff;
    return this;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private unsigned(value: number, size: number, what: string): this {
    checkUnsigned(value, size, what);
    this.ensure(size);
    let rest = value;
    for (let index = size - 1; index >= 0; index -= 1) {
      this.buffer[this.length + index] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    this.length += size;
    return this;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

function checkUnsigned(value: number, size: number, what: string): void {
  const max = 2 ** (8 * size) - 1;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer from 0 to ${max}, got ${value}`);
  }
}
