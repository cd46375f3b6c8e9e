import { describe, expect, it } from 'vitest';
import { DIRECTORY_PRESETS } from '../../../../../src-shared/plugins/addressbook/directory-mapping';
import { readBook } from '../../../../../src-main/plugins/addressbook/formats/book-format';
import { readLdif } from '../../../../../src-main/plugins/addressbook/formats/ldif-reader';
import { foldLine, ldifLine } from '../../../../../src-main/plugins/addressbook/formats/ldif-writer';
import { utf8 } from './book-builders';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const lines = (...rows: string[]): string => rows.join('\n');

describe('readLdif', () => {
  it('reads version, comments, folded lines, base64 values and records separated by blank lines (CRLF too)', () => {
    const text = lines(
      'version: 1',
      '# exported by a directory',
      '',
      'dn: cn=Taro,ou=People,dc=example,dc=jp',
      'objectClass: inetOrgPerson',
      `cn:: ${b64('山田 太郎')}`,
      'description: a long value that is',
      '  folded over two lines',
      '',
      '',
      'dn: cn=Hanako,ou=People,dc=example,dc=jp',
      'mail: hanako@example.jp',
    ).replace(/\n/g, '\r\n');
    const document = readLdif(text);
    expect(document.problems).toEqual([]);
    expect(document.comments).toEqual([{ text: 'exported by a directory', line: 2 }]);
    expect(document.records).toEqual([
      {
        dn: 'cn=Taro,ou=People,dc=example,dc=jp',
        line: 4,
        values: [
          { name: 'objectClass', value: 'inetOrgPerson', line: 5, binary: false },
          { name: 'cn', value: '山田 太郎', line: 6, binary: false },
          { name: 'description', value: 'a long value that is folded over two lines', line: 7, binary: false },
        ],
      },
      { dn: 'cn=Hanako,ou=People,dc=example,dc=jp', line: 11, values: [{ name: 'mail', value: 'hanako@example.jp', line: 12, binary: false }] },
    ]);
  });

  it('refuses a continuation line with nothing before it, at that line', () => {
    expect(readLdif(lines(' cn: x', 'dn: cn=a')).problems).toEqual([{ line: 1, message: expect.stringMatching(/continuation line/) }]);
    expect(readLdif(lines('dn: cn=a', 'cn: a', '', ' broken', 'dn: cn=b')).problems).toEqual([{ line: 4, message: expect.stringMatching(/continuation line/) }]);
  });

  it('refuses bad base64 at its line', () => {
    const document = readLdif(lines('dn: cn=a', 'cn: a', 'mail:: not*base64', '', 'dn: cn=b'));
    expect(document.problems).toEqual([{ line: 3, message: 'mail: the value after "::" is not valid base64' }]);
    expect(document.records.map((r) => r.dn)).toEqual(['cn=b']);
  });

  it('never reads a URL value (attr:< file://…): refused at its line', () => {
    expect(readLdif(lines('dn: cn=a', 'jpegPhoto:< file:///etc/passwd')).problems).toEqual([{ line: 2, message: expect.stringMatching(/URL .* not supported/) }]);
  });

  it('refuses change records, lines that are not attribute: value, records without dn, and LDIF version 2', () => {
    expect(readLdif(lines('dn: cn=a', 'changetype: modify', 'replace: mail')).problems).toEqual([{ line: 2, message: expect.stringMatching(/change records/) }]);
    expect(readLdif(lines('dn: cn=a', 'this is not ldif')).problems).toEqual([{ line: 2, message: expect.stringMatching(/expected "attribute: value"/) }]);
    expect(readLdif(lines('cn: a', 'mail: a@example.com')).problems).toEqual([{ line: 1, message: expect.stringMatching(/must start with "dn:"/) }]);
    expect(readLdif(lines('version: 2', 'dn: cn=a')).problems).toEqual([{ line: 1, message: expect.stringMatching(/version 2 is not supported/) }]);
  });

  it('marks a base64 value that is not UTF-8 text as binary', () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64');
    expect(readLdif(lines('dn: cn=a', `jpegPhoto:: ${photo}`)).records[0]?.values).toEqual([{ name: 'jpegPhoto', value: '', line: 2, binary: true }]);
  });
});

describe('ldifLine', () => {
  it('writes base64 for text beyond ASCII, a leading space, colon or "<", a trailing space, and line breaks', () => {
    expect(ldifLine('cn', 'Taro')).toBe('cn: Taro');
    expect(ldifLine('cn', '山田')).toBe(`cn:: ${b64('山田')}`);
    for (const value of [' lead', ':colon', '<angle', 'trail ', 'two\nlines']) expect(ldifLine('description', value)).toBe(`description:: ${b64(value)}`);
    expect(ldifLine('cn', '山田', { rawText: true })).toBe('cn: 山田');
  });

  it('folds at 76 characters, each continuation starting with one space', () => {
    const folded = foldLine(`description: ${'x'.repeat(200)}`);
    const parts = folded.split('\n');
    expect(parts.every((p) => p.length <= 76)).toBe(true);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(readLdif(`dn: cn=a\n${folded}`).records[0]?.values[0]?.value).toBe('x'.repeat(200));
  });
});

describe('readBook ldif', () => {
  const directory = lines(
    'version: 1',
    '',
    'dn: ou=People,dc=example,dc=jp',
    'objectClass: organizationalUnit',
    'ou: People',
    '',
    'dn: cn=Taro Yamada,ou=People,dc=example,dc=jp',
    'objectClass: inetOrgPerson',
    `cn:: ${b64('山田 太郎')}`,
    `displayName;lang-ja;phonetic:: ${b64('やまだ たろう')}`,
    'mail: taro@example.jp',
    'facsimileTelephoneNumber: +81 (3) 1234-5678 $twoDimensional',
    `jpegPhoto:: ${Buffer.from([0xff, 0xd8]).toString('base64')}`,
    '',
    'dn: cn=Hanako,ou=People,dc=example,dc=jp',
    'objectClass: inetOrgPerson',
    'cn: Hanako',
    'MAIL: hanako@example.jp',
    '',
    'dn: cn=No Destination,ou=People,dc=example,dc=jp',
    'objectClass: inetOrgPerson',
    'cn: No Destination',
    '',
    'dn: cn=Sales,ou=Groups,dc=example,dc=jp',
    'objectClass: groupOfNames',
    'cn: Sales',
    'member: CN=Taro Yamada, OU=People, DC=example, DC=jp',
    'member: cn=Outsider,ou=Elsewhere,dc=example,dc=jp',
    'member: cn=Inner,ou=Groups,dc=example,dc=jp',
    '',
    'dn: cn=Inner,ou=Groups,dc=example,dc=jp',
    'objectClass: groupOfUniqueNames',
    'cn: Inner',
    "uniqueMember: cn=Hanako,ou=People,dc=example,dc=jp#'0101'B",
  );

  it('makes an e-mail and a fax entry of a person, groups of the members found (nested groups flattened), and skips the rest', () => {
    const book = readBook(utf8(directory), { format: 'ldif' });
    expect(book.problems).toEqual([]);
    expect(book.entries).toEqual([
      { kind: 'email', number: 1, name: '山田 太郎', reading: 'やまだ たろう', address: 'taro@example.jp', tags: [], oneTouch: null },
      { kind: 'fax', number: 2, name: '山田 太郎', reading: 'やまだ たろう', faxNumber: '+81 3 1234-5678', subAddress: '', tags: [], oneTouch: null },
      { kind: 'email', number: 3, name: 'Hanako', reading: '', address: 'hanako@example.jp', tags: [], oneTouch: null },
      { kind: 'group', number: 4, name: 'Sales', reading: '', members: [1, 3], tags: [], oneTouch: null },
      { kind: 'group', number: 5, name: 'Inner', reading: '', members: [3], tags: [], oneTouch: null },
    ]);
    expect(book.skipped).toBe(2);
    expect(book.notes).toEqual([{ line: 24, message: expect.stringMatching(/group "Sales": 1 of its members is not among the records read/) }]);
    expect(book).toMatchObject({ encoding: 'utf-8', encodingCertain: true, bookName: null });
  });

  it('reads by another mapping (Active Directory preset)', () => {
    const ad = lines('dn: CN=Taro,OU=Staff,DC=corp,DC=example', 'objectClass: user', 'displayName: Taro Yamada', 'msDS-PhoneticDisplayName: ヤマダ タロウ', 'mail: taro@corp.example');
    const book = readBook(utf8(ad), { format: 'ldif', mapping: DIRECTORY_PRESETS['active-directory'].mapping });
    expect(book.entries).toEqual([{ kind: 'email', number: 1, name: 'Taro Yamada', reading: 'ヤマダ タロウ', address: 'taro@corp.example', tags: [], oneTouch: null }]);
  });

  it('refuses a file with broken folding, bad base64 or a bad address: every problem at its line, no entries', () => {
    const broken = lines('dn: cn=a,dc=x', 'cn: a', 'mail: not-an-address', '', ' dangling', 'dn: cn=b,dc=x', 'cn: b', 'mail:: %%%%', '');
    const book = readBook(utf8(broken), { format: 'ldif' });
    expect(book.entries).toEqual([]);
    expect(book.problems).toEqual([
      { line: 1, message: expect.stringMatching(/^mail: not a mail address/) },
      { line: 5, message: expect.stringMatching(/continuation line/) },
      { line: 8, message: expect.stringMatching(/not valid base64/) },
    ]);
  });

  it('refuses a group none of whose members was found, and a mapped attribute that is binary', () => {
    const lonely = lines('dn: cn=G,dc=x', 'objectClass: group', 'cn: G', 'member: cn=nobody,dc=x');
    expect(readBook(utf8(lonely), { format: 'ldif' })).toMatchObject({ entries: [], problems: [{ line: 1, message: expect.stringMatching(/none of its 1 members/) }] });
    const binaryName = lines('dn: cn=a,dc=x', `cn:: ${Buffer.from([0xff, 0xfe]).toString('base64')}`, 'mail: a@example.com');
    expect(readBook(utf8(binaryName), { format: 'ldif' }).problems).toEqual([{ line: 2, message: 'cn: the base64 value is not UTF-8 text' }]);
  });
});
