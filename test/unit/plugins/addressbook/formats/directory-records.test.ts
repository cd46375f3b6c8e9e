import { describe, expect, it } from 'vitest';
import { DIRECTORY_PRESETS, directoryMappingSchema } from '../../../../../src-shared/plugins/addressbook/directory-mapping';
import { directoryRecordsToBook, normaliseDn, type DirectoryRecord } from '../../../../../src-main/plugins/addressbook/formats/directory-records';

const ad = DIRECTORY_PRESETS['active-directory'].mapping;
const person = (cn: string, attributes: Record<string, string[]>, line = 0): DirectoryRecord => ({ dn: `CN=${cn},OU=Staff,DC=corp,DC=example`, attributes: { objectClass: ['top', 'person', 'user'], ...attributes }, line });
const group = (cn: string, members: string[], line = 0): DirectoryRecord => ({ dn: `CN=${cn},OU=Groups,DC=corp,DC=example`, attributes: { objectClass: ['top', 'group'], cn: [cn], member: members }, line });

describe('directoryRecordsToBook', () => {
  it('compares attribute names case-insensitively (directories answer in their own case)', () => {
    const book = directoryRecordsToBook([person('Taro', { DISPLAYNAME: ['Taro Yamada'], Mail: ['taro@corp.example'], 'msds-phoneticdisplayname': ['ヤマダ タロウ'] }, 1)], ad);
    expect(book.entries).toEqual([{ kind: 'email', number: 1, name: 'Taro Yamada', reading: 'ヤマダ タロウ', address: 'taro@corp.example', tags: [], oneTouch: null }]);
    expect(book).toMatchObject({ problems: [], skipped: 0, encoding: 'utf-8', encodingCertain: true, bookName: null });
  });

  it('names a person by cn, then by the DN, when the mapped name attribute is missing', () => {
    const book = directoryRecordsToBook([person('Taro', { cn: ['Taro Y.'], mail: ['t@corp.example'] }), { dn: 'uid=hana\\,ko,dc=x', attributes: { mail: ['h@corp.example'] }, line: 0 }], ad);
    expect(book.entries.map((e) => e.name)).toEqual(['Taro Y.', 'hana,ko']);
  });

  it('matches member DNs however they are spelt, and resolves groups listed before their members', () => {
    const records = [group('All', ['cn=taro, ou=staff, dc=CORP, dc=example']), person('Taro', { displayName: ['Taro'], mail: ['taro@corp.example'] })];
    expect(directoryRecordsToBook(records, ad).entries).toEqual([
      { kind: 'group', number: 1, name: 'All', reading: '', members: [2], tags: [], oneTouch: null },
      { kind: 'email', number: 2, name: 'Taro', reading: '', address: 'taro@corp.example', tags: [], oneTouch: null },
    ]);
  });

  it('puts a member with mail and fax in a group once, by the e-mail entry', () => {
    const records = [person('Taro', { displayName: ['Taro'], mail: ['taro@corp.example'], facsimileTelephoneNumber: ['+81 3 1234 5678'] }), group('G', ['CN=Taro,OU=Staff,DC=corp,DC=example'])];
    const book = directoryRecordsToBook(records, ad);
    expect(book.entries.map((e) => [e.kind, e.number])).toEqual([['email', 1], ['fax', 2], ['group', 3]]);
    expect(book.entries[2]).toMatchObject({ members: [1] });
  });

  it('skips groups when the mapping has no member attribute, and counts them', () => {
    const mapping = directoryMappingSchema.parse({ name: 'cn', member: '' });
    const book = directoryRecordsToBook([group('G', ['cn=x']), person('A', { cn: ['A'], mail: ['a@corp.example'] })], mapping);
    expect(book.entries.map((e) => e.kind)).toEqual(['email']);
    expect(book.skipped).toBe(1);
  });

  it('keeps a group whose member list is empty, and survives a group cycle', () => {
    const records = [group('Empty', []), group('A', ['CN=B,OU=Groups,DC=corp,DC=example', 'CN=P,OU=Staff,DC=corp,DC=example']), group('B', ['CN=A,OU=Groups,DC=corp,DC=example']), person('P', { displayName: ['P'], mail: ['p@corp.example'] })];
    const book = directoryRecordsToBook(records, ad);
    expect(book.problems).toEqual([]);
    expect(book.entries.filter((e) => e.kind === 'group').map((e) => (e.kind === 'group' ? [e.name, e.members] : null))).toEqual([['Empty', []], ['A', [4]], ['B', [4]]]);
  });

  it('reports an entry the checks refuse at its record, naming the directory attribute, and returns no entries', () => {
    const book = directoryRecordsToBook([person('A', { displayName: ['A'], mail: ['a@corp.example'] }, 1), person('B', { displayName: ['B'], mail: ['not mail'] }, 7)], ad);
    expect(book.entries).toEqual([]);
    expect(book.problems).toEqual([{ line: 7, message: 'mail: not a mail address ("not mail")' }]);
  });
});

describe('normaliseDn', () => {
  it('ignores case and spaces around separators, and sorts multi-valued RDNs', () => {
    expect(normaliseDn(' CN=Taro Yamada , OU = Staff,DC=corp ')).toBe('cn=taro yamada,ou=staff,dc=corp');
    expect(normaliseDn('uid=1+cn=A,dc=x')).toBe(normaliseDn('CN=a+UID=1,DC=x'));
    expect(normaliseDn('cn=a\\,b,dc=x')).toBe('cn=a\\,b,dc=x');
  });
});
