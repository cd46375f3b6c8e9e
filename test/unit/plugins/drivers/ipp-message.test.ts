import { describe, expect, it } from 'vitest';
import { decodeIppResponse, encodeIppRequest, IPP_OPERATIONS, ippEverywhereVerdict, VALUE_TAGS } from '../../../../src-shared/plugins/drivers/ipp-message';

/** One attribute as RFC 8010 encodes it: tag, name length, name, value length, value. */
function attribute(tag: number, name: string, value: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(Buffer.byteLength(name), 1);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(value.length, 0);
  return Buffer.concat([head, Buffer.from(name), length, value]);
}

describe('IPP message codec', () => {
  it('encodes Get-Printer-Attributes with charset and language first and additional values without a name', () => {
    const bytes = Buffer.from(encodeIppRequest(IPP_OPERATIONS.getPrinterAttributes, 7, [{ tag: VALUE_TAGS.keyword, name: 'requested-attributes', values: ['a', 'bc'] }]));
    expect([...bytes.subarray(0, 9)]).toEqual([2, 0, 0, 0x0b, 0, 0, 0, 7, 1]);
    expect(bytes.subarray(9, 9 + 3 + 18 + 2 + 5)).toEqual(attribute(VALUE_TAGS.charset, 'attributes-charset', Buffer.from('utf-8')));
    expect(bytes.subarray(-8)).toEqual(Buffer.concat([attribute(VALUE_TAGS.keyword, '', Buffer.from('bc')), Buffer.from([3])]));
    expect([...encodeIppRequest(IPP_OPERATIONS.getPrinterAttributes, 1, [], '1.1').subarray(0, 2)]).toEqual([1, 1]);
  });

  it('decodes groups, additional values, integers, booleans, text with language, and skips out-of-band values', () => {
    const int = Buffer.alloc(4);
    int.writeInt32BE(-3, 0);
    const withLanguage = Buffer.concat([Buffer.from([0, 2]), Buffer.from('en'), Buffer.from([0, 5]), Buffer.from('Hello')]);
    const body = Buffer.concat([
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 9, 0x01]),
      attribute(VALUE_TAGS.charset, 'attributes-charset', Buffer.from('utf-8')),
      Buffer.from([0x04]),
      attribute(VALUE_TAGS.keyword, 'ipp-versions-supported', Buffer.from('1.1')),
      attribute(VALUE_TAGS.keyword, '', Buffer.from('2.0')),
      attribute(VALUE_TAGS.integer, 'queued-job-count', int),
      attribute(VALUE_TAGS.boolean, 'color-supported', Buffer.from([1])),
      attribute(VALUE_TAGS.textWithLanguage, 'printer-info', withLanguage),
      attribute(0x13, 'printer-location', Buffer.alloc(0)),
      Buffer.from([0x03]),
    ]);
    const response = decodeIppResponse(new Uint8Array(body));
    expect(response).toMatchObject({ version: '2.0', statusCode: 0, requestId: 9 });
    expect(Object.fromEntries(response.attributes)).toEqual({
      'attributes-charset': ['utf-8'],
      'ipp-versions-supported': ['1.1', '2.0'],
      'queued-job-count': ['-3'],
      'color-supported': ['true'],
      'printer-info': ['Hello'],
      'printer-location': [],
    });
  });

  it('says where a truncated answer stops', () => {
    const body = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 0x04]), attribute(VALUE_TAGS.keyword, 'ipp-versions-supported', Buffer.from('2.0'))]);
    expect(() => decodeIppResponse(new Uint8Array(body.subarray(0, body.length - 2)))).toThrow(/ends inside an attribute \(byte \d+, 3 more needed\)/);
    expect(() => decodeIppResponse(new Uint8Array([2, 0, 0]))).toThrow(/too short/);
  });

  it('is IPP Everywhere with IPP 2.0 or later and PWG or Apple raster', () => {
    expect(ippEverywhereVerdict(['1.1', '2.0'], ['image/pwg-raster'])).toEqual({ ready: true, reason: null });
    expect(ippEverywhereVerdict(['2.0'], ['image/urf', 'application/pdf']).ready).toBe(true);
    expect(ippEverywhereVerdict(['1.1'], ['image/urf']).reason).toBe('not IPP Everywhere: IPP 1.1 (2.0 or later is needed)');
    expect(ippEverywhereVerdict(['2.0'], ['application/pdf']).reason).toBe('not IPP Everywhere: no image/pwg-raster or image/urf among its document formats');
  });
});
