import { describe, expect, it } from 'vitest';
import { checkRecordLengths } from '../../../src-main/core/discovery/mdns/dns-record-lengths';

/**
 * DNS messages built by hand, so that their lengths can lie (no encoder writes such a message).
 * What real responders send passes too: test/integration/discovery/mdns-browser.test.ts.
 */

function name(text: string): Buffer {
  return Buffer.concat([...text.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])), Buffer.from([0])]);
}

function record(owner: Buffer, type: number, data: Buffer, declared = data.length): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(120, 4);
  fixed.writeUInt16BE(declared, 8);
  return Buffer.concat([owner, fixed, data]);
}

function response(...records: Buffer[]): Buffer {
  const header = Buffer.from([0, 0, 0x84, 0, 0, 0, 0, records.length, 0, 0, 0, 0]);
  return Buffer.concat([header, ...records]);
}

const A = 1;
const PTR = 12;
const SRV = 33;
const AAAA = 28;
const TXT = 16;

describe('checkRecordLengths', () => {
  it('accepts what a responder sends: PTR, SRV, TXT, A and AAAA, names written out or compressed', () => {
    const pointerToOwner = Buffer.from([0xc0, 12]);
    const message = response(
      record(name('_ipp._tcp.local'), PTR, name('Lobby._ipp._tcp.local')),
      record(pointerToOwner, PTR, pointerToOwner),
      record(name('Lobby._ipp._tcp.local'), SRV, Buffer.concat([Buffer.from([0, 0, 0, 0, 2, 0x77]), name('lobby.local')])),
      record(name('Lobby._ipp._tcp.local'), TXT, Buffer.from([5, ...Buffer.from('rp=ok')])),
      record(name('lobby.local'), A, Buffer.from([10, 0, 0, 5])),
      record(name('lobby.local'), AAAA, Buffer.alloc(16, 1)),
    );
    expect(checkRecordLengths(message)).toBeNull();
  });

  it.each([
    ['an A record of 3 bytes at the end', response(record(name('a.local'), A, Buffer.from([127, 0, 0]))), /record 1 at byte 12: A record with 3 bytes of data \(4 expected\)/],
    ['an A record of 3 bytes before another record', response(record(name('a.local'), A, Buffer.from([127, 0, 0])), record(name('b.local'), A, Buffer.from([10, 0, 0, 1]))), /A record with 3 bytes/],
    ['an AAAA record of 4 bytes', response(record(name('a.local'), AAAA, Buffer.from([127, 0, 0, 1]))), /AAAA record with 4 bytes of data \(16 expected\)/],
    ['a PTR whose name is longer than its data', response(record(name('_ipp._tcp.local'), PTR, name('x._ipp._tcp.local'), 4)), /PTR record: name at byte \d+ runs past its end/],
    ['a PTR whose data goes on after its name', response(record(name('_ipp._tcp.local'), PTR, Buffer.concat([name('x.local'), Buffer.from([1, 2])]))), /PTR record's name ends at byte \d+, its data at byte \d+/],
    ['an SRV record of 3 bytes', response(record(name('x._ipp._tcp.local'), SRV, Buffer.from([0, 0, 0]))), /SRV record with 3 bytes of data \(at least 7 expected\)/],
    ['data declared past the end', response(record(name('a.local'), TXT, Buffer.from([1, 0x41]), 200)), /declares 200 bytes of data, past the end/],
    ['more records counted than present', Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 2, 0, 0, 0, 0]), /record 1: name at byte 12 runs past its end/],
    ['a label of the reserved type', response(Buffer.from([0x41, 0])), /label of unknown type 0x41/],
    ['a datagram shorter than a header', Buffer.from([0, 1, 2]), /3 bytes, shorter than a DNS header/],
  ])('refuses %s', (_, message, problem) => {
    expect(checkRecordLengths(message)).toMatch(problem);
  });

  it('never throws, whatever the bytes (seeded)', () => {
    let seed = 15;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const bytes = Buffer.from(Array.from({ length: next() % 80 }, () => next() % 256));
      expect(() => checkRecordLengths(bytes)).not.toThrow();
    }
  });
});
