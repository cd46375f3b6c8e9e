/**
 * The address book file formats (issue 11, item 3): reading LDIF, Canon .abk, Canon CSV and
 * generic CSV into checked entries with every problem's line, and writing them back. Pure: no
 * files, no network; the plug-in's services call these with bytes.
 */
export { detectFormat, readBook, unwritableEntries, writeBook, WRITE_ENCODINGS, type ReadBookOptions, type UnwritableEntry, type WriteBookOptions } from './book-format';
export { directoryRecordsToBook, GROUP_OBJECT_CLASSES, normaliseDn, type DirectoryRecord } from './directory-records';
export { BOOK_ENCODINGS, canEncode, decode, detectEncoding, encode, type BookEncoding, type DecodedText } from './encoding';
export { CSV_HEADER_NAMES, DEFAULT_CSV_COLUMNS, type CsvColumnMapping, type CsvColumnRef } from './generic-csv';
export { LDIF_DEFAULT_MAPPING } from './ldif-book';
export { readLdif, type LdifDocument, type LdifRecord, type LdifValue } from './ldif-reader';
