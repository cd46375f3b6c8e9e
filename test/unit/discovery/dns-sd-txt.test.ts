import { describe, expect, it } from 'vitest';
import { formatTxtRecord, parseTxtRecord } from '../../../src-main/core/discovery/mdns/dns-sd-txt';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseTxtRecord', () => {
  it('reads key=value strings as dns-packet decodes them (buffers), splitting at the first "="', () => {
    expect(parseTxtRecord([bytes('rp=ipp/print'), bytes('pdl=application/pdf,image/urf'), bytes('note=a=b')])).toEqual({
      rp: 'ipp/print',
      pdl: 'application/pdf,image/urf',
      note: 'a=b',
    });
  });

  it('treats a key without "=" as a boolean attribute and "key=" as an empty value', () => {
    expect(parseTxtRecord(['Duplex', 'Color=', 'Fax=F'])).toEqual({ Duplex: '', Color: '', Fax: 'F' });
  });

  it('keeps the first of keys that differ only in case, and keeps the sent case', () => {
    expect(parseTxtRecord(['TY=Lobby', 'ty=Other', 'Ty=Third'])).toEqual({ TY: 'Lobby' });
  });

  it('skips empty strings and strings without a key (RFC 6763 §6.4)', () => {
    expect(parseTxtRecord([bytes(''), '=orphan', 'txtvers=1'])).toEqual({ txtvers: '1' });
    expect(parseTxtRecord(bytes(''))).toEqual({});
    expect(parseTxtRecord('single=one')).toEqual({ single: 'one' });
  });

  it('decodes UTF-8 and replaces invalid bytes instead of throwing', () => {
    expect(parseTxtRecord([bytes('note=Büro 2'), Buffer.from([0x6b, 0x3d, 0xff])])).toEqual({ note: 'Büro 2', k: '\ufffd' });
  });

  it('makes "__proto__" an ordinary key', () => {
    const txt = parseTxtRecord(['__proto__=x', 'a=1']);
    expect(Object.getPrototypeOf(txt)).toBe(Object.prototype);
    expect(Object.keys(txt)).toEqual(['__proto__', 'a']);
  });
});

describe('formatTxtRecord', () => {
  it('writes key=value strings that parse back to the same pairs', () => {
    const pairs = { rp: 'ipp/print', ty: 'Lobby MFP', Color: 'T' };
    expect(formatTxtRecord(pairs)).toEqual(['rp=ipp/print', 'ty=Lobby MFP', 'Color=T']);
    expect(parseTxtRecord(formatTxtRecord(pairs))).toEqual(pairs);
  });

  it('writes one empty string for no pairs (RFC 6763 §6.1)', () => {
    expect(formatTxtRecord({})).toEqual(['']);
  });
});
