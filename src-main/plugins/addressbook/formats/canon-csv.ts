import type { AddressEntry, BookProblem, EntryKind, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import { finishBook, type EntryDraft } from './book-builder';
import { encryptedPasswords, oneLine } from './canon-abk';
import { CANON_CLASS_OF_KIND, CANON_FIELD_LABELS, canonAttributesOf, canonDraft, readCanonHeader, skippedNote, sniffCanonCharset } from './canon-entries';
import { parseCsvTable, writeCsvTable } from './csv-table';
import { bomOf, decode, encode, type BookEncoding } from './encoding';

/**
 * Canon's Remote UI address book CSV: `# ` header lines (version, CharSet, book name, DB
 * version, optionally Crypto), one header row of attribute names, one row per destination.
 */

const LABELS = { ...CANON_FIELD_LABELS, number: 'indxid' };
/** Columns a Canon CSV must have whatever its rows hold. */
const REQUIRED_COLUMNS = ['objectclass', 'cn'] as const;
/** Columns the rows of a kind read (besides cn, cnread): missing ones are named in one problem at the header row. */
const COLUMNS_OF_KIND: Readonly<Record<EntryKind, readonly string[]>> = {
  email: ['mailaddress'],
  ifax: ['mailaddress'],
  fax: ['dialdata'],
  folder: ['protocol', 'url', 'path', 'username', 'pwd'],
  group: ['member'],
};
/** The columns we write, in Canon's order (the device ignores the ones it does not know, fills defaults for the ones missing). */
export const CANON_CSV_COLUMNS = ['objectclass', 'cn', 'cnread', 'cnshort', 'subdbid', 'mailaddress', 'dialdata', 'sub', 'uri', 'url', 'path', 'protocol', 'username', 'pwd', 'member', 'indxid', 'enablepartial', 'accesscode'] as const;

/**
 * Reads a Canon CSV. The encoding: `encoding` when given, else a BOM, else the CharSet header,
 * else detected. Problems: encoding, the CSV's syntax and field counts, missing columns (one
 * problem at the header row), unknown destination types (at their row), entry checks, and
 * passwords encrypted by the device (at the Crypto Version line; a file with Crypto lines but
 * no password is read: nothing in it is encrypted). Never throws.
 */
export function readCanonCsv(bytes: Uint8Array, encoding?: BookEncoding): ParsedBook {
  const declared = encoding ?? (bomOf(bytes) ? undefined : (sniffCanonCharset(bytes) ?? undefined));
  const decoded = decode(bytes, declared);
  const { comments, body, firstLine } = splitHeaderComments(decoded.text);
  const { header: canon, problems: headerProblems } = readCanonHeader(comments);
  const table = parseCsvTable(body, { firstLine });
  const problems: BookProblem[] = [...decoded.problems, ...headerProblems, ...table.problems];
  const base = { labels: LABELS, encoding: decoded.encoding, encodingCertain: decoded.certain, bookName: canon.bookName };
  if (table.header === null) {
    if (table.problems.length === 0) problems.push({ line: firstLine, message: 'the file has no header row naming the columns (objectclass, cn, …)' });
    return finishBook({ ...base, drafts: [], problems });
  }
  const headerLine = table.header.line;
  const index = new Map(table.header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.push({ line: headerLine, message: `the header row has no ${missing.join(', ')} column (a Canon address book CSV names objectclass, cn, …)` });
    return finishBook({ ...base, drafts: [], problems });
  }
  const drafts: EntryDraft[] = [];
  const kindsSeen = new Map<EntryKind, number[]>();
  const skippedLines: number[] = [];
  let passwords = 0;
  for (const row of table.rows) {
    const get = (column: string): string => {
      const at = index.get(column);
      return at === undefined ? '' : (row.cells[at] ?? '');
    };
    if (get('pwd') !== '') passwords++;
    const made = canonDraft(get('objectclass'), row.line, { get, members: [get('member')] }, get('indxid'), row.line, canon);
    problems.push(...made.problems);
    if (made.draft && made.kind) {
      drafts.push(made.draft);
      const lines = kindsSeen.get(made.kind);
      if (lines) lines.push(row.line);
      else kindsSeen.set(made.kind, [row.line]);
    } else if (made.problems.length === 0) skippedLines.push(row.line);
  }
  const needed = [...kindsSeen].flatMap(([kind, lines]) => COLUMNS_OF_KIND[kind].filter((c) => !index.has(c) && !(c === 'url' && index.has('uri'))).map((column) => ({ column, kind, lines })));
  if (needed.length > 0) {
    const named = [...new Set(needed.map((n) => n.column))].map((column) => {
      const users = needed.filter((n) => n.column === column);
      return `${column} (for the ${users.map((u) => CANON_CLASS_OF_KIND[u.kind]).join(', ')} rows, e.g. line ${users[0]?.lines[0] ?? headerLine})`;
    });
    problems.push({ line: headerLine, message: `the header row has no column ${named.join('; ')}` });
    // Checking rows against columns that are not there would only repeat this problem per row.
    return finishBook({ ...base, drafts: [], problems });
  }
  if (canon.cryptoLine !== null && passwords > 0) problems.push(encryptedPasswords(canon.cryptoLine, passwords));
  const notes = skippedLines.map((line) => skippedNote(line));
  return finishBook({ ...base, drafts, problems, skipped: skippedLines.length, notes });
}

/** The leading `#` lines (without "# "), the text after them, and the line that text starts on. */
function splitHeaderComments(text: string): { comments: { text: string; line: number }[]; body: string; firstLine: number } {
  const comments: { text: string; line: number }[] = [];
  let offset = 0;
  let line = 1;
  while (offset < text.length && text.charAt(offset) === '#') {
    const end = text.indexOf('\n', offset);
    const raw = text.slice(offset, end < 0 ? text.length : end).replace(/\r$/, '');
    comments.push({ text: raw.replace(/^# ?/, ''), line });
    offset = end < 0 ? text.length : end + 1;
    line++;
  }
  return { comments, body: text.slice(offset), firstLine: line };
}

/**
 * A Canon CSV of the entries: UTF-8 (no BOM: devices read the CharSet line), CRLF lines, every
 * cell neutralised against spreadsheet formulas (`neutraliseCell`: "+81 3…" is written
 * "'+81 3…" and our reader takes the apostrophe off; a device importing the file directly would
 * keep it, see README). Passwords in plain text and no Crypto lines (the device's encryption
 * is not public). Members of a group that are not among the entries are left out. Never throws.
 */
export function writeCanonCsv(entries: readonly AddressEntry[], bookName: string): Uint8Array {
  const numbers = new Set(entries.map((e) => e.number));
  const rows = entries.map((entry) => {
    const values = new Map<string, string>(canonAttributesOf(entry));
    values.set('objectclass', CANON_CLASS_OF_KIND[entry.kind]);
    values.set('subdbid', '1');
    values.set('indxid', String(entry.number));
    values.set('accesscode', '0');
    if (entry.kind === 'email') {
      values.set('enablepartial', 'false');
      values.set('protocol', 'smtp');
    }
    if (entry.kind === 'group') values.set('member', entry.members.filter((m) => numbers.has(m)).join(';'));
    return CANON_CSV_COLUMNS.map((column) => values.get(column) ?? '');
  });
  const header = ['# Canon AddressBook CSV version: 0x0002', '# CharSet: UTF-8', `# SubAddressBookName: ${oneLine(bookName)}`, '# DB Version: 0x010a'].join('\r\n');
  return encode(`${header}\r\n${writeCsvTable([[...CANON_CSV_COLUMNS], ...rows])}`, 'utf-8', { bom: false });
}
