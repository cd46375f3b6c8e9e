import { DatagramReader, hex, NbnsDecodeError, readName, readUint16, type DecodedNetbiosName } from './nbns-datagram-reader';

export { NbnsDecodeError, type DecodedNetbiosName };

/**
 * NetBIOS Name Service (RFC 1001/1002) name query and name query response framing.
 * Only what a name lookup needs: the query (§4.2.12), the positive (§4.2.13) and negative
 * (§4.2.14) responses, and recognising a redirect (§4.2.15), which we do not follow.
 * NetBIOS scopes are decoded but never sent: every network we target uses the empty scope.
 */

/** Which NetBIOS service a name is registered for: 0x00 workstation, 0x20 file server. */
export type NetbiosSuffix = 0x00 | 0x20;

/** The node type bits (ONT) of an NB record: broadcast, point-to-point, mixed, hybrid. */
export type NetbiosNodeType = 'b' | 'p' | 'm' | 'h';

/** One address of an NB record, with its NB_FLAGS. */
export interface NbAddressEntry {
  address: string;
  /** The name is a group name (several hosts may hold it). */
  group: boolean;
  nodeType: NetbiosNodeType;
}

export interface NameQuery {
  transactionId: number;
  name: DecodedNetbiosName;
  /** B flag: the query was broadcast, so only the holder of the name should answer. */
  broadcast: boolean;
  recursionDesired: boolean;
}

export type NameQueryResponse =
  | {
      kind: 'positive';
      transactionId: number;
      name: DecodedNetbiosName;
      ttlSeconds: number;
      authoritative: boolean;
      entries: NbAddressEntry[];
    }
  | {
      kind: 'negative';
      transactionId: number;
      /** The name the server answered about, when the response carries one. */
      name: DecodedNetbiosName | null;
      rcode: number;
      message: string;
    }
  | {
      kind: 'redirect';
      transactionId: number;
    };

const HEADER_LENGTH = 12;
const ENCODED_NAME_LENGTH = 32;
const NAME_LENGTH = 15;
const TYPE_NB = 0x0020;
const TYPE_NULL = 0x000a;
const CLASS_IN = 0x0001;
const FLAG_RESPONSE = 0x8000;
const OPCODE_MASK = 0x7800;
const FLAG_AUTHORITATIVE = 0x0400;
const FLAG_RECURSION_DESIRED = 0x0100;
const FLAG_RECURSION_AVAILABLE = 0x0080;
const FLAG_BROADCAST = 0x0010;
const RCODE_MASK = 0x000f;
const NB_FLAG_GROUP = 0x8000;
const NB_ENTRY_LENGTH = 6;
// Windows refuses these in computer names; a name holding one cannot be registered anywhere.
const FORBIDDEN_NAME_CHARACTERS = '\\/:*?"<>|';
const NODE_TYPES: readonly NetbiosNodeType[] = ['b', 'p', 'm', 'h'];

/** RFC 1002 §4.2.14 RCODEs, worded for the person reading the error. */
const RCODE_MESSAGES: Readonly<Record<number, string>> = {
  1: 'the name server could not understand the query (format error)',
  2: 'the name server failed (server error)',
  3: 'the name is not registered (name error)',
  4: 'the name server does not support this request (not implemented)',
  5: 'the name server refused the query (refused)',
  6: 'the name is active under another owner (active error)',
  7: 'the name is in conflict (conflict error)',
};

/** RCODE 3 (NAM_ERR): the name server knows the name is not registered. */
export const RCODE_NAME_ERROR = 3;

/** The words for an RCODE; never fails (unknown codes are named by number). */
export function describeRcode(rcode: number): string {
  return RCODE_MESSAGES[rcode] ?? `the name server answered with unknown error code ${rcode}`;
}

/**
 * Upper-cases and checks a NetBIOS name (1–15 printable ASCII characters, none of \ / : * ? " < > |).
 * Throws a RangeError naming the name and the rule it breaks.
 */
export function normaliseNetbiosName(name: string): string {
  const upper = name.toUpperCase();
  if (upper.length === 0) throw new RangeError('NetBIOS name is empty');
  if (upper.length > NAME_LENGTH) {
    throw new RangeError(`NetBIOS name "${name}" is ${upper.length} characters long; at most ${NAME_LENGTH} are allowed`);
  }
  for (const character of upper) {
    const code = character.charCodeAt(0);
    if (code <= 0x20 || code > 0x7e || FORBIDDEN_NAME_CHARACTERS.includes(character)) {
      throw new RangeError(`NetBIOS name "${name}" holds the character ${JSON.stringify(character)}, which a NetBIOS name may not contain`);
    }
  }
  return upper;
}

/** "PRINTER<20>": the usual way to write a name with its suffix; never fails. */
export function formatNetbiosName(name: string, suffix: number): string {
  return `${name.toUpperCase()}<${suffix.toString(16).padStart(2, '0').toUpperCase()}>`;
}

/**
 * The 32-byte first-level encoding of a name (RFC 1001 §14.1): padded to 15 with spaces, the
 * suffix as 16th byte, each nibble as 'A' + nibble. Throws a RangeError for an invalid name.
 */
export function encodeNetbiosName(name: string, suffix: NetbiosSuffix): Buffer {
  const raw = Buffer.alloc(16, 0x20);
  raw.write(normaliseNetbiosName(name), 0, 'latin1');
  raw[15] = suffix;
  const encoded = Buffer.alloc(ENCODED_NAME_LENGTH);
  raw.forEach((byte, index) => {
    encoded[index * 2] = 0x41 + (byte >> 4);
    encoded[index * 2 + 1] = 0x41 + (byte & 0x0f);
  });
  return encoded;
}

/**
 * A NAME QUERY REQUEST (RFC 1002 §4.2.12) with RD set, and B set when broadcast.
 * Throws a RangeError for an invalid name or a transaction id outside 0–65535.
 */
export function encodeNameQuery(query: { transactionId: number; name: string; suffix: NetbiosSuffix; broadcast: boolean }): Buffer {
  const header = encodeHeader(query.transactionId, FLAG_RECURSION_DESIRED | (query.broadcast ? FLAG_BROADCAST : 0), 1, 0);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(TYPE_NB, 0);
  tail.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([header, encodeQuestionName(query.name, query.suffix), tail]);
}

/**
 * A POSITIVE NAME QUERY RESPONSE (§4.2.13) carrying the given addresses.
 * Throws a RangeError for an invalid name, id, TTL, address or an empty address list.
 */
export function encodePositiveResponse(response: {
  transactionId: number;
  name: string;
  suffix: NetbiosSuffix;
  ttlSeconds: number;
  entries: readonly NbAddressEntry[];
}): Buffer {
  if (response.entries.length === 0) throw new RangeError('a positive name query response needs at least one address');
  if (response.entries.length * NB_ENTRY_LENGTH > 0xffff) throw new RangeError('too many addresses for one NB record');
  const flags = FLAG_RESPONSE | FLAG_AUTHORITATIVE | FLAG_RECURSION_DESIRED | FLAG_RECURSION_AVAILABLE;
  const rdata = Buffer.alloc(response.entries.length * NB_ENTRY_LENGTH);
  response.entries.forEach((entry, index) => {
    const offset = index * NB_ENTRY_LENGTH;
    const nodeBits = NODE_TYPES.indexOf(entry.nodeType) << 13;
    rdata.writeUInt16BE((entry.group ? NB_FLAG_GROUP : 0) | nodeBits, offset);
    ipv4ToBytes(entry.address).copy(rdata, offset + 2);
  });
  return Buffer.concat([
    encodeHeader(response.transactionId, flags, 0, 1),
    encodeResourceRecord(response.name, response.suffix, TYPE_NB, response.ttlSeconds, rdata),
  ]);
}

/**
 * A NEGATIVE NAME QUERY RESPONSE (§4.2.14) with the given RCODE (1–7).
 * Throws a RangeError for an invalid name, id or RCODE.
 */
export function encodeNegativeResponse(response: { transactionId: number; name: string; suffix: NetbiosSuffix; rcode: number }): Buffer {
  if (!Number.isInteger(response.rcode) || response.rcode < 1 || response.rcode > 7) {
    throw new RangeError(`RCODE ${response.rcode} is not a negative response code (1–7)`);
  }
  const flags = FLAG_RESPONSE | FLAG_AUTHORITATIVE | FLAG_RECURSION_DESIRED | FLAG_RECURSION_AVAILABLE | response.rcode;
  return Buffer.concat([
    encodeHeader(response.transactionId, flags, 0, 1),
    encodeResourceRecord(response.name, response.suffix, TYPE_NULL, 0, Buffer.alloc(0)),
  ]);
}

/**
 * Reads a NAME QUERY REQUEST (for responders). Throws NbnsDecodeError for anything else or a
 * malformed datagram.
 */
export function decodeNameQuery(datagram: Uint8Array): NameQuery {
  const reader = new DatagramReader(datagram);
  const header = readHeader(reader);
  if (header.flags & FLAG_RESPONSE) throw new NbnsDecodeError('header flags', 2, 'a response, not a query');
  if (header.flags & OPCODE_MASK) throw new NbnsDecodeError('header flags', 2, `opcode ${(header.flags & OPCODE_MASK) >> 11} is not a name query`);
  if (header.questions !== 1) throw new NbnsDecodeError('QDCOUNT', 4, `${header.questions} questions; a name query has exactly 1`);
  const name = readName(reader, 'question name');
  const typeOffset = reader.offset;
  const type = reader.uint16('question type');
  if (type !== TYPE_NB) throw new NbnsDecodeError('question type', typeOffset, `0x${hex(type)} is not NB (0x0020)`);
  const classOffset = reader.offset;
  const questionClass = reader.uint16('question class');
  if (questionClass !== CLASS_IN) throw new NbnsDecodeError('question class', classOffset, `0x${hex(questionClass)} is not IN (0x0001)`);
  return {
    transactionId: header.transactionId,
    name,
    broadcast: (header.flags & FLAG_BROADCAST) !== 0,
    recursionDesired: (header.flags & FLAG_RECURSION_DESIRED) !== 0,
  };
}

/**
 * Reads a name query response: positive (addresses with NB flags), negative (RCODE and its
 * words) or redirect. Throws NbnsDecodeError naming the field and byte offset when malformed.
 */
export function decodeNameQueryResponse(datagram: Uint8Array): NameQueryResponse {
  const reader = new DatagramReader(datagram);
  const header = readHeader(reader);
  if (!(header.flags & FLAG_RESPONSE)) throw new NbnsDecodeError('header flags', 2, 'a request, not a response');
  if (header.flags & OPCODE_MASK) throw new NbnsDecodeError('header flags', 2, `opcode ${(header.flags & OPCODE_MASK) >> 11} is not a name query response`);
  if (header.questions !== 0) throw new NbnsDecodeError('QDCOUNT', 4, `${header.questions} questions; a response carries none`);
  const rcode = header.flags & RCODE_MASK;
  if (rcode !== 0) {
    // The record of a negative response is optional in practice; read it when present, strictly.
    const record = header.answers > 0 ? readResourceRecord(reader, 'answer') : null;
    return { kind: 'negative', transactionId: header.transactionId, name: record?.name ?? null, rcode, message: describeRcode(rcode) };
  }
  if (header.answers === 0) {
    if (header.authorities > 0) return { kind: 'redirect', transactionId: header.transactionId };
    throw new NbnsDecodeError('ANCOUNT', 6, 'a positive response without an answer record');
  }
  if (header.answers !== 1) throw new NbnsDecodeError('ANCOUNT', 6, `${header.answers} answer records; a name query response has 1`);
  const record = readResourceRecord(reader, 'answer');
  if (record.type !== TYPE_NB) throw new NbnsDecodeError('answer type', record.typeOffset, `0x${hex(record.type)} is not NB (0x0020)`);
  if (record.recordClass !== CLASS_IN) throw new NbnsDecodeError('answer class', record.typeOffset + 2, `0x${hex(record.recordClass)} is not IN (0x0001)`);
  if (record.rdata.length === 0 || record.rdata.length % NB_ENTRY_LENGTH !== 0) {
    throw new NbnsDecodeError('answer RDLENGTH', record.rdataOffset - 2, `${record.rdata.length} is not a positive multiple of ${NB_ENTRY_LENGTH}`);
  }
  const entries: NbAddressEntry[] = [];
  for (let offset = 0; offset < record.rdata.length; offset += NB_ENTRY_LENGTH) {
    const flags = readUint16(record.rdata, offset);
    entries.push({
      address: Array.from(record.rdata.subarray(offset + 2, offset + NB_ENTRY_LENGTH)).join('.'),
      group: (flags & NB_FLAG_GROUP) !== 0,
      nodeType: NODE_TYPES[(flags >> 13) & 0x3] ?? 'b',
    });
  }
  return {
    kind: 'positive',
    transactionId: header.transactionId,
    name: record.name,
    ttlSeconds: record.ttl,
    authoritative: (header.flags & FLAG_AUTHORITATIVE) !== 0,
    entries,
  };
}

function encodeHeader(transactionId: number, flags: number, questions: number, answers: number): Buffer {
  if (!Number.isInteger(transactionId) || transactionId < 0 || transactionId > 0xffff) {
    throw new RangeError(`transaction id ${transactionId} is outside 0–65535`);
  }
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt16BE(transactionId, 0);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(questions, 4);
  header.writeUInt16BE(answers, 6);
  return header;
}

function encodeQuestionName(name: string, suffix: NetbiosSuffix): Buffer {
  // Length byte 0x20, the 32 encoded bytes, then the empty scope's terminating zero label.
  return Buffer.concat([Buffer.from([ENCODED_NAME_LENGTH]), encodeNetbiosName(name, suffix), Buffer.from([0])]);
}

function encodeResourceRecord(name: string, suffix: NetbiosSuffix, type: number, ttlSeconds: number, rdata: Buffer): Buffer {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 0xffffffff) throw new RangeError(`TTL ${ttlSeconds} is outside 0–2^32-1`);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(CLASS_IN, 2);
  fixed.writeUInt32BE(ttlSeconds, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([encodeQuestionName(name, suffix), fixed, rdata]);
}

function ipv4ToBytes(address: string): Buffer {
  const parts = address.split('.');
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  if (bytes.length !== 4 || bytes.some((byte) => !(byte >= 0 && byte <= 255))) {
    throw new RangeError(`"${address}" is not an IPv4 address`);
  }
  return Buffer.from(bytes);
}

interface Header {
  transactionId: number;
  flags: number;
  questions: number;
  answers: number;
  authorities: number;
}

function readHeader(reader: DatagramReader): Header {
  if (reader.length < HEADER_LENGTH) throw new NbnsDecodeError('header', 0, `${reader.length} bytes; the header alone needs ${HEADER_LENGTH}`);
  const transactionId = reader.uint16('transaction id');
  const flags = reader.uint16('flags');
  const questions = reader.uint16('QDCOUNT');
  const answers = reader.uint16('ANCOUNT');
  const authorities = reader.uint16('NSCOUNT');
  reader.uint16('ARCOUNT');
  return { transactionId, flags, questions, answers, authorities };
}

interface ResourceRecord {
  name: DecodedNetbiosName;
  type: number;
  typeOffset: number;
  recordClass: number;
  ttl: number;
  rdata: Uint8Array;
  rdataOffset: number;
}

function readResourceRecord(reader: DatagramReader, what: string): ResourceRecord {
  const name = readName(reader, `${what} name`);
  const typeOffset = reader.offset;
  const type = reader.uint16(`${what} type`);
  const recordClass = reader.uint16(`${what} class`);
  const ttl = reader.uint32(`${what} TTL`);
  const rdataLength = reader.uint16(`${what} RDLENGTH`);
  const rdataOffset = reader.offset;
  const rdata = reader.bytes(rdataLength, `${what} RDATA`);
  return { name, type, typeOffset, recordClass, ttl, rdata, rdataOffset };
}
