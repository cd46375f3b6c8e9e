import type { AddressEntry, BookProblem, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import { finishBook, type EntryDraft } from './book-builder';
import { CANON_CHARSET_OF, CANON_CLASS_OF_KIND, CANON_FIELD_LABELS, CANON_STRUCTURAL_CLASSES, canonAttributesOf, canonDraft, readCanonHeader, skippedNote, sniffCanonCharset } from './canon-entries';
import { bomOf, decode, encode, type BookEncoding } from './encoding';
import { readLdif, type LdifRecord, type LdifValue } from './ldif-reader';
import { ldifLine } from './ldif-writer';

/**
 * Canon's ".abk" address book (the whitepaper's "extended LDIF"): LDIF-shaped records, `dn:`
 * the entry number, Canon attribute names, header comments naming the version, the character
 * set (values are written in it, not base64) and the book's name.
 */

const LABELS = { ...CANON_FIELD_LABELS, number: 'dn' };
const FIELD_ATTRIBUTES = Object.entries(CANON_FIELD_LABELS).flatMap(([field, attribute]) => (attribute === undefined ? [] : [[field, attribute] as const]));
/** The encodings an .abk is written in (its CharSet header names them). */
export const ABK_ENCODINGS: readonly BookEncoding[] = ['utf-8', 'windows-1252', 'shift_jis'];

/**
 * Reads an .abk. The encoding: `encoding` when given, else a BOM, else the CharSet header, else
 * detected. Problems: the LDIF reader's, an unknown CharSet, a record without a destination
 * type or with an unknown one (at that objectclass line), more than one destination type, a
 * binary value, entry checks (at the attribute's line), encrypted passwords. Never throws.
 */
export function readAbk(bytes: Uint8Array, encoding?: BookEncoding): ParsedBook {
  const declared = encoding ?? (bomOf(bytes) ? undefined : (sniffCanonCharset(bytes) ?? undefined));
  const decoded = decode(bytes, declared);
  const document = readLdif(decoded.text, { dnFirst: false });
  const { header, problems: headerProblems } = readCanonHeader(document.comments);
  const problems: BookProblem[] = [...decoded.problems, ...document.problems, ...headerProblems];
  const drafts: EntryDraft[] = [];
  const skippedLines: number[] = [];
  let passwords = 0;
  for (const record of document.records) {
    const binary = record.values.find((v) => v.binary);
    if (binary) {
      problems.push({ line: binary.line, message: `${binary.name}: the base64 value is not UTF-8 text` });
      continue;
    }
    const classes = record.values.filter((v) => v.name.toLowerCase() === 'objectclass' && !CANON_STRUCTURAL_CLASSES.includes(v.value.toLowerCase()));
    const [destination, second] = classes;
    if (destination === undefined) {
      problems.push({ line: record.line, message: 'the record has no objectclass naming its destination type (email, g3fax, ifax, remotefilesystem, groupfids)' });
      continue;
    }
    if (second !== undefined) {
      problems.push({ line: second.line, message: `objectclass: a record has one destination type (found "${destination.value}" and "${second.value}")` });
      continue;
    }
    const first = firstValues(record);
    const get = (name: string): string => first.get(name)?.value ?? '';
    if (get('pwd') !== '') passwords++;
    const members = record.values.filter((v) => v.name.toLowerCase() === 'member').map((v) => v.value);
    const made = canonDraft(destination.value, destination.line, { get, members }, record.dn, record.line, header);
    problems.push(...made.problems);
    if (made.draft) drafts.push({ ...made.draft, fieldLines: fieldLines(record, first) });
    else if (made.problems.length === 0) skippedLines.push(record.line);
  }
  if (header.cryptoLine !== null && passwords > 0) problems.push(encryptedPasswords(header.cryptoLine, passwords));
  const notes = skippedLines.map((line) => skippedNote(line));
  return finishBook({ drafts, problems, labels: LABELS, encoding: decoded.encoding, encodingCertain: decoded.certain, bookName: header.bookName, skipped: skippedLines.length, notes });
}

/** The problem of a file whose passwords a device encrypted (the format is not public). */
export function encryptedPasswords(line: number, count: number): BookProblem {
  return {
    line,
    message: `the file's passwords are encrypted (Crypto Version) and cannot be read (${count} ${count === 1 ? 'entry has one' : 'entries have one'}): export the book without encrypted passwords, or remove the Crypto lines and type the passwords into the pwd values`,
  };
}

/** The first value of each attribute of a record, by lower-case name. */
function firstValues(record: LdifRecord): Map<string, LdifValue> {
  const first = new Map<string, LdifValue>();
  for (const value of record.values) {
    const key = value.name.toLowerCase();
    if (!first.has(key)) first.set(key, value);
  }
  return first;
}

/** Each model field's line: the line of the Canon attribute that holds it. */
function fieldLines(record: LdifRecord, first: ReadonlyMap<string, LdifValue>): Partial<Record<string, number>> {
  const lines: Partial<Record<string, number>> = { number: record.line };
  for (const [field, attribute] of FIELD_ATTRIBUTES) {
    const value = first.get(attribute);
    if (value) lines[field] = value.line;
  }
  return lines;
}

/**
 * An .abk of the entries (in their order), values written in `encoding` (UTF-8 unless
 * Windows-1252 or Shift_JIS is asked for), base64 only where LDIF needs it (a leading space, a
 * line break). Members of a group that are not among the entries are left out. Throws
 * RangeError when the encoding cannot hold a value: check `abkCannotHold` first.
 */
export function writeAbk(entries: readonly AddressEntry[], bookName: string, encoding: BookEncoding = 'utf-8'): Uint8Array {
  const numbers = new Set(entries.map((e) => e.number));
  const lines = [
    '# Canon AddressBook version: 1',
    `# CharSet: ${CANON_CHARSET_OF[encoding] ?? 'UTF-8'}`,
    `# SubAddressBookName: ${oneLine(bookName)}`,
    '# DB Version: 0x0108',
    '',
  ];
  for (const entry of entries) {
    const attributes: [string, string][] = [['subdbid', '1'], ['dn', String(entry.number)], ...canonAttributesOf(entry)];
    if (entry.kind === 'group') attributes.push(...entry.members.filter((m) => numbers.has(m)).map((m): [string, string] => ['member', String(m)]));
    if (entry.kind === 'email') attributes.push(['enablepartial', 'false'], ['accesscode', '0'], ['protocol', 'smtp']);
    else attributes.push(['accesscode', '0']);
    attributes.push(['objectclass', 'top'], ['objectclass', 'extensibleobject'], ['objectclass', CANON_CLASS_OF_KIND[entry.kind]]);
    lines.push(...attributes.map(([name, value]) => ldifLine(name, value, { rawText: true })), '');
  }
  return encode(lines.join('\r\n'), encoding, { bom: false });
}

/** Header lines cannot hold a line break. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
