import { describe, expect, it } from 'vitest';
import { formatAttributeList, parseAttributeList } from '../../../src-main/core/discovery/slp/slp-attribute-list';
import {
  decodeAttributeReply,
  decodeServiceReply,
  decodeSlpMessage,
  encodeAttributeReply,
  encodeAttributeRequest,
  encodeServiceReply,
  encodeServiceRequest,
} from '../../../src-main/core/discovery/slp/slp-codec';
import { decodeSlpHeader } from '../../../src-main/core/discovery/slp/slp-header';
import { SlpDecodeError } from '../../../src-main/core/discovery/slp/slp-wire-reader';

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
const u16 = (value: number): number[] => [value >> 8, value & 0xff];
const u24 = (value: number): number[] => [value >> 16, (value >> 8) & 0xff, value & 0xff];
const str16 = (text: string): number[] => [...u16(text.length), ...ascii(text)];

/** A header written field by field from RFC 2608 §8, with the length computed from the body. */
function aMessage(functionId: number, xid: number, body: number[], options: { flags?: number; version?: number; length?: number } = {}): Uint8Array {
  const headerLength = 14 + 2;
  return Uint8Array.from([
    options.version ?? 2, functionId, ...u24(options.length ?? headerLength + body.length),
    ...u16(options.flags ?? 0), ...u24(0), ...u16(xid), ...str16('en'), ...body,
  ]);
}

function decodeError(run: () => unknown): SlpDecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlpDecodeError) return error;
    throw new Error(`expected SlpDecodeError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected SlpDecodeError, but decoding succeeded');
}

const srvRplyBody = [...u16(0), ...u16(1), 0, ...u16(10800), ...str16('service:printer:lpr://a/q'), 0];

describe('SLP encoding matches RFC 2608 byte layouts', () => {
  it('encodes a multicast SrvRqst for service:printer in scope DEFAULT byte for byte', () => {
    const expected = aMessage(1, 0x1234, [...str16(''), ...str16('service:printer'), ...str16('DEFAULT'), ...str16(''), ...str16('')], { flags: 0x2000 });
    expect(expected.length).toBe(48);
    expect([...encodeServiceRequest({ xid: 0x1234, multicast: true })]).toEqual([...expected]);
  });

  it('encodes the previous responders, scopes, predicate and SPI as comma lists with 16-bit lengths', () => {
    const bytes = encodeServiceRequest({ xid: 7, previousResponders: ['10.0.0.1', '10.0.0.2'], scopes: ['DEFAULT', 'lab'], predicate: '(make=HP)', spi: 'x' });
    const expected = aMessage(1, 7, [...str16('10.0.0.1,10.0.0.2'), ...str16('service:printer'), ...str16('DEFAULT,lab'), ...str16('(make=HP)'), ...str16('x')]);
    expect([...bytes]).toEqual([...expected]);
  });

  it('encodes an AttrRqst for a URL with a tag list', () => {
    const bytes = encodeAttributeRequest({ xid: 9, url: 'service:printer:lpr://a/q', tags: ['printer-name', 'printer-make-and-model'] });
    const expected = aMessage(6, 9, [...str16(''), ...str16('service:printer:lpr://a/q'), ...str16('DEFAULT'), ...str16('printer-name,printer-make-and-model'), ...str16('')]);
    expect([...bytes]).toEqual([...expected]);
  });

  it('encodes a SrvRply with one URL entry and no auth blocks', () => {
    const bytes = encodeServiceReply({ xid: 0x1234, urls: [{ lifetime: 10800, url: 'service:printer:lpr://a/q' }] });
    expect([...bytes]).toEqual([...aMessage(2, 0x1234, srvRplyBody)]);
  });

  it('rejects an XID or a field that does not fit with RangeError', () => {
    expect(() => encodeServiceRequest({ xid: 70000 })).toThrow(RangeError);
    expect(() => encodeServiceRequest({ xid: 1, predicate: 'x'.repeat(70000) })).toThrow(RangeError);
  });
});

describe('SLP decoding of RFC 2608 byte vectors', () => {
  it('decodes a hand-built SrvRply: error code, lifetime, URL, auth count', () => {
    const reply = decodeServiceReply(aMessage(2, 0x1234, srvRplyBody, { flags: 0x8000 }));
    expect(reply.header).toMatchObject({ xid: 0x1234, languageTag: 'en', length: 51, flags: { overflow: true, fresh: false, requestMulticast: false } });
    expect(reply.errorCode).toBe(0);
    expect(reply.urls).toEqual([{ lifetime: 10800, url: 'service:printer:lpr://a/q', authBlocks: [] }]);
  });

  it('decodes a SrvRply with an auth block (descriptor, timestamp, SPI, signature)', () => {
    const block = [...u16(2), ...u16(10 + 3 + 2), 0, 0, 1, 0, ...str16('spi'), 0xaa, 0xbb];
    const body = [...u16(0), ...u16(1), 0, ...u16(60), ...str16('service:printer:ipp://b'), 1, ...block];
    const reply = decodeServiceReply(aMessage(2, 1, body));
    expect(reply.urls[0]?.authBlocks).toEqual([{ descriptor: 2, timestamp: 256, spi: 'spi', signature: Uint8Array.from([0xaa, 0xbb]) }]);
  });

  it('decodes an error SrvRply that stops after the error code', () => {
    expect(decodeServiceReply(aMessage(2, 3, u16(4)))).toMatchObject({ errorCode: 4, urls: [] });
  });

  it('decodes a hand-built AttrRply into tag → values, with escapes and keywords', () => {
    const list = '(printer-name=Lab\\2C 2nd floor),duplex,(printer-color-supported=true),(x=a,b)';
    const reply = decodeAttributeReply(aMessage(7, 5, [...u16(0), ...str16(list), 0]));
    expect(reply.attributeText).toBe(list);
    expect([...reply.attributes]).toEqual([
      ['printer-name', ['Lab, 2nd floor']],
      ['duplex', []],
      ['printer-color-supported', ['true']],
      ['x', ['a', 'b']],
    ]);
  });

  it('ignores extensions when decoding the body but keeps their offset', () => {
    const body = [...srvRplyBody, 0x00, 0x02, 0, 0, 0];
    const message = aMessage(2, 1, body);
    const extensionOffset = 16 + srvRplyBody.length;
    message.set(u24(extensionOffset), 7);
    expect(decodeServiceReply(message).header.nextExtensionOffset).toBe(extensionOffset);
  });
});

describe('SLP round trips', () => {
  it('decodes what it encodes for all four messages', () => {
    const request = decodeSlpMessage(encodeServiceRequest({ xid: 1, multicast: true, previousResponders: ['10.1.1.1'], scopes: ['a', 'b'], predicate: '(x=1)', languageTag: 'de' }));
    expect(request).toMatchObject({ functionId: 1, previousResponders: ['10.1.1.1'], serviceType: 'service:printer', scopes: ['a', 'b'], predicate: '(x=1)', spi: '', header: { xid: 1, languageTag: 'de', flags: { requestMulticast: true } } });

    const attributeRequest = decodeSlpMessage(encodeAttributeRequest({ xid: 2, url: 'service:printer', tags: ['a'] }));
    expect(attributeRequest).toMatchObject({ functionId: 6, url: 'service:printer', scopes: ['DEFAULT'], tags: ['a'], previousResponders: [] });

    const urls = [{ lifetime: 65535, url: 'service:printer:lpr://10.0.0.5/queue' }, { lifetime: 0, url: 'service:printer:ipp://drucker/ü' }];
    expect(decodeServiceReply(encodeServiceReply({ xid: 3, urls })).urls).toEqual(urls.map((entry) => ({ ...entry, authBlocks: [] })));

    const attributes = new Map<string, string[]>([
      ['printer-name', ['Brother (HL-L2350DW), "main"']],
      ['weird=tag*', ['back\\slash', 'a!b<c>d~e', 'tab\there', '  ']],
      ['keyword', []],
      ['ünï', ['çödé']],
    ]);
    const reply = decodeAttributeReply(encodeAttributeReply({ xid: 4, attributes }));
    expect(new Map(reply.attributes)).toEqual(new Map([...attributes].map(([tag, values]) => [tag, tag === 'weird=tag*' ? [values[0], values[1], values[2], ''] : values])));
  });

  it('keeps opaque values (\\FF…) escaped and reads duplicates as one tag', () => {
    const attributes = parseAttributeList(new TextEncoder().encode('(blob=\\FF\\00\\01),(a=1),(a=2)'), 0);
    expect(attributes.get('blob')).toEqual(['\\FF\\00\\01']);
    expect(attributes.get('a')).toEqual(['1', '2']);
  });

  it('formats reserved characters and control characters as \\xx', () => {
    expect(formatAttributeList(new Map([['a_b', ['x,y', 'p(q)', '\n']]]))).toBe('(a\\5Fb=x\\2Cy,p\\28q\\29,\\0A)');
  });
});

describe('SLP decoding rejects malformed datagrams with SlpDecodeError and an offset', () => {
  const validReply = aMessage(2, 1, srvRplyBody);

  it('short header', () => {
    const error = decodeError(() => decodeSlpMessage(Uint8Array.from([2, 2, 0, 0])));
    expect(error.reason).toMatch(/short header: 4 bytes/);
    expect(error.offset).toBe(0);
  });

  it('empty datagram', () => {
    expect(decodeError(() => decodeSlpMessage(new Uint8Array(0))).reason).toMatch(/short header/);
  });

  it('bad version (SLPv1)', () => {
    const error = decodeError(() => decodeSlpMessage(aMessage(2, 1, srvRplyBody, { version: 1 })));
    expect(error.reason).toMatch(/unsupported SLP version 1/);
    expect(error.offset).toBe(0);
  });

  it('unknown function id', () => {
    expect(decodeError(() => decodeSlpMessage(aMessage(99, 1, srvRplyBody))).reason).toMatch(/unknown function id 99/);
  });

  it('a known function that is not a request or reply we handle', () => {
    expect(decodeError(() => decodeSlpMessage(aMessage(8, 1, srvRplyBody))).reason).toMatch(/function id 8 is not one Printdeck handles/);
  });

  it('length field larger than the datagram', () => {
    const error = decodeError(() => decodeSlpMessage(aMessage(2, 1, srvRplyBody, { length: 500 })));
    expect(error.reason).toMatch(/length field says 500 bytes but the datagram has 51/);
    expect(error.offset).toBe(2);
  });

  it('length field smaller than the header', () => {
    expect(decodeError(() => decodeSlpMessage(aMessage(2, 1, srvRplyBody, { length: 10 }))).reason).toMatch(/shorter than the header/);
  });

  it('length field that cuts the message short is honoured (no read past it)', () => {
    const error = decodeError(() => decodeServiceReply(aMessage(2, 1, srvRplyBody, { length: 30 })));
    expect(error.reason).toMatch(/URL entry 1 of 1: URL length 25 runs past the end/);
    expect(error.offset).toBe(16 + 4 + 3);
  });

  it('language tag longer than the message', () => {
    const message = Uint8Array.from([2, 2, ...u24(16), 0, 0, ...u24(0), 0, 1, 0, 40, 0x65, 0x6e]);
    expect(decodeError(() => decodeSlpMessage(message)).reason).toMatch(/language tag length 40 runs past/);
  });

  it('URL entry overrun: the URL length runs past the datagram', () => {
    const body = [...u16(0), ...u16(1), 0, ...u16(60), ...u16(200), ...ascii('service:printer:lpr://a'), 0];
    const error = decodeError(() => decodeServiceReply(aMessage(2, 1, body)));
    expect(error.reason).toMatch(/URL entry 1 of 1: URL length 200 runs past the end of the message/);
    expect(error.offset).toBe(16 + 4 + 3);
  });

  it('URL entry count larger than the entries present', () => {
    const body = [...srvRplyBody];
    body[3] = 3;
    const error = decodeError(() => decodeServiceReply(aMessage(2, 1, body)));
    expect(error.reason).toMatch(/truncated URL entry 2 of 3: reserved byte/);
    expect(error.offset).toBe(51);
  });

  it('missing URL auth count', () => {
    expect(decodeError(() => decodeServiceReply(aMessage(2, 1, srvRplyBody.slice(0, -1)))).reason).toMatch(/truncated URL entry 1 of 1: URL auth count/);
  });

  it('auth block shorter than its fixed part, or longer than the message', () => {
    const short = [...u16(0), ...u16(1), 0, ...u16(1), ...str16('u'), 1, ...u16(2), ...u16(4), 0, 0, 0, 0, ...u16(0)];
    expect(decodeError(() => decodeServiceReply(aMessage(2, 1, short))).reason).toMatch(/block length 4 is shorter/);
    const long = [...u16(0), ...u16(1), 0, ...u16(1), ...str16('u'), 1, ...u16(2), ...u16(400), 0, 0, 0, 0, ...u16(0)];
    expect(decodeError(() => decodeServiceReply(aMessage(2, 1, long))).reason).toMatch(/block length 400 runs past/);
    const spiOverrun = [...u16(0), ...u16(1), 0, ...u16(1), ...str16('u'), 1, ...u16(2), ...u16(10), 0, 0, 0, 0, ...str16('abc')];
    expect(decodeError(() => decodeServiceReply(aMessage(2, 1, spiOverrun))).reason).toMatch(/SPI runs past the end of its block/);
  });

  it('extension offset outside the message', () => {
    const message = validReply.slice();
    message.set(u24(400), 7);
    const error = decodeError(() => decodeSlpMessage(message));
    expect(error.reason).toMatch(/next extension offset 400/);
    expect(error.offset).toBe(7);
  });

  it('invalid UTF-8 in a URL', () => {
    const body = [...u16(0), ...u16(1), 0, ...u16(1), ...u16(2), 0xc3, 0x28, 0];
    expect(decodeError(() => decodeServiceReply(aMessage(2, 1, body))).reason).toMatch(/URL is not valid UTF-8/);
  });

  it('asking for a SrvRply but getting an AttrRply', () => {
    expect(decodeError(() => decodeServiceReply(aMessage(7, 1, [...u16(0), ...str16(''), 0]))).reason).toMatch(/expected a Service Reply/);
    expect(decodeError(() => decodeAttributeReply(validReply)).reason).toMatch(/expected an Attribute Reply/);
  });

  it('attribute list length past the end, and missing attribute auth count', () => {
    expect(decodeError(() => decodeAttributeReply(aMessage(7, 1, [...u16(0), ...u16(90), ...ascii('a')]))).reason).toMatch(/attribute list length 90 runs past/);
    expect(decodeError(() => decodeAttributeReply(aMessage(7, 1, [...u16(0), ...str16('a')]))).reason).toMatch(/truncated attribute auth count/);
  });

  const attributeCases: [string, RegExp, number][] = [
    ['(a=x\\2)', /"\\" must be followed by two hex digits/, 4],
    ['(a=x\\zz)', /"\\" must be followed by two hex digits/, 4],
    ['(a=x\\)', /"\\" must be followed by two hex digits/, 4],
    ['(a=x\\', /missing "\)" after the values of "a"/, 5],
    ['(a=1', /missing "\)" after the values of "a"/, 4],
    ['(a)', /unescaped "\)"/, 2],
    ['(a', /"\(" without "tag=" after it/, 2],
    ['(=1)', /empty attribute tag/, 1],
    ['a,', /empty attribute after ","/, 2],
    [',a', /empty attribute/, 0],
    ['(a=1)b', /expected "," after "\)"/, 5],
    ['(a=(1))', /unescaped "\("/, 3],
    ['a=b', /unescaped "="/, 1],
    ['(a=x\\FF)', /not valid UTF-8/, 3],
  ];
  for (const [list, reason, index] of attributeCases) {
    it(`attribute list ${JSON.stringify(list)}`, () => {
      const listStart = 16 + 2 + 2;
      const error = decodeError(() => decodeAttributeReply(aMessage(7, 1, [...u16(0), ...str16(list), 0])));
      expect(error.reason).toMatch(reason);
      expect(error.offset).toBe(listStart + index);
    });
  }

  it('every truncation and every single-byte corruption of valid messages fails only with SlpDecodeError', () => {
    const samples = [
      validReply,
      encodeServiceRequest({ xid: 1, multicast: true }),
      encodeAttributeRequest({ xid: 2, url: 'service:printer:lpr://a/q' }),
      encodeAttributeReply({ xid: 3, attributes: new Map([['printer-name', ['x,y']], ['k', []]]) }),
    ];
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const sample of samples) {
      for (let cut = 0; cut < sample.length; cut += 1) {
        const truncated = sample.slice(0, cut);
        expect(() => decodeSlpMessage(truncated)).toThrow(SlpDecodeError);
        if (cut >= 5) {
          // The same cut with a length field that agrees: the body itself is short.
          truncated.set(u24(cut), 2);
          expect(() => decodeSlpMessage(truncated)).toThrow(SlpDecodeError);
        }
      }
      for (let round = 0; round < 2000; round += 1) {
        const corrupted = sample.slice();
        corrupted[next() % corrupted.length] = next() % 256;
        try {
          decodeSlpMessage(corrupted);
        } catch (error) {
          expect(error).toBeInstanceOf(SlpDecodeError);
        }
      }
    }
  });

  it('decodeSlpHeader reports where the body lies', () => {
    const { header, body } = decodeSlpHeader(validReply);
    expect(header.functionId).toBe(2);
    expect(body.offset).toBe(16);
    expect(body.remaining).toBe(srvRplyBody.length);
  });
});
