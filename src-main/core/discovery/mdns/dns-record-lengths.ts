/**
 * A framing check of a DNS message before dns-packet decodes it. dns-packet reads A, AAAA and
 * name-valued records (PTR, CNAME, NS …) by their type, not by the RDLENGTH they carry: an A
 * record of 3 bytes becomes "127.0.0.undefined" at the end of a datagram, or borrows a byte of
 * the next record in the middle of one, and every record after it is read out of step. This
 * walks the message by the lengths it declares and says where they disagree with the types, so
 * such a datagram is ignored as a whole. Pure: no node:* imports, never throws.
 */

const HEADER_BYTES = 12;
/** Types whose RDATA has a fixed size. */
const FIXED_RDATA = new Map<number, { name: string; bytes: number }>([
  [1, { name: 'A', bytes: 4 }],
  [28, { name: 'AAAA', bytes: 16 }],
]);
/** Types whose RDATA is one domain name (dns-packet reads the name and ignores RDLENGTH). */
const NAME_RDATA = new Map<number, string>([
  [2, 'NS'],
  [5, 'CNAME'],
  [12, 'PTR'],
  [39, 'DNAME'],
]);
const SRV = 33;

/** Null when every record's RDLENGTH fits the message and its type; else what is wrong, with the byte offset. */
export function checkRecordLengths(message: Uint8Array): string | null {
  if (message.length < HEADER_BYTES) return `${message.length} bytes, shorter than a DNS header`;
  const count = (at: number): number => ((message[at] as number) << 8) | (message[at + 1] as number);
  const questions = count(4);
  const records = count(6) + count(8) + count(10);
  let at = HEADER_BYTES;
  for (let i = 0; i < questions; i++) {
    const end = skipName(message, at);
    if (typeof end === 'string') return `question ${i + 1}: ${end}`;
    at = end + 4;
    if (at > message.length) return `question ${i + 1} runs past the end of the message`;
  }
  for (let i = 0; i < records; i++) {
    const nameEnd = skipName(message, at);
    if (typeof nameEnd === 'string') return `record ${i + 1}: ${nameEnd}`;
    if (nameEnd + 10 > message.length) return `record ${i + 1} at byte ${at} runs past the end of the message`;
    const type = count(nameEnd);
    const length = count(nameEnd + 8);
    const start = nameEnd + 10;
    const end = start + length;
    if (end > message.length) return `record ${i + 1} at byte ${at} declares ${length} bytes of data, past the end of the message`;
    const problem = checkRdata(message, type, start, end);
    if (problem !== null) return `record ${i + 1} at byte ${at}: ${problem}`;
    at = end;
  }
  return null;
}

function checkRdata(message: Uint8Array, type: number, start: number, end: number): string | null {
  const length = end - start;
  const fixed = FIXED_RDATA.get(type);
  if (fixed !== undefined) return length === fixed.bytes ? null : `${fixed.name} record with ${length} bytes of data (${fixed.bytes} expected)`;
  const nameType = NAME_RDATA.get(type);
  if (nameType !== undefined) return nameFills(message, start, end, nameType);
  if (type === SRV) return length < 7 ? `SRV record with ${length} bytes of data (at least 7 expected)` : nameFills(message, start + 6, end, 'SRV');
  return null;
}

/** The name at `start` must end exactly at `end`, where the record's data ends. */
function nameFills(message: Uint8Array, start: number, end: number, type: string): string | null {
  const nameEnd = skipName(message, start, end);
  if (typeof nameEnd === 'string') return `${type} record: ${nameEnd}`;
  return nameEnd === end ? null : `${type} record's name ends at byte ${nameEnd}, its data at byte ${end}`;
}

/** The offset after the name at `at` (a compression pointer ends it), or what is wrong with it. */
function skipName(message: Uint8Array, at: number, limit = message.length): number | string {
  let pos = at;
  for (;;) {
    if (pos >= limit) return `name at byte ${at} runs past its end`;
    const length = message[pos] as number;
    if (length === 0) return pos + 1;
    if ((length & 0xc0) === 0xc0) return pos + 2 <= limit ? pos + 2 : `name at byte ${at} is cut inside a pointer`;
    if ((length & 0xc0) !== 0) return `name at byte ${at} has a label of unknown type 0x${length.toString(16)}`;
    pos += 1 + length;
  }
}
