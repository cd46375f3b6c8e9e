/** Bounds-checked reading of NBNS datagrams and their names; every failure names field and byte. */

/** A decoded first-level encoded NetBIOS name. */
export interface DecodedNetbiosName {
  /** The name without its space padding, as sent (normally upper case). */
  name: string;
  suffix: number;
  /** The NetBIOS scope ('' for none), dot-separated. */
  scope: string;
}

/** A datagram that is not a well-formed NBNS message; says what was wrong and at which byte. */
export class NbnsDecodeError extends Error {
  constructor(
    readonly field: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`malformed NBNS datagram: ${field} at byte ${offset}: ${detail}`);
    this.name = 'NbnsDecodeError';
  }
}

const ENCODED_NAME_LENGTH = 32;
const MAX_POINTER_HOPS = 8;

/** Reads a compressed name whose first label is a first-level encoded NetBIOS name; throws NbnsDecodeError when malformed. */
export function readName(reader: DatagramReader, field: string): DecodedNetbiosName {
  const labels: Array<{ text: Uint8Array; offset: number }> = [];
  let position = reader.offset;
  let resumeAt: number | null = null;
  let hops = 0;
  let total = 0;
  while (true) {
    const lengthOffset = position;
    const length = reader.byteAt(position, `${field} label length`);
    if ((length & 0xc0) === 0xc0) {
      const low = reader.byteAt(position + 1, `${field} pointer`);
      hops += 1;
      if (hops > MAX_POINTER_HOPS) throw new NbnsDecodeError(field, lengthOffset, `more than ${MAX_POINTER_HOPS} compression pointers (a loop?)`);
      resumeAt ??= position + 2;
      const target = ((length & 0x3f) << 8) | low;
      // Only backward pointers: a forward one cannot refer to an already written name.
      if (target >= lengthOffset) throw new NbnsDecodeError(field, lengthOffset, `compression pointer to byte ${target} does not point backwards`);
      position = target;
      continue;
    }
    if (length & 0xc0) throw new NbnsDecodeError(field, lengthOffset, `label type 0x${hex(length & 0xc0)} is reserved`);
    if (length === 0) {
      position += 1;
      break;
    }
    const text = reader.slice(position + 1, length, `${field} label`);
    total += length + 1;
    if (total > 255) throw new NbnsDecodeError(field, lengthOffset, 'name longer than 255 bytes');
    labels.push({ text, offset: lengthOffset });
    position += 1 + length;
  }
  reader.seek(resumeAt ?? position);
  const first = labels[0];
  if (!first) throw new NbnsDecodeError(field, reader.offset, 'empty name');
  if (first.text.length !== ENCODED_NAME_LENGTH) {
    throw new NbnsDecodeError(field, first.offset, `first label is ${first.text.length} bytes; an encoded NetBIOS name is ${ENCODED_NAME_LENGTH}`);
  }
  const raw = new Uint8Array(16);
  for (let index = 0; index < 16; index += 1) {
    const high = (first.text[index * 2] ?? 0) - 0x41;
    const low = (first.text[index * 2 + 1] ?? 0) - 0x41;
    if (high < 0 || high > 15 || low < 0 || low > 15) {
      throw new NbnsDecodeError(field, first.offset + 1 + index * 2, "encoded name byte outside 'A'–'P'");
    }
    raw[index] = (high << 4) | low;
  }
  return {
    name: Buffer.from(raw.subarray(0, 15)).toString('latin1').replace(/ +$/, ''),
    suffix: raw[15] ?? 0,
    scope: labels.slice(1).map((label) => Buffer.from(label.text).toString('latin1')).join('.'),
  };
}

/** Bounds-checked reads; every failure names the field and the offset. */
export class DatagramReader {
  offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get length(): number {
    return this.data.length;
  }

  seek(offset: number): void {
    this.offset = offset;
  }

  byteAt(position: number, field: string): number {
    const value = this.data[position];
    if (value === undefined) throw this.truncated(field, position, 1);
    return value;
  }

  slice(position: number, length: number, field: string): Uint8Array {
    if (position + length > this.data.length) throw this.truncated(field, position, length);
    return this.data.subarray(position, position + length);
  }

  bytes(length: number, field: string): Uint8Array {
    const value = this.slice(this.offset, length, field);
    this.offset += length;
    return value;
  }

  uint16(field: string): number {
    return readUint16(this.bytes(2, field), 0);
  }

  uint32(field: string): number {
    const bytes = this.bytes(4, field);
    return readUint16(bytes, 0) * 0x10000 + readUint16(bytes, 2);
  }

  private truncated(field: string, position: number, needed: number): NbnsDecodeError {
    const left = Math.max(0, this.data.length - position);
    return new NbnsDecodeError(field, position, `needs ${needed} byte${needed === 1 ? '' : 's'}, ${left} left (datagram is ${this.data.length} bytes)`);
  }
}

/** Big-endian 16 bits; the caller has checked the bounds (missing bytes read as 0). */
export function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/** Four hex digits for messages; never fails. */
export function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
