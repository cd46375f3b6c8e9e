import { describe, expect, it } from 'vitest';
import { readBook, writeBook } from '../../../../../src-main/plugins/addressbook/formats/book-format';
import { AppError } from '../../../../../src-shared/rpc/app-error';
import { aFax, anEmail, bytesOf, utf8 } from './book-builders';

const HEADER = ['# Canon AddressBook version: 1', '# CharSet: WCP1252', '# SubAddressBookName: Zürich office', '# DB Version: 0x0108', ''];
const record = (dn: number, ...attributes: string[]): string[] => ['subdbid: 1', `dn: ${dn}`, ...attributes, 'objectclass: top', 'objectclass: extensibleobject'];
const abk = (...records: string[][]): string => [...HEADER, ...records.flatMap((r) => [...r, ''])].join('\r\n');

describe('readBook abk', () => {
  it('reads a WCP1252 book by its CharSet line: names, numbers, kinds, the book name', () => {
    const text = abk(
      record(201, 'cn: Zoë Müller', 'cnread: Zoe', 'mailaddress: zoe@example.ch', 'enablepartial: false', 'accesscode: 0', 'protocol: smtp', 'objectclass: email'),
      record(202, 'cn: Büro Fax', 'dialdata: 044 123 45 67', 'sub: 12', 'objectclass: g3fax'),
      record(203, 'cn: Scans', 'protocol: windows', 'url: fs1.example.ch', 'path: \\scans\\in', 'username: scan', 'pwd: geheim', 'objectclass: remotefilesystem'),
      record(204, 'cn: Alle', 'member: 201', 'member: 202', 'objectclass: groupfids'),
    );
    const book = readBook(bytesOf(text, 'windows1252'), { format: 'abk' });
    expect(book.problems).toEqual([]);
    expect(book).toMatchObject({ encoding: 'windows-1252', encodingCertain: true, bookName: 'Zürich office', skipped: 0 });
    expect(book.entries).toEqual([
      { kind: 'email', number: 201, name: 'Zoë Müller', reading: 'Zoe', address: 'zoe@example.ch', tags: [], oneTouch: null },
      { kind: 'fax', number: 202, name: 'Büro Fax', reading: '', faxNumber: '044 123 45 67', subAddress: '12', tags: [], oneTouch: null },
      { kind: 'folder', number: 203, name: 'Scans', reading: '', protocol: 'smb', host: 'fs1.example.ch', port: null, path: '\\scans\\in', user: 'scan', password: 'geheim', tags: [], oneTouch: null },
      { kind: 'group', number: 204, name: 'Alle', reading: '', members: [201, 202], tags: [], oneTouch: null },
    ]);
  });

  it('refuses an unknown objectclass at its line, and returns no entries', () => {
    const text = abk(record(1, 'cn: A', 'mailaddress: a@example.com', 'objectclass: email'), record(2, 'cn: B', 'objectclass: telex'));
    const book = readBook(utf8(text), { format: 'abk' });
    expect(book.entries).toEqual([]);
    expect(book.problems).toEqual([{ line: 17, message: expect.stringMatching(/objectclass: "telex" is not a Canon destination type/) }]);
  });

  it('reports a bad value at its attribute line, naming the Canon attribute', () => {
    const text = abk(record(1, 'cn: A', 'mailaddress: not-mail', 'objectclass: email'));
    expect(readBook(utf8(text), { format: 'abk' }).problems).toEqual([{ line: 9, message: 'mailaddress: not a mail address ("not-mail")' }]);
  });

  it('reports a number used twice, a dn that is no number, a missing group member and a missing destination type, each at its record', () => {
    const text = abk(
      record(1, 'cn: A', 'mailaddress: a@example.com', 'objectclass: email'),
      record(1, 'cn: B', 'mailaddress: b@example.com', 'objectclass: email'),
      ['dn: x', 'cn: C', 'objectclass: email'],
      record(3, 'cn: G', 'member: 1', 'member: 99', 'objectclass: groupfids'),
      record(4, 'cn: D'),
    );
    const problems = readBook(utf8(text), { format: 'abk' }).problems;
    expect(problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [14, 'dn: entry number 1 is already used on li'],
      [22, 'the entry number "x" is not a whole numb'],
      [26, 'member: member 99 of group "G" is not an'],
      [35, 'the record has no objectclass naming its'],
    ]);
  });

  it('skips IP fax entries with a note, and refuses encrypted passwords at the Crypto line', () => {
    const ipfax = abk(record(1, 'cn: IP', 'objectclass: ipfax'), record(2, 'cn: A', 'mailaddress: a@example.com', 'objectclass: email'));
    expect(readBook(utf8(ipfax), { format: 'abk' })).toMatchObject({ skipped: 1, problems: [], notes: [{ line: 6, message: expect.stringMatching(/IP fax entry \(ipfax\) is left out/) }] });
    const crypto = ['# Canon AddressBook version: 1', '# CharSet: UTF-8', '# Crypto Version: 2', '# Crypto Attribute: pwd', '', ...record(1, 'cn: S', 'protocol: smb', 'url: h', 'pwd: 0x8A7F', 'objectclass: remotefilesystem')].join('\n');
    expect(readBook(utf8(crypto), { format: 'abk' }).problems).toEqual([{ line: 3, message: expect.stringMatching(/passwords are encrypted .* cannot be read/) }]);
  });

  it('refuses a file that is not in its declared character set, at the line', () => {
    const text = abk(record(1, 'cn: 山田', 'mailaddress: y@example.jp', 'objectclass: email')).replace('WCP1252', 'UTF-8');
    const book = readBook(bytesOf(text, 'cp932'), { format: 'abk' });
    expect(book.entries).toEqual([]);
    expect(book.problems).toEqual([{ line: 8, message: expect.stringMatching(/not valid utf-8/) }]);
  });
});

describe('writeBook abk', () => {
  it('writes Windows-1252 when asked, and refuses entries Windows-1252 cannot hold, naming them', () => {
    const bytes = writeBook([anEmail(1, { name: 'Zoë Müller' })], 'abk', { bookName: 'Büro', encoding: 'windows-1252' });
    expect(Buffer.from(bytes).toString('latin1')).toContain('# CharSet: WCP1252\r\n# SubAddressBookName: Büro');
    expect(readBook(bytes, { format: 'abk' }).entries[0]?.name).toBe('Zoë Müller');
    let error: unknown;
    try {
      writeBook([anEmail(1), aFax(2, { name: '大阪' })], 'abk', { bookName: 'B', encoding: 'windows-1252' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/#2 "大阪": windows-1252 cannot hold "大", "阪"/), details: { entries: [{ number: 2, name: '大阪' }] } });
  });
});
