import { describe, expect, it } from 'vitest';
import { readBook, writeBook } from '../../../../../src-main/plugins/addressbook/formats/book-format';
import { parseCsvTable } from '../../../../../src-main/plugins/addressbook/formats/csv-table';
import { aFax, anEmail, bytesOf, textOf, utf8 } from './book-builders';

const rowsOf = (count: number): string[] => Array.from({ length: count }, (_, i) => `Person ${i + 1},person${i + 1}@example.com`);

describe('parseCsvTable', () => {
  it.each([
    [',', 'name,address\nA,a@example.com\n'],
    [';', 'name;address\nA;a@example.com\n'],
    ['\t', 'name\taddress\nA\ta@example.com\n'],
  ])('detects the delimiter %j from the header row', (delimiter, text) => {
    const table = parseCsvTable(text);
    expect(table.delimiter).toBe(delimiter);
    expect(table.rows).toEqual([{ line: 2, cells: ['A', 'a@example.com'] }]);
  });

  it('reads quoted fields with delimiters, quotes and line breaks, and numbers rows by the line they start on', () => {
    const table = parseCsvTable('name,note\n\n"Yamada, Taro","says ""hi""\nover two lines"\nB,b\n');
    expect(table.rows).toEqual([
      { line: 3, cells: ['Yamada, Taro', 'says "hi"\nover two lines'] },
      { line: 5, cells: ['B', 'b'] },
    ]);
  });

  it('skips blank rows, and numbers rows right where csv-parse keeps a lone CR inside a field of an LF file', () => {
    expect(parseCsvTable('a,b\n,\n  \n1,2\n').rows).toEqual([{ line: 4, cells: ['1', '2'] }]);
    expect(parseCsvTable('a,b\nx\ry,z\n1,2\n').rows).toEqual([
      { line: 2, cells: ['x\ry', 'z'] },
      { line: 4, cells: ['1', '2'] },
    ]);
  });

  it('reports an unclosed quote on line 9,999 of a 10,000-line file at line 9,999 (csv-parse says 10,001)', () => {
    const lines = ['name,address', ...rowsOf(9_999)];
    lines[9_998] = '"Person 9998,person9998@example.com';
    const text = `${lines.join('\n')}\n`;
    expect(lines.length).toBe(10_000);
    expect(parseCsvTable(text).problems).toEqual([{ line: 9_999, message: 'a quoted field opens here and is never closed (a closing " is missing)' }]);
    expect(readBook(utf8(text), { format: 'csv' })).toMatchObject({ entries: [], problems: [{ line: 9_999, message: expect.stringMatching(/never closed/) }] });
  });

  it('reports a quote left open where a later quote cannot close it, at the line it opened', () => {
    const text = ['name,address', '"Open,a@example.com', 'B,b@example.com', '"C",c@example.com'].join('\n');
    expect(parseCsvTable(text).problems).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }]);
  });

  it('reports every row with the wrong number of fields at its line', () => {
    expect(parseCsvTable('a,b\n1,2\n3\n4,5,6\n').problems).toEqual([
      { line: 3, message: 'the row has 1 fields but the header has 2' },
      { line: 4, message: 'the row has 3 fields but the header has 2' },
    ]);
  });
});

describe('readBook csv', () => {
  it('finds the columns of an Outlook export by their headers (the e-mail one, not the postal address), and makes an e-mail and a fax entry of a row with both', () => {
    const text = 'Name,Address,E-mail Address,Business Fax,Notes\r\nTaro,1 Main St,taro@example.jp,03-1234-5678,x\r\nNo destination,2 Main St,,,y\r\n';
    const book = readBook(utf8(text), { format: 'csv' });
    expect(book.problems).toEqual([]);
    expect(book.entries).toEqual([anEmail(1, { name: 'Taro', address: 'taro@example.jp' }), aFax(2, { name: 'Taro', faxNumber: '03-1234-5678' })]);
    expect(book.skipped).toBe(1);
  });

  it('reads through a mapping by header name and by 0-based index', () => {
    const text = 'Full name;Furigana;Mail\n山田;やまだ;y@example.jp\n';
    const expected = [anEmail(1, { name: '山田', reading: 'やまだ', address: 'y@example.jp' })];
    expect(readBook(utf8(text), { format: 'csv', columns: { name: 'full name', reading: 'Furigana', address: 'MAIL' } }).entries).toEqual(expected);
    expect(readBook(utf8(text), { format: 'csv', columns: { name: 0, reading: 1, address: 2 } }).entries).toEqual(expected);
  });

  it('refuses a mapping naming columns the header lacks, or unknown fields: one problem at the header line', () => {
    const text = 'Name,Mail\nA,a@example.com\n';
    expect(readBook(utf8(text), { format: 'csv', columns: { name: 'Name', address: 'E-mail', fax: 5 } }).problems).toEqual([
      { line: 1, message: 'the header row has no column "E-mail", 6 (the header has 2) (found: "Name", "Mail")' },
    ]);
    expect(readBook(utf8('Name,Mail\n'), { format: 'csv', columns: { name: 'Name', mobile: 'Mail' } }).problems[0]?.message).toMatch(/"mobile", which is not a field/);
    expect(readBook(utf8('Mail\na@example.com\n'), { format: 'csv' }).problems[0]).toEqual({ line: 1, message: expect.stringMatching(/no column "name"/) });
  });

  it('numbers entries without a number with the lowest free ones, and refuses a number given twice', () => {
    const text = 'number,name,address\n3,C,c@example.com\n,X,x@example.com\n1,A,a@example.com\n,Y,y@example.com\n';
    expect(readBook(utf8(text), { format: 'csv' }).entries.map((e) => [e.number, e.name])).toEqual([[3, 'C'], [2, 'X'], [1, 'A'], [4, 'Y']]);
    const twice = 'number,name,address\n1,A,a@example.com\n1,B,b@example.com\n';
    expect(readBook(utf8(twice), { format: 'csv' }).problems).toEqual([{ line: 3, message: 'number: entry number 1 is already used on line 2' }]);
  });

  it('refuses bad values at their row naming the file\'s column, and returns no entries', () => {
    const text = 'Name,Mail,Kind\nA,a@example.com,email\n,b@example.com,email\nC,not mail,email\nD,d@example.com,pager\n';
    const book = readBook(utf8(text), { format: 'csv' });
    expect(book.entries).toEqual([]);
    expect(book.problems).toEqual([
      { line: 3, message: 'Name: a name is required' },
      { line: 4, message: 'Mail: not a mail address ("not mail")' },
      { line: 5, message: 'Kind: "pager" is not one of email, fax, ifax, folder, group' },
    ]);
  });

  it('reads Shift_JIS, Windows-1252 and UTF-16 files', () => {
    const japanese = '氏名,メールアドレス\r\n山田 太郎,taro@example.jp\r\n';
    expect(readBook(bytesOf(japanese, 'cp932'), { format: 'csv' })).toMatchObject({ encoding: 'shift_jis', encodingCertain: false, entries: [{ name: '山田 太郎' }] });
    expect(readBook(bytesOf('name;address\r\nZoë Müller;zoe@example.de\r\n', 'windows1252'), { format: 'csv' })).toMatchObject({ encoding: 'windows-1252', entries: [{ name: 'Zoë Müller' }] });
    expect(readBook(bytesOf(japanese.replace(/,/g, '\t'), 'utf16le', true), { format: 'csv' })).toMatchObject({ encoding: 'utf-16le', encodingCertain: true, entries: [{ name: '山田 太郎' }] });
    expect(readBook(bytesOf(japanese, 'utf16be', true), { format: 'csv' })).toMatchObject({ encoding: 'utf-16be', entries: [{ name: '山田 太郎' }] });
  });

  it('refuses a file read in the wrong encoding at the lines that do not decode', () => {
    const book = readBook(bytesOf('name,address\r\nA,a@example.com\r\n山田,y@example.jp\r\n', 'cp932'), { format: 'csv', encoding: 'utf-8' });
    expect(book).toMatchObject({ entries: [], problems: [{ line: 3, message: expect.stringMatching(/not valid utf-8/) }] });
  });
});

describe('writeBook csv', () => {
  it('writes UTF-8 with a BOM and CRLF, neutralises formulas, and reads back a fax number "+…", a name "-" and an apostrophe', () => {
    const entries = [anEmail(1, { name: '-' }), aFax(2, { name: "'=already quoted", faxNumber: '+81 3 1234 5678' }), anEmail(3, { name: '@home', reading: '=1+1' })];
    const bytes = writeBook(entries, 'csv', { bookName: 'x' });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = textOf(bytes);
    expect(text).toContain("\r\n1,email,'-,");
    expect(text).toContain("2,fax,''=already quoted,,,'+81 3 1234 5678,");
    expect(text).toContain("3,email,'@home,'=1+1,");
    expect(readBook(bytes, { format: 'csv' }).entries).toEqual(entries);
  });
});
