import { describe, expect, it } from 'vitest';
import {
  decodeNameQuery,
  decodeNameQueryResponse,
  describeRcode,
  encodeNameQuery,
  encodeNegativeResponse,
  encodeNetbiosName,
  encodePositiveResponse,
  formatNetbiosName,
  NbnsDecodeError,
} from '../../../src-main/core/discovery/netbios/nbns-codec';

// RFC 1001 §14.1: "FRED" padded with spaces encodes to EGFCEFEE followed by CA pairs.
const FRED_20 = 'EGFCEFEECACACACACACACACACACACACA';
const FRED_00 = 'EGFCEFEECACACACACACACACACACACAAA';
const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');
const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** Header + "FRED<00>" question/record name (0x20, 32 bytes, empty scope). */
const NAME = `20 ${ascii(FRED_00)} 00`;
const POSITIVE = bytes(`1234 8580 0000 0001 0000 0000 ${NAME} 0020 0001 000493e0 0006 6000 c0a80105`);

function decodeError(datagram: Buffer, decode: (datagram: Uint8Array) => unknown = decodeNameQueryResponse): NbnsDecodeError {
  try {
    decode(datagram);
  } catch (error) {
    if (error instanceof NbnsDecodeError) return error;
    throw error;
  }
  throw new Error('decoded without error');
}

describe('NetBIOS first-level name encoding', () => {
  it('encodes the RFC 1001 example with either suffix', () => {
    expect(encodeNetbiosName('FRED', 0x20).toString('latin1')).toBe(FRED_20);
    expect(encodeNetbiosName('FRED', 0x00).toString('latin1')).toBe(FRED_00);
  });

  it('upper-cases lower-case names, as NetBIOS names are case-insensitive', () => {
    expect(encodeNetbiosName('fred', 0x00)).toEqual(encodeNetbiosName('FRED', 0x00));
    expect(formatNetbiosName('prn-01', 0x20)).toBe('PRN-01<20>');
  });

  it('accepts 15 characters and rejects 16, naming the length', () => {
    expect(encodeNetbiosName('ABCDEFGHIJKLMNO', 0x00)).toHaveLength(32);
    expect(() => encodeNetbiosName('ABCDEFGHIJKLMNOP', 0x00)).toThrow(/16 characters long; at most 15/);
  });

  it.each([
    ['', /empty/],
    ['MY PRINTER', /character " "/],
    ['PRN*', /character "\*"/],
    ['A\\B', /character "\\\\"/],
    ['DRUCKER-Ü', /character "Ü"/],
    ['TAB\tNAME', /character "\\t"/],
  ])('rejects %j', (name, message) => {
    expect(() => encodeNetbiosName(name, 0x00)).toThrow(message);
  });
});

describe('NBNS name query', () => {
  it('encodes a unicast query byte for byte (RD set, QDCOUNT 1, NB/IN)', () => {
    const query = encodeNameQuery({ transactionId: 0x1234, name: 'fred', suffix: 0x00, broadcast: false });
    expect(query.toString('hex')).toBe(bytes(`1234 0100 0001 0000 0000 0000 ${NAME} 0020 0001`).toString('hex'));
  });

  it('sets the B flag for a broadcast query', () => {
    const query = encodeNameQuery({ transactionId: 0xbeef, name: 'FRED', suffix: 0x20, broadcast: true });
    expect(query.subarray(0, 4).toString('hex')).toBe('beef0110');
    expect(query).toHaveLength(50);
  });

  it('rejects a transaction id outside 16 bits', () => {
    expect(() => encodeNameQuery({ transactionId: 0x10000, name: 'FRED', suffix: 0x00, broadcast: false })).toThrow(/outside 0–65535/);
  });

  it('decodes its own query back (for the responder)', () => {
    const query = decodeNameQuery(encodeNameQuery({ transactionId: 7, name: 'Printer1', suffix: 0x20, broadcast: true }));
    expect(query).toEqual({ transactionId: 7, name: { name: 'PRINTER1', suffix: 0x20, scope: '' }, broadcast: true, recursionDesired: true });
  });

  it('refuses a response, a node status query and a query without question as a query', () => {
    expect(decodeError(POSITIVE, decodeNameQuery).message).toMatch(/a response, not a query/);
    const status = bytes(`0001 0000 0001 0000 0000 0000 ${NAME} 0021 0001`);
    expect(decodeError(status, decodeNameQuery)).toMatchObject({ field: 'question type', offset: 46 });
    const noQuestion = bytes('0001 0100 0000 0000 0000 0000');
    expect(decodeError(noQuestion, decodeNameQuery)).toMatchObject({ field: 'QDCOUNT', offset: 4 });
  });
});

describe('NBNS name query response', () => {
  it('decodes a positive response: addresses, NB flags, TTL', () => {
    expect(decodeNameQueryResponse(POSITIVE)).toEqual({
      kind: 'positive',
      transactionId: 0x1234,
      name: { name: 'FRED', suffix: 0, scope: '' },
      ttlSeconds: 300_000,
      authoritative: true,
      entries: [{ address: '192.168.1.5', group: false, nodeType: 'h' }],
    });
  });

  it('decodes every address of a group name with its node type', () => {
    const datagram = bytes(`0001 8500 0000 0001 0000 0000 ${NAME} 0020 0001 00000000 000c 8000 0a000001 c000 0a000002`);
    const response = decodeNameQueryResponse(datagram);
    expect(response.kind === 'positive' && response.entries).toEqual([
      { address: '10.0.0.1', group: true, nodeType: 'b' },
      { address: '10.0.0.2', group: true, nodeType: 'm' },
    ]);
  });

  it('decodes a scope after the encoded name', () => {
    const scoped = bytes(`0001 8500 0000 0001 0000 0000 20 ${ascii(FRED_00)} 03 ${ascii('lab')} 03 ${ascii('org')} 00 0020 0001 00000000 0006 0000 7f000001`);
    const response = decodeNameQueryResponse(scoped);
    expect(response.kind === 'positive' && response.name).toEqual({ name: 'FRED', suffix: 0, scope: 'lab.org' });
  });

  it('round-trips the positive response the responder sends', () => {
    const datagram = encodePositiveResponse({
      transactionId: 99, name: 'fred', suffix: 0x00, ttlSeconds: 300_000,
      entries: [{ address: '192.168.1.5', group: false, nodeType: 'h' }],
    });
    expect(datagram.subarray(2).toString('hex')).toBe(POSITIVE.subarray(2).toString('hex'));
    expect(decodeNameQueryResponse(datagram)).toMatchObject({ kind: 'positive', transactionId: 99 });
  });

  it('decodes a negative response (RFC 1002 §4.2.14, NULL record) with a clear message', () => {
    const datagram = bytes(`1234 8583 0000 0001 0000 0000 ${NAME} 000a 0001 00000000 0000`);
    expect(decodeNameQueryResponse(datagram)).toEqual({
      kind: 'negative', transactionId: 0x1234, name: { name: 'FRED', suffix: 0, scope: '' }, rcode: 3,
      message: 'the name is not registered (name error)',
    });
    expect(encodeNegativeResponse({ transactionId: 0x1234, name: 'FRED', suffix: 0x00, rcode: 3 })).toEqual(datagram);
  });

  it('accepts a negative response without a record, and words every RCODE', () => {
    expect(decodeNameQueryResponse(bytes('0002 8005 0000 0000 0000 0000'))).toMatchObject({ kind: 'negative', rcode: 5, name: null, message: expect.stringMatching(/refused/) });
    for (let rcode = 1; rcode <= 7; rcode += 1) expect(describeRcode(rcode)).not.toMatch(/unknown/);
    expect(describeRcode(12)).toMatch(/unknown error code 12/);
  });

  it('recognises a redirect (no answer, an authority record)', () => {
    expect(decodeNameQueryResponse(bytes('0003 8100 0000 0000 0001 0001'))).toEqual({ kind: 'redirect', transactionId: 3 });
  });
});

describe('NBNS malformed datagrams', () => {
  const header = (flags: string, qd = '0000', an = '0001', ns = '0000'): string => `1234 ${flags} ${qd} ${an} ${ns} 0000`;
  const record = (type = '0020', klass = '0001', rdata = '0006 6000 c0a80105'): string => `${NAME} ${type} ${klass} 000493e0 ${rdata}`;

  it.each<[string, string, string, number, RegExp]>([
    ['empty datagram', '', 'header', 0, /0 bytes; the header alone needs 12/],
    ['a header cut short', '1234 8580 00', 'header', 0, /5 bytes/],
    ['a request instead of a response', `${header('0100')} ${record()}`, 'header flags', 2, /a request/],
    ['a registration opcode', `${header('a800')} ${record()}`, 'header flags', 2, /opcode 5/],
    ['a question in a response', `${header('8580', '0001')} ${record()}`, 'QDCOUNT', 4, /1 questions/],
    ['no answer and no authority', header('8580', '0000', '0000'), 'ANCOUNT', 6, /without an answer/],
    ['two answers', `${header('8580', '0000', '0002')} ${record()} ${record()}`, 'ANCOUNT', 6, /2 answer records/],
    ['a missing answer', header('8580'), 'answer name label length', 12, /needs 1 byte, 0 left/],
    ['a name label of 16 bytes', `${header('8580')} 10 ${ascii('EGFCEFEECACACACA')} 00 0020 0001 00000000 0006 0000 7f000001`, 'answer name', 12, /16 bytes; an encoded NetBIOS name is 32/],
    ['a name byte outside A–P', `${header('8580')} 20 ${ascii('EGFCEFEECACACACACACACACACACACAZA')} 00 0020 0001 00000000 0006 0000 7f000001`, 'answer name', 43, /outside 'A'–'P'/],
    ['a name label running past the end', `${header('8580')} 20 ${ascii('EGFCEFEE')}`, 'answer name label', 13, /needs 32 bytes, 8 left/],
    ['a name without its terminating label', `${header('8580')} 20 ${ascii(FRED_00)}`, 'answer name label length', 45, /needs 1 byte, 0 left/],
    ['a reserved label type', `${header('8580')} 40 00`, 'answer name', 12, /label type 0x0040 is reserved/],
    ['a compression pointer that does not point back', `${header('8580')} c0 0c`, 'answer name', 12, /does not point backwards/],
    ['a compression pointer cut short', `${header('8580')} c0`, 'answer name pointer', 13, /needs 1 byte/],
    ['a compression pointer loop', `${header('8580')} 01 41 c0 0c`, 'answer name', 14, /more than 8 compression pointers/],
    ['a record cut inside its TTL', `${header('8580')} ${NAME} 0020 0001 0004`, 'answer TTL', 50, /needs 4 bytes, 2 left/],
    ['a record without RDLENGTH', `${header('8580')} ${NAME} 0020 0001 000493e0`, 'answer RDLENGTH', 54, /needs 2 bytes, 0 left/],
    ['RDLENGTH past the end', `${header('8580')} ${record('0020', '0001', '000c 6000 c0a80105')}`, 'answer RDATA', 56, /needs 12 bytes, 6 left/],
    ['RDLENGTH not a multiple of 6', `${header('8580')} ${record('0020', '0001', '0004 c0a80105')}`, 'answer RDLENGTH', 54, /4 is not a positive multiple of 6/],
    ['an NB record without address', `${header('8580')} ${record('0020', '0001', '0000')}`, 'answer RDLENGTH', 54, /0 is not a positive multiple/],
    ['an answer that is not NB', `${header('8580')} ${record('0021')}`, 'answer type', 46, /0x0021 is not NB/],
    ['an answer that is not IN', `${header('8580')} ${record('0020', '0003')}`, 'answer class', 48, /0x0003 is not IN/],
    ['a negative response with a truncated record', `${header('8583')} ${NAME} 000a`, 'answer class', 48, /needs 2 bytes, 0 left/],
  ])('rejects %s, naming field and offset', (_case, hex, field, offset, message) => {
    const error = decodeError(bytes(hex));
    expect({ field: error.field, offset: error.offset }).toEqual({ field, offset });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`^malformed NBNS datagram: .* at byte ${offset}: `));
  });
});
