import { describe, expect, it } from 'vitest';
import type { AddressEntry } from '../../../../../src-shared/plugins/addressbook/address-entry';
import type { BookFileFormat } from '../../../../../src-shared/plugins/addressbook/addressbook.contract';
import { detectFormat, readBook, unwritableEntries, writeBook } from '../../../../../src-main/plugins/addressbook/formats/book-format';
import type { BookEncoding } from '../../../../../src-main/plugins/addressbook/formats/encoding';
import { aFax, aFolder, aGroup, aMixedBook, anEmail, bytesOf, utf8 } from './book-builders';

/** What LDIF holds of the mixed book: no folder, no I-fax, no sub-address; numbered in file order. */
function ldifBook(): AddressEntry[] {
  return [
    anEmail(1, { name: '山田 太郎', reading: 'やまだ たろう', address: 'taro.yamada@example.jp' }),
    anEmail(2, { name: 'Zoë Müller', address: 'zoe@example.de' }),
    aFax(3, { name: '大阪営業所', reading: 'おおさかえいぎょうしょ', faxNumber: '+81 6 1234 5678' }),
    aGroup(4, [1, 2, 3], { name: '営業部' }),
  ];
}

/** The mixed book without its Latin accents, which Shift_JIS cannot hold. */
function japaneseBook(): AddressEntry[] {
  return aMixedBook()
    .filter((e) => e.number !== 2)
    .map((e) => (e.kind === 'group' ? { ...e, members: e.members.filter((m) => m !== 2) } : e));
}

/** Generic CSV carries no passwords (spreadsheets are no place for them). */
function withoutPasswords(entries: AddressEntry[]): AddressEntry[] {
  return entries.map((e) => (e.kind === 'folder' ? { ...e, password: null } : e));
}

describe('round trips: write → read gives the same entries, and read → write → read too', () => {
  const cases: [BookFileFormat, BookEncoding | undefined, () => AddressEntry[], (e: AddressEntry[]) => AddressEntry[]][] = [
    ['abk', undefined, aMixedBook, (e) => e],
    ['abk', 'shift_jis', japaneseBook, (e) => e],
    ['abk', 'windows-1252', () => [anEmail(1, { name: 'Zoë Müller' }), aFax(2, { subAddress: '9' }), aFolder(3), aGroup(4, [1, 2])], (e) => e],
    ['canon-csv', undefined, aMixedBook, (e) => e],
    ['csv', undefined, aMixedBook, withoutPasswords],
    ['csv', 'utf-16le', aMixedBook, withoutPasswords],
    ['csv', 'shift_jis', japaneseBook, withoutPasswords],
    ['ldif', undefined, ldifBook, (e) => e],
  ];
  it.each(cases)('%s (%s)', (format, encoding, book, kept) => {
    const entries = book();
    const bookName = encoding === 'windows-1252' ? 'Büro' : '本社 Book';
    const first = readBook(writeBook(entries, format, { bookName, encoding }), { format });
    expect(first.problems).toEqual([]);
    expect(first.entries).toEqual(kept(entries));
    const second = readBook(writeBook(first.entries, format, { bookName: first.bookName ?? 'x', encoding }), { format });
    expect(second.entries).toEqual(first.entries);
  });

  it('abk and Canon CSV keep the book name', () => {
    for (const format of ['abk', 'canon-csv'] as const) expect(readBook(writeBook([anEmail(1)], format, { bookName: '本社' }), { format }).bookName).toBe('本社');
  });

  it('a folder password with leading spaces, colons and a line break survives .abk and Canon CSV', () => {
    const entries = [aFolder(1, { password: ' :<pass\nword ' })];
    for (const format of ['abk', 'canon-csv'] as const) expect(readBook(writeBook(entries, format, { bookName: 'b' }), { format }).entries).toEqual(entries);
  });

  it('a group member that is not written is left out of the group', () => {
    const entries = [anEmail(1), aGroup(2, [1, 3])];
    expect(readBook(writeBook(entries, 'csv', { bookName: 'b' }), { format: 'csv' }).entries[1]).toMatchObject({ members: [1] });
  });
});

describe('writeBook refusals', () => {
  it('refuses what LDIF cannot hold, listing the entries (nothing dropped silently)', () => {
    const book = aMixedBook();
    expect(unwritableEntries(book, 'ldif').map((u) => u.number)).toEqual([3, 4, 5]);
    expect(() => writeBook(book, 'ldif', { bookName: 'b' })).toThrow(/3 entries cannot be written as ldif/);
    expect(unwritableEntries(book, 'abk')).toEqual([]);
  });

  it('refuses an encoding a format is not written in', () => {
    expect(() => writeBook([anEmail(1)], 'canon-csv', { bookName: 'b', encoding: 'windows-1252' })).toThrow(/written in utf-8, not windows-1252/);
    expect(() => writeBook([anEmail(1)], 'abk', { bookName: '本社', encoding: 'windows-1252' })).toThrow(/book name "本社" cannot be written in windows-1252/);
  });
});

describe('detectFormat', () => {
  it.each([
    ['# Canon AddressBook CSV version: 0x0002\r\n# CharSet: UTF-8\r\n', 'book.csv', 'canon-csv'],
    ['# Canon AddressBook version: 1\r\n# CharSet: WCP1252\r\n', 'export.txt', 'abk'],
    ['subdbid: 1\r\ndn: 1\r\n', 'book.abk', 'abk'],
    ['# from slapcat\nversion: 1\n\ndn: dc=example\n', 'people.txt', 'ldif'],
    ['dn: cn=a\n', 'people', 'ldif'],
    ['anything', 'people.LDF', 'ldif'],
    ['name,mail\nA,a@example.com\n', 'people.csv', 'csv'],
    ['', 'empty', 'csv'],
  ] as const)('%j named %s is %s', (text, fileName, format) => {
    expect(detectFormat(utf8(text), fileName)).toBe(format);
  });

  it('reads the first line of a UTF-16 file', () => {
    expect(detectFormat(bytesOf('# Canon AddressBook CSV version: 0x0003\r\n', 'utf16le', true), 'x.csv')).toBe('canon-csv');
    expect(detectFormat(bytesOf('dn: cn=a\n', 'utf16be', true), 'x')).toBe('ldif');
  });
});
