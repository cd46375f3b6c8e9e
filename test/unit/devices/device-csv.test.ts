import { describe, expect, it } from 'vitest';
import { devicesToCsv, parseDeviceCsv } from '../../../src-main/core/devices/device-csv';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';

function aSummary(overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: 1, name: 'Front desk', address: '10.0.0.5', port: 161, source: 'added',
    identity: { vendor: 'HP', model: 'Color LaserJet, M479', serial: 'CNB1', mac: '00:11:22:33:44:55', firmware: null, sysName: null,
      sysDescr: null, sysObjectID: null, location: 'Floor "3"', contact: null, uptimeSeconds: null },
    state: 'ok', message: 'Ready', conditions: [], supplies: [], totalPages: null, firstSeen: 1, lastSeen: 2, lastAttempt: 2, lastError: null, profileId: null, missedPolls: 0, missingSince: null, identityConflict: null,
    ...overrides,
  };
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('devicesToCsv', () => {
  it('writes a header and one row per device, quoting commas and quotes', () => {
    const csv = devicesToCsv([aSummary(), aSummary({ id: 2, name: null, address: '::1', port: 1161, identity: { ...aSummary().identity, vendor: null, location: null } })]);
    expect(csv.split('\n')).toEqual([
      'name,address,port,vendor,model,serial,mac,location',
      'Front desk,10.0.0.5,161,HP,"Color LaserJet, M479",CNB1,00:11:22:33:44:55,"Floor ""3"""',
      ',::1,1161,,"Color LaserJet, M479",CNB1,00:11:22:33:44:55,',
      '',
    ]);
  });

  it.each([
    ['a sysName that is a formula', { name: null, identity: { ...aSummary().identity, sysName: '=HYPERLINK("http://x","y")' } }, `'=HYPERLINK(""http://x"",""y"")`],
    ['a name renamed to a DDE payload', { name: "@SUM(1+1)*cmd|' /C calc'!A0" }, `'@SUM(1+1)*cmd|' /C calc'!A0`],
    ['a location starting with +', { identity: { ...aSummary().identity, location: '+1 555' } }, `'+1 555`],
    ['a model starting with -', { identity: { ...aSummary().identity, model: '-2+3' } }, `'-2+3`],
  ])('neutralises %s so a spreadsheet shows it as text', (_what, change, cell) => {
    const device = aSummary(change);
    const exported = devicesToCsv([{ ...device, name: device.name ?? device.identity.sysName }]);
    expect(exported.split('\n')[1]).toContain(cell);
  });

  it('round-trips neutralised cells through parseDeviceCsv: the apostrophe it added is taken off again', () => {
    const names = ['=HYPERLINK("http://x","y")', "@SUM(1+1)*cmd|' /C calc'!A0", "'=already quoted", "it's fine", '-'];
    const rows = parseDeviceCsv(devicesToCsv(names.map((name, i) => aSummary({ id: i + 1, name, address: `10.0.0.${i + 1}` }))));
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(parseDeviceCsv("address,name\n10.0.0.1,'plain\n")[0]?.name).toBe("'plain");
  });

  it('reports an unclosed quote on line 9,999 of 10,001 at line 9,999, where it opened', () => {
    const lines = ['address,name'];
    for (let i = 2; i < 9_999; i += 1) lines.push(`10.0.${Math.floor(i / 250)}.${(i % 250) + 1},n${i}`);
    lines.push('10.1.0.1,"unclosed', '10.1.0.2,x', '10.1.0.3,y');
    const error = errorOf(() => parseDeviceCsv(`${lines.join('\n')}\n`));
    expect(error.details).toEqual({ line: 9_999 });
    expect(error.message).toMatch(/^line 9999: a quoted field opens here/);
  });

  it('round-trips through parseDeviceCsv (serial and MAC are not imported)', () => {
    const rows = parseDeviceCsv(devicesToCsv([aSummary()]));
    expect(rows).toEqual([{ line: 2, address: '10.0.0.5', port: 161, name: 'Front desk', vendor: 'HP', model: 'Color LaserJet, M479', location: 'Floor "3"' }]);
  });
});

describe('parseDeviceCsv', () => {
  it('needs only an address column, in any case and order, and ignores unknown columns', () => {
    expect(parseDeviceCsv('\uFEFFNotes,ADDRESS\nspare,10.0.0.9\n\n"x",printer.example.com:1161\n')).toEqual([
      { line: 2, address: '10.0.0.9', port: 161, name: null, vendor: null, model: null, location: null },
      { line: 4, address: 'printer.example.com', port: 1161, name: null, vendor: null, model: null, location: null },
    ]);
  });

  it('reads semicolon- and tab-separated files as spreadsheets save them', () => {
    expect(parseDeviceCsv('name;address;port\nA;10.0.0.1;1161\n').map((r) => [r.name, r.port])).toEqual([['A', 1161]]);
    expect(parseDeviceCsv('address\tname\n[::1]:1162\tB\n').map((r) => [r.address, r.port, r.name])).toEqual([['::1', 1162, 'B']]);
  });

  it.each([
    ['a header without an address column', 'name,adress\nA,10.0.0.1\n', 1, /no "address" column/],
    ['an empty text', '', 1, /empty/],
    ['an empty address', 'address,name\n10.0.0.1,a\n,b\n', 3, /address is empty/],
    ['an address that is not one', 'address\n10.0.0.1\n10.0.0.300\n', 3, /10\.0\.0\.300: octet 300 is outside 0–255/],
    ['a bad port', 'address,port\n10.0.0.1,99999\n', 2, /outside 1–65535/],
    ['ports that disagree', 'address,port\n10.0.0.1:1161,162\n', 2, /port 1161 .* port column says 162/],
    ['a row with more fields than the header', 'address,name\n10.0.0.1,a\n10.0.0.2,b,c\n', 3, /3 fields but the header has 2/],
    ['an unclosed quote', 'address,name\n10.0.0.1,"a\n', 2, /quoted field opens here and is never closed/],
    ['an unclosed quote after closed ones spanning lines', 'address,name\r\n10.0.0.1,"two\r\nlines"\r\n10.0.0.2, "x ""y"" \r\n10.0.0.3,z\r\n', 4, /never closed/],
    ['a name that is too long', `address,name\n10.0.0.1,${'x'.repeat(201)}\n`, 2, /name is longer than 200/],
    ['a column named twice', 'address,Address\n10.0.0.1,10.0.0.2\n', 1, /appears twice/],
  ])('rejects %s with invalid-argument naming line %i', (_what, csv, line, reason) => {
    const error = errorOf(() => parseDeviceCsv(csv));
    expect({ code: error.code, details: error.details }).toEqual({ code: 'invalid-argument', details: { line } });
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    expect(error.message).toMatch(reason);
  });
});
