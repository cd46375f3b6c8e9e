import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnmprec, SnmprecParseError } from '../../../src-main/simulator/snmprec-parser';
import { formatSnmprec } from '../../../src-main/simulator/snmprec-writer';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/printers/snmprec');

function parseError(text: string, file = 'bad.snmprec'): SnmprecParseError {
  try {
    parseSnmprec(text, file);
  } catch (error) {
    if (error instanceof SnmprecParseError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseSnmprec', () => {
  it('reads every tag of the format into SnmpValues', () => {
    const text = [
      '1.3.6.1.2.1.1.1.0|4|HP LaserJet | with a bar',
      '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.11.2.3.9.1',
      '1.3.6.1.2.1.1.3.0|67|4294967295',
      '1.3.6.1.2.1.2.2.1.6.2|4x|3C2AF4BFF51B',
      '1.3.6.1.2.1.4.20.1.1.10.0.0.1|64|10.0.0.1',
      '1.3.6.1.2.1.4.20.1.3.10.0.0.1|64x|ffffff00',
      '1.3.6.1.2.1.4.22.1.2|5|',
      '1.3.6.1.2.1.43.8.2.1.10.1.1|2|-3',
      '1.3.6.1.2.1.43.10.2.1.4.1.1|65|123456',
      '1.3.6.1.2.1.2.2.1.5.2|66|1000000000',
      '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615',
    ].join('\n');
    const byOid = new Map(parseSnmprec(text).map((vb) => [vb.oid, vb.value]));
    expect(byOid.get('1.3.6.1.2.1.1.1.0')).toEqual({ type: 'OctetString', value: new Uint8Array(Buffer.from('HP LaserJet | with a bar')) });
    expect(byOid.get('1.3.6.1.2.1.1.2.0')).toEqual({ type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11.2.3.9.1' });
    expect(byOid.get('1.3.6.1.2.1.1.3.0')).toEqual({ type: 'TimeTicks', value: 4294967295 });
    expect(byOid.get('1.3.6.1.2.1.2.2.1.6.2')).toEqual({ type: 'OctetString', value: Uint8Array.from([0x3c, 0x2a, 0xf4, 0xbf, 0xf5, 0x1b]) });
    expect(byOid.get('1.3.6.1.2.1.4.20.1.1.10.0.0.1')).toEqual({ type: 'IpAddress', value: '10.0.0.1' });
    expect(byOid.get('1.3.6.1.2.1.4.20.1.3.10.0.0.1')).toEqual({ type: 'IpAddress', value: '255.255.255.0' });
    expect(byOid.get('1.3.6.1.2.1.4.22.1.2')).toEqual({ type: 'Null', value: null });
    expect(byOid.get('1.3.6.1.2.1.43.8.2.1.10.1.1')).toEqual({ type: 'Integer', value: -3 });
    expect(byOid.get('1.3.6.1.2.1.43.10.2.1.4.1.1')).toEqual({ type: 'Counter32', value: 123456 });
    expect(byOid.get('1.3.6.1.2.1.2.2.1.5.2')).toEqual({ type: 'Gauge32', value: 1000000000 });
    expect(byOid.get('1.3.6.1.2.1.31.1.1.1.6.1')).toEqual({ type: 'Counter64', value: 18446744073709551615n });
  });

  it('accepts leading dots, comments, blank lines and CRLF, sorts numerically and keeps the last duplicate', () => {
    const text = '# recorded by hand\r\n\r\n.1.3.6.1.2.1.1.10.0|2|10\r\n1.3.6.1.2.1.1.9.0|2|9\r\n1.3.6.1.2.1.1.2.0|6|.1.3.6.1.4.1.1129.1.2.1\r\n1.3.6.1.2.1.1.9.0|2|99\r\n';
    expect(parseSnmprec(text)).toEqual([
      { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.1129.1.2.1' } },
      { oid: '1.3.6.1.2.1.1.9.0', value: { type: 'Integer', value: 99 } },
      { oid: '1.3.6.1.2.1.1.10.0', value: { type: 'Integer', value: 10 } },
    ]);
  });

  it.each([
    ['a line without separators', '1.3.6.1.2.1.1.1.0 4 text', 'expected OID|TAG|VALUE'],
    ['a textual OID', 'sysDescr.0|4|x', 'not a numeric OID'],
    ['an unknown tag', '1.3.6.1.2.1.1.1.0|99|x', 'unknown tag "99"'],
    ['an Integer32 out of range', '1.3.6.1.2.1.1.7.0|2|2147483648', 'not an integer'],
    ['a negative Counter32', '1.3.6.1.2.1.2.2.1.10.1|65|-1', 'not an integer'],
    ['odd-length hex', '1.3.6.1.2.1.2.2.1.6.1|4x|abc', 'not hex bytes'],
    ['a bad IpAddress', '1.3.6.1.2.1.4.20.1.1.1|64|10.0.0.256', 'not an IPv4 address'],
    ['a Counter64 above 2^64-1', '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551616', 'not a Counter64'],
  ])('rejects %s with file name and line number', (_name, badLine, reason) => {
    const error = parseError(`1.3.6.1.2.1.1.5.0|4|ok\n\n${badLine}\n1.3.6.1.2.1.1.6.0|4|ok`);
    expect(error.file).toBe('bad.snmprec');
    expect(error.line).toBe(3);
    expect(error.message).toContain('bad.snmprec:3:');
    expect(error.reason).toContain(reason);
  });

  it('skips bad lines and keeps the rest when asked to, reporting each with file and line (snmpsim serves such files)', () => {
    const bad: string[] = [];
    const varbinds = parseSnmprec('1.3.6.1.2.1.1.5.0|4|ok\n1.3.6.1.2.1.1.3.0|67|twelve\nnot a record\n1.3.6.1.2.1.1.6.0|4|after\n', 'real.snmprec', {
      onBadLine: (error) => bad.push(error.message),
    });
    expect(varbinds.map((vb) => vb.oid)).toEqual(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0']);
    expect(bad).toEqual(['real.snmprec:2: not an integer in 0..4294967295: "twelve"', 'real.snmprec:3: expected OID|TAG|VALUE, found "not a record"']);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(parseSnmprec('\uFEFF1.3.6.1.2.1.1.5.0|4|ok\n')).toEqual([{ oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: new Uint8Array(Buffer.from('ok')) } }]);
  });

  it('parses nothing of a file with one bad line', () => {
    let result: VarBind[] | undefined;
    expect(() => {
      result = parseSnmprec('1.3.6.1.2.1.1.5.0|4|ok\n1.3.6.1.2.1.1.6.0|2|twelve\n');
    }).toThrow(SnmprecParseError);
    expect(result).toBeUndefined();
  });
});

describe('formatSnmprec', () => {
  it('writes what the parser reads back, choosing hex for binary and space-edged text', () => {
    const varbinds: VarBind[] = [
      { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'OctetString', value: new Uint8Array(Buffer.from('Printer | model')) } },
      { oid: '1.3.6.1.2.1.1.4.0', value: { type: 'OctetString', value: new Uint8Array(Buffer.from(' padded ')) } },
      { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: Uint8Array.from([0, 1, 0xff, 0x0a]) } },
      { oid: '1.3.6.1.2.1.1.6.0', value: { type: 'Opaque', value: Uint8Array.from([0x9f, 0x78]) } },
      { oid: '1.3.6.1.2.1.1.7.0', value: { type: 'Integer', value: -2147483648 } },
      { oid: '1.3.6.1.2.1.1.8.0', value: { type: 'TimeTicks', value: 5 } },
      { oid: '1.3.6.1.2.1.4.20.1.1.1', value: { type: 'IpAddress', value: '192.168.1.10' } },
      { oid: '1.3.6.1.2.1.4.22.1.2', value: { type: 'Null', value: null } },
      { oid: '1.3.6.1.2.1.31.1.1.1.6.1', value: { type: 'Counter64', value: 2n ** 63n } },
    ];
    const text = formatSnmprec([...varbinds].reverse());
    expect(text).toContain('1.3.6.1.2.1.1.5.0|4x|0001ff0a\n');
    expect(text).toContain('1.3.6.1.2.1.1.4.0|4x|');
    expect(parseSnmprec(text)).toEqual(varbinds);
  });

  it('refuses exception values, which snmprec cannot hold', () => {
    expect(() => formatSnmprec([{ oid: '1.3.6.1.2.1.1.1.0', value: { type: 'NoSuchObject', value: null } }])).toThrow(/cannot be recorded/);
  });
});

describe.skipIf(!existsSync(FIXTURES))('real recordings (../shared/fixtures/printers)', () => {
  const files = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.snmprec')) : [];

  it.each(files)('%s parses and survives a write/read round trip', (file) => {
    const text = readFileSync(resolve(FIXTURES, file), 'utf8');
    const varbinds = parseSnmprec(text, file);
    const records = text.split('\n').filter((l) => l.trim() !== '').length;
    expect(varbinds.length).toBeGreaterThan(0);
    expect(varbinds.length).toBeLessThanOrEqual(records);
    expect(parseSnmprec(formatSnmprec(varbinds))).toEqual(varbinds);
  });
});
