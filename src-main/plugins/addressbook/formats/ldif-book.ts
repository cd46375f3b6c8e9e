import type { AddressEntry, BookProblem, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import { DIRECTORY_PRESETS, type DirectoryMapping } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { directoryRecordsToBook, type DirectoryRecord } from './directory-records';
import { decode, encode, type BookEncoding } from './encoding';
import { readLdif } from './ldif-reader';
import { escapeDnValue, ldifLine } from './ldif-writer';

/**
 * Directory LDIF files (an export of Active Directory, OpenLDAP or Domino, or ours) as address
 * books: records through the LDIF reader, entries through `directoryRecordsToBook`.
 */

/** The mapping LDIF is read with when none is given, and written with: OpenLDAP's attributes (cn, mail, facsimileTelephoneNumber, member, the reading in displayName;lang-ja;phonetic). */
export const LDIF_DEFAULT_MAPPING: DirectoryMapping = DIRECTORY_PRESETS.openldap.mapping;

/**
 * Reads an LDIF file (UTF-8 unless `encoding` says otherwise or detection finds another) into
 * entries by `mapping`. Problems: encoding, the LDIF reader's (folding, base64, URLs, change
 * records), a binary value in a mapped attribute, and those of `directoryRecordsToBook`.
 * Entry numbers are given in record order (LDIF carries none). Never throws.
 */
export function readLdifBook(bytes: Uint8Array, options: { encoding?: BookEncoding; mapping?: DirectoryMapping } = {}): ParsedBook {
  const mapping = options.mapping ?? LDIF_DEFAULT_MAPPING;
  const decoded = decode(bytes, options.encoding);
  const document = readLdif(decoded.text);
  const problems: BookProblem[] = [...decoded.problems, ...document.problems];
  const used = new Set([mapping.name, mapping.reading, mapping.mail, mapping.fax, mapping.member, 'cn', 'objectClass', 'uniqueMember'].filter((a) => a !== '').map((a) => a.toLowerCase()));
  const records: DirectoryRecord[] = document.records.map((record) => {
    const attributes: Record<string, string[]> = {};
    for (const value of record.values) {
      const key = value.name.toLowerCase();
      if (value.binary) {
        // A photo or a GUID is no problem unless the mapping reads that attribute.
        if (used.has(key)) problems.push({ line: value.line, message: `${value.name}: the base64 value is not UTF-8 text` });
        continue;
      }
      (attributes[key] ??= []).push(value.value);
    }
    return { dn: record.dn, attributes, line: record.line };
  });
  const book = directoryRecordsToBook(records, mapping);
  const all = [...problems, ...book.problems].sort((a, b) => a.line - b.line);
  // LDIF is UTF-8 by definition (RFC 2849: other text goes in base64), so a file that reads as UTF-8 is certain.
  return { ...book, entries: all.length > 0 ? [] : book.entries, problems: all, encoding: decoded.encoding, encodingCertain: decoded.certain || decoded.encoding === 'utf-8' };
}

/** What LDIF cannot hold of an entry, or null: folders and I-fax have no directory attribute, nor has a fax sub-address. */
export function ldifCannotHold(entry: AddressEntry): string | null {
  if (entry.kind === 'folder') return 'a folder destination has no LDIF form';
  if (entry.kind === 'ifax') return 'an I-fax destination has no LDIF form (it would come back as e-mail)';
  if (entry.kind === 'fax' && entry.subAddress !== '') return 'LDIF has no attribute for a fax sub-address';
  return null;
}

/**
 * An LDIF file of the entries that `ldifCannotHold` accepts (the caller checks first), for
 * directory tools and for reading back: `version: 1`, one record per entry under
 * `ou=<book name>` (`uid=<number>` keeps DNs unique when names repeat), inetOrgPerson for
 * e-mail and fax, groupOfNames for groups (members as DNs; those not among the entries left
 * out), attributes of LDIF_DEFAULT_MAPPING. Values beyond ASCII or with leading spaces in
 * base64, lines folded at 76. Entry numbers, one-touch buttons and tags are not carried: a read
 * numbers entries in file order. Never throws.
 */
export function writeLdifBook(entries: readonly AddressEntry[], bookName: string): Uint8Array {
  const m = LDIF_DEFAULT_MAPPING;
  const base = `ou=${escapeDnValue(bookName.trim() === '' ? 'Address book' : bookName.trim())}`;
  const dnOf = (number: number): string => `uid=${number},${base}`;
  const numbers = new Set(entries.map((e) => e.number));
  const line = (name: string, value: string): string => ldifLine(name, value, { fold: true });
  const out: string[] = ['version: 1', '', line('dn', base), 'objectClass: top', 'objectClass: organizationalUnit', line('ou', bookName.trim() === '' ? 'Address book' : bookName.trim()), ''];
  for (const entry of entries) {
    if (ldifCannotHold(entry) !== null) continue;
    const lines = [line('dn', dnOf(entry.number))];
    if (entry.kind === 'group') {
      lines.push('objectClass: top', 'objectClass: groupOfNames', 'objectClass: extensibleObject', `uid: ${entry.number}`, line(m.name, entry.name));
      lines.push(...entry.members.filter((n) => numbers.has(n)).map((n) => line(m.member, dnOf(n))));
    } else {
      lines.push('objectClass: top', 'objectClass: person', 'objectClass: organizationalPerson', 'objectClass: inetOrgPerson', `uid: ${entry.number}`, line(m.name, entry.name), line('sn', entry.name));
      if (entry.kind === 'email') lines.push(line(m.mail, entry.address));
      if (entry.kind === 'fax') lines.push(line(m.fax, entry.faxNumber));
    }
    if (entry.reading !== '' && m.reading !== '') lines.push(line(m.reading, entry.reading));
    out.push(...lines, '');
  }
  return encode(out.join('\n'), 'utf-8', { bom: false });
}
