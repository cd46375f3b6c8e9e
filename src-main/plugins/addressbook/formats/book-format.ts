import type { AddressEntry, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { BookFileFormat } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import type { DirectoryMapping } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { AppError } from '../../../../src-shared/rpc/app-error';
import { ABK_ENCODINGS, readAbk, writeAbk } from './canon-abk';
import { readCanonCsv, writeCanonCsv } from './canon-csv';
import { bomOf, canEncode, unencodableCharacters, type BookEncoding } from './encoding';
import { readGenericCsv, writeGenericCsv, type CsvColumnRef } from './generic-csv';
import { ldifCannotHold, readLdifBook, writeLdifBook } from './ldif-book';

/**
 * The address book file formats behind one read and one write: which format a file is, reading
 * it into a ParsedBook, and writing entries in a format and encoding.
 */

export interface ReadBookOptions {
  format: BookFileFormat;
  /** The file's encoding when a person chose it; else a BOM, a Canon CharSet line or detection decides. */
  encoding?: BookEncoding;
  /** LDIF: which attributes hold what (default LDIF_DEFAULT_MAPPING, OpenLDAP's). */
  mapping?: DirectoryMapping;
  /** Generic CSV: field → column header or 0-based index (see CsvColumnMapping); default: found by common header names. */
  columns?: Readonly<Record<string, CsvColumnRef>>;
}

/** Reads a file in `format`: entries, every problem with its line (and then no entries), the encoding used. Never throws. */
export function readBook(bytes: Uint8Array, options: ReadBookOptions): ParsedBook {
  switch (options.format) {
    case 'ldif':
      return readLdifBook(bytes, { encoding: options.encoding, mapping: options.mapping });
    case 'abk':
      return readAbk(bytes, options.encoding);
    case 'canon-csv':
      return readCanonCsv(bytes, options.encoding);
    case 'csv':
      return readGenericCsv(bytes, { encoding: options.encoding, columns: options.columns });
    default:
      return assertNever(options.format);
  }
}

/**
 * The format of a file, from its first line (Canon's header comments, an LDIF `dn:` or
 * `version:`), else its extension (.abk, .ldif/.ldf), else generic CSV. Never throws.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): BookFileFormat {
  const firstLines = headText(bytes)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = firstLines[0] ?? '';
  if (/^#\s*Canon AddressBook CSV version/i.test(first)) return 'canon-csv';
  if (/^#\s*Canon AddressBook version/i.test(first)) return 'abk';
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'abk') return 'abk';
  if (extension === 'ldif' || extension === 'ldf') return 'ldif';
  const content = firstLines.find((line) => !line.startsWith('#')) ?? '';
  if (/^(?:version|dn)::?\s/i.test(content)) return 'ldif';
  return 'csv';
}

/** The first 4 KB as text, enough for a header (UTF-16 by its BOM; otherwise as Latin-1, the header being ASCII). */
function headText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  const bom = bomOf(head);
  if (bom?.encoding === 'utf-16le') return head.subarray(2, head.length & ~1).toString('utf16le');
  if (bom?.encoding === 'utf-16be') return Buffer.from(head.subarray(2, head.length & ~1)).swap16().toString('utf16le');
  return head.subarray(bom?.length ?? 0).toString('latin1');
}

/** The encodings each format is written in; the first is the default. */
export const WRITE_ENCODINGS: Readonly<Record<BookFileFormat, readonly BookEncoding[]>> = {
  abk: ABK_ENCODINGS,
  'canon-csv': ['utf-8'],
  ldif: ['utf-8'],
  csv: ['utf-8', 'utf-16le', 'shift_jis', 'windows-1252'],
};

export interface WriteBookOptions {
  /** The book's name, for Canon's SubAddressBookName and LDIF's ou. */
  bookName: string;
  /** One of WRITE_ENCODINGS[format]; default the first. */
  encoding?: BookEncoding;
}

/** An entry a format (or encoding) cannot hold, and why. */
export interface UnwritableEntry {
  number: number;
  name: string;
  reason: string;
}

/** The entries `format` in `encoding` cannot hold, with why (LDIF has no folders; Windows-1252 no Japanese). Empty: all can be written. Never throws. */
export function unwritableEntries(entries: readonly AddressEntry[], format: BookFileFormat, encoding?: BookEncoding): UnwritableEntry[] {
  const chosen = encoding ?? WRITE_ENCODINGS[format][0] ?? 'utf-8';
  const out: UnwritableEntry[] = [];
  for (const entry of entries) {
    const formatReason = format === 'ldif' ? ldifCannotHold(entry) : null;
    const text = textsOf(entry).join('\n');
    const characters = canEncode(text, chosen) ? [] : unencodableCharacters(text, chosen);
    const reason = formatReason ?? (characters.length > 0 ? `${chosen} cannot hold ${characters.slice(0, 5).map((c) => `"${c}"`).join(', ')}` : null);
    if (reason !== null) out.push({ number: entry.number, name: entry.name, reason });
  }
  return out;
}

/**
 * The entries as a file in `format`. Throws AppError('invalid-argument') when the encoding is
 * not one the format is written in, when the book name cannot be written in it, or when
 * entries cannot be written (details.entries lists them: see `unwritableEntries`; nothing is
 * dropped silently). A group's members that are not among the entries are left out of it.
 */
export function writeBook(entries: readonly AddressEntry[], format: BookFileFormat, options: WriteBookOptions): Uint8Array {
  const allowed = WRITE_ENCODINGS[format];
  const encoding = options.encoding ?? allowed[0] ?? 'utf-8';
  if (!allowed.includes(encoding)) throw new AppError('invalid-argument', `a ${format} file is written in ${allowed.join(' or ')}, not ${encoding}`, { field: 'encoding' });
  if (format !== 'csv' && !canEncode(options.bookName, encoding)) throw new AppError('invalid-argument', `the book name "${options.bookName}" cannot be written in ${encoding}: choose UTF-8 or rename the book`, { field: 'bookName' });
  const unwritable = unwritableEntries(entries, format, encoding);
  if (unwritable.length > 0) {
    const shown = unwritable.slice(0, 5).map((u) => `#${u.number} "${u.name}": ${u.reason}`);
    throw new AppError('invalid-argument', `${unwritable.length} ${unwritable.length === 1 ? 'entry' : 'entries'} cannot be written as ${format} (${encoding}): ${shown.join('; ')}${unwritable.length > 5 ? '; …' : ''}`, { entries: unwritable });
  }
  switch (format) {
    case 'abk':
      return writeAbk(entries, options.bookName, encoding);
    case 'canon-csv':
      return writeCanonCsv(entries, options.bookName);
    case 'ldif':
      return writeLdifBook(entries, options.bookName);
    case 'csv':
      return writeGenericCsv(entries, encoding);
    default:
      return assertNever(format);
  }
}

/** The texts of an entry a file holds (for the encoding check). */
function textsOf(entry: AddressEntry): string[] {
  const texts = [entry.name, entry.reading];
  switch (entry.kind) {
    case 'email':
    case 'ifax':
      return [...texts, entry.address];
    case 'fax':
      return [...texts, entry.faxNumber, entry.subAddress];
    case 'folder':
      return [...texts, entry.host, entry.path, entry.user, entry.password ?? ''];
    case 'group':
      return texts;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected format ${String(value)}`);
}
