import { describe, expect, it } from 'vitest';
import { readBook, writeBook } from '../../../../../src-main/plugins/addressbook/formats/book-format';
import { aFax, aFolder, aGroup, anEmail, bytesOf, textOf, utf8 } from './book-builders';

const HEADER = ['# Canon AddressBook CSV version: 0x0002', '# CharSet: UTF-8', '# SubAddressBookName: 本社', '# DB Version: 0x010a'];
const COLUMNS = 'objectclass,cn,cnread,cnshort,subdbid,mailaddress,dialdata,sub,uri,url,path,protocol,username,pwd,member,indxid,enablepartial,accesscode';
const csv = (...rows: string[]): string => [...HEADER, COLUMNS, ...rows].join('\r\n');

describe('readBook canon-csv', () => {
  it('reads the header lines and one entry per row', () => {
    const text = csv(
      'email,山田 太郎,やまだ たろう,,1,taro@example.jp,,,,,,smtp,,,,1,false,0',
      "g3fax,大阪,,,1,,'+81 6 1234 5678,55,,,,,,,,2,,0",
      'remotefilesystem,Scans,,,1,,,,,"[fe80::1]:21",/in,ftp,scan,"p,w",,3,,0',
      'groupfids,全員,,,1,,,,,,,,,,1;2;3,4,,0',
      'ipfax,IP,,,1,,,,,,,,,,,5,,0',
    );
    const book = readBook(utf8(text), { format: 'canon-csv' });
    expect(book.problems).toEqual([]);
    expect(book).toMatchObject({ bookName: '本社', encoding: 'utf-8', encodingCertain: true, skipped: 1 });
    expect(book.entries).toEqual([
      anEmail(1, { name: '山田 太郎', reading: 'やまだ たろう', address: 'taro@example.jp' }),
      aFax(2, { name: '大阪', faxNumber: '+81 6 1234 5678', subAddress: '55' }),
      aFolder(3, { name: 'Scans', protocol: 'ftp', host: 'fe80::1', port: 21, path: '/in', user: 'scan', password: 'p,w' }),
      aGroup(4, [1, 2, 3], { name: '全員' }),
    ]);
  });

  it('honours CharSet: SJIS when no encoding is chosen', () => {
    const text = csv('email,山田,,,1,y@example.jp,,,,,,smtp,,,,1,false,0').replace('CharSet: UTF-8', 'CharSet: SJIS');
    expect(readBook(bytesOf(text, 'cp932'), { format: 'canon-csv' })).toMatchObject({ encoding: 'shift_jis', encodingCertain: true, problems: [], entries: [{ name: '山田' }] });
  });

  it('refuses a header row without the required columns: one problem at the header line, no entries', () => {
    const text = [...HEADER, 'name,mail', 'A,a@example.com'].join('\n');
    expect(readBook(utf8(text), { format: 'canon-csv' })).toMatchObject({ entries: [], problems: [{ line: 5, message: expect.stringMatching(/no objectclass, cn column/) }] });
  });

  it('refuses rows of a kind whose columns the header lacks, in one problem at the header line', () => {
    const text = [...HEADER, 'objectclass,cn,indxid', 'email,A,1', 'g3fax,F,2', 'email,B,3'].join('\n');
    expect(readBook(utf8(text), { format: 'canon-csv' }).problems).toEqual([{ line: 5, message: 'the header row has no column mailaddress (for the email rows, e.g. line 6); dialdata (for the g3fax rows, e.g. line 7)' }]);
  });

  it('reports rows with the wrong number of fields and unknown destination types at their lines', () => {
    const text = csv('email,A,,,1,a@example.com,,,,,,smtp,,,,1,false,0', 'email,B,,,1', 'pager,C,,,1,,,,,,,,,,,3,,0');
    expect(readBook(utf8(text), { format: 'canon-csv' })).toMatchObject({
      entries: [],
      problems: [
        { line: 7, message: 'the row has 5 fields but the header has 18' },
        { line: 8, message: expect.stringMatching(/"pager" is not a Canon destination type/) },
      ],
    });
  });

  it('refuses a file whose passwords the device encrypted, at the Crypto Version line; reads one whose pwd column is empty', () => {
    const withCrypto = (pwd: string): string => [...HEADER, '# Crypto Version: 2', '# Crypto Attribute: pwd', COLUMNS, `remotefilesystem,S,,,1,,,,,h,/,smb,u,${pwd},,1,,0`].join('\n');
    expect(readBook(utf8(withCrypto('9F3A0B')), { format: 'canon-csv' })).toMatchObject({ entries: [], problems: [{ line: 5, message: expect.stringMatching(/encrypted/) }] });
    expect(readBook(utf8(withCrypto('')), { format: 'canon-csv' })).toMatchObject({ problems: [], entries: [{ kind: 'folder', password: null }] });
  });
});

describe('writeBook canon-csv', () => {
  it('writes the UTF-8 header, CharSet: UTF-8, plain passwords and no Crypto lines; formula cells neutralised and read back', () => {
    const entries = [anEmail(1, { name: '=HYPERLINK("http://x")' }), aFax(2, { name: '-', faxNumber: '+81 3 1234 5678' }), aFolder(3, { password: '@secret' })];
    const bytes = writeBook(entries, 'canon-csv', { bookName: '本社' });
    const text = textOf(bytes);
    expect(text.split('\r\n').slice(0, 5)).toEqual([...HEADER, COLUMNS]);
    expect(text).not.toMatch(/Crypto/);
    expect(text).toContain(`email,"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("g3fax,'-,");
    expect(text).toContain(",'+81 3 1234 5678,");
    expect(text).toContain(",'@secret,");
    expect(readBook(bytes, { format: 'canon-csv' }).entries).toEqual(entries);
  });
});
