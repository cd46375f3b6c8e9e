/**
 * Bounds-checked reading of SLPv2 wire fields (RFC 2608 §4–§9). Pure: no node:* imports.
 * Every read checks the remaining bytes first, so a hostile datagram can only ever produce a
 * SlpDecodeError naming the field and the offset, never an out-of-range read or another error.
 */

/** A datagram that is not a well-formed SLPv2 message; `offset` is where the problem was found. */
export class SlpDecodeError extends Error {
  override readonly name = 'SlpDecodeError';

  constructor(readonly reason: string, readonly offset: number) {
    super(`${reason} (at offset ${offset})`);
  }
}

// fatal: a reply with invalid UTF-8 is malformed, not something to show with U+FFFD in it;
// ignoreBOM keeps a leading U+FEFF so that text and byte offsets stay in step.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 bytes; throws SlpDecodeError at `offset` when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what: string, offset: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new SlpDecodeError(`${what} is not valid UTF-8`, offset);
  }
}

/** A cursor over bytes[start, end); every read throws SlpDecodeError instead of reading past end. */
export class SlpWireReader {
  private position: number;

  constructor(private readonly bytes: Uint8Array, start: number, private readonly end: number) {
    this.position = start;
  }

  /** Offset of the next byte, counted from the start of the datagram. */
  get offset(): number {
    return this.position;
  }

  /** Bytes left before the end of this reader's window. */
  get remaining(): number {
    return this.end - this.position;
  }

  /** Reads an 8-bit unsigned field; throws SlpDecodeError when truncated. */
  u8(what: string): number {
    return this.unsigned(1, what);
  }

  /** Reads a 16-bit big-endian unsigned field; throws SlpDecodeError when truncated. */
  u16(what: string): number {
    return this.unsigned(2, what);
  }

  /** Reads a 32-bit big-endian unsigned field; throws SlpDecodeError when truncated. */
  u32(what: string): number {
    return this.unsigned(4, what);
  }

  /** Returns (a view of) the next `count` bytes; throws SlpDecodeError when fewer are left. */
  take(count: number, what: string): Uint8Array {
    this.require(count, what);
    const view = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return view;
  }

  /** Reads a 16-bit length and that many bytes of UTF-8; throws SlpDecodeError when truncated or invalid. */
  string16(what: string): string {
    const lengthOffset = this.position;
    const length = this.u16(`length of ${what}`);
    if (length > this.remaining) {
      throw new SlpDecodeError(`${what} length ${length} runs past the end of the message (${this.remaining} bytes left)`, lengthOffset);
    }
    const start = this.position;
    return decodeUtf8(this.take(length, what), what, start);
  }

  private unsigned(size: number, what: string): number {
    this.require(size, what);
    let value = 0;
    for (let index = 0; index < size; index += 1) {
      // Multiplication, not <<, so 32-bit values stay positive.
      value = value * 256 + (this.bytes[this.position + index] ?? 0);
    }
    this.position += size;
    return value;
  }

  private require(count: number, what: string): void {
    if (count > this.remaining) {
      throw new SlpDecodeError(`truncated ${what}: needs ${count} bytes, ${this.remaining} left`, this.position);
    }
  }
}
