import type { AddressEntry, BookProblem, EntryKind, ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import { finishBook, type EntryDraft, type FieldLabels } from './book-builder';
import { parseCsvTable, writeCsvTable, type CsvRow } from './csv-table';
import { decode, encode, type BookEncoding } from './encoding';

/**
 * Any spreadsheet's CSV (Excel, Outlook and other vendors' exports) read through a column
 * mapping, and our own CSV export, which the default mapping reads back.
 */

/** A column by its header text (trimmed, case-insensitive) or by its 0-based position. */
export type CsvColumnRef = string | number;

/** Which column holds which field; only `name` is required. Without `kind`, a row with an address is an e-mail entry and a row with a fax number a fax entry (both: two entries). */
export interface CsvColumnMapping {
  name: CsvColumnRef;
  kind?: CsvColumnRef;
  number?: CsvColumnRef;
  reading?: CsvColumnRef;
  address?: CsvColumnRef;
  fax?: CsvColumnRef;
  subAddress?: CsvColumnRef;
  protocol?: CsvColumnRef;
  host?: CsvColumnRef;
  port?: CsvColumnRef;
  path?: CsvColumnRef;
  user?: CsvColumnRef;
  password?: CsvColumnRef;
  /** Members' entry numbers, separated by ";", "," or spaces. */
  members?: CsvColumnRef;
  oneTouch?: CsvColumnRef;
  /** Index tags (frequent, AB, CD, …), separated like members. */
  tags?: CsvColumnRef;
}
type MappedField = keyof CsvColumnMapping;
const MAPPED_FIELDS = ['name', 'kind', 'number', 'reading', 'address', 'fax', 'subAddress', 'protocol', 'host', 'port', 'path', 'user', 'password', 'members', 'oneTouch', 'tags'] as const satisfies readonly MappedField[];

/** The columns our export writes, in order; the mapping a read uses when it is given none (then only `name` must be there). */
export const DEFAULT_CSV_COLUMNS = {
  number: 'number',
  kind: 'kind',
  name: 'name',
  reading: 'reading',
  address: 'address',
  fax: 'fax',
  subAddress: 'subAddress',
  protocol: 'protocol',
  host: 'host',
  port: 'port',
  path: 'path',
  user: 'user',
  members: 'members',
  oneTouch: 'oneTouch',
  tags: 'tags',
} as const satisfies CsvColumnMapping;

/**
 * Header texts (lower case) that name a field, tried in order when a read is given no mapping:
 * our export's own and those of Excel, Outlook, Google and vendor exports, English and Japanese.
 */
export const CSV_HEADER_NAMES: Readonly<Record<MappedField, readonly string[]>> = {
  name: ['name', 'display name', 'displayname', 'full name', 'cn', '名前', '氏名', '表示名', '宛先名'],
  kind: ['kind', 'type', 'objectclass', '種別'],
  number: ['number', 'no', 'no.', 'entry number', 'indxid', 'index', '番号'],
  reading: ['reading', 'furigana', 'phonetic', 'phonetic name', 'yomi', 'cnread', 'ふりがな', 'フリガナ', 'よみがな', '読み'],
  // "address" last: a contacts export may also have a postal "Address" beside its "E-mail Address".
  address: ['e-mail address', 'email address', 'e-mail', 'email', 'mail', 'mail address', 'mail-address', 'mailaddress', 'e-mail 1 - value', 'メールアドレス', '電子メール アドレス', '電子メールアドレス', 'address'],
  fax: ['fax', 'fax number', 'business fax', 'facsimiletelephonenumber', 'dialdata', 'ファクス番号', 'fax番号', 'ファックス番号', '会社 fax'],
  subAddress: ['subaddress', 'sub-address', 'sub address', 'sub', 'サブアドレス'],
  protocol: ['protocol'],
  host: ['host', 'server', 'host name'],
  port: ['port'],
  path: ['path', 'folder'],
  user: ['user', 'user name', 'username', 'login'],
  password: ['password'],
  members: ['members', 'member'],
  oneTouch: ['onetouch', 'one-touch', 'one touch'],
  tags: ['tags', 'index tags'],
};

/** Model field names of mapped fields where they differ (for problems). */
const MODEL_FIELD: Partial<Record<MappedField, string>> = { fax: 'faxNumber' };

const KIND_WORDS: ReadonlyMap<string, EntryKind> = new Map([
  ['email', 'email'],
  ['e-mail', 'email'],
  ['mail', 'email'],
  ['fax', 'fax'],
  ['ifax', 'ifax'],
  ['i-fax', 'ifax'],
  ['folder', 'folder'],
  ['group', 'group'],
  // Canon's destination types, when a Canon CSV is read as a generic one.
  ['g3fax', 'fax'],
  ['remotefilesystem', 'folder'],
  ['groupfids', 'group'],
]);

/**
 * Reads a CSV through `columns` (a CsvColumnMapping: field → header text or 0-based index);
 * without one, each field's column is found by CSV_HEADER_NAMES and only a name column must be
 * there. The encoding: `encoding` when given, else detected. The delimiter is detected from
 * the header row. Problems: encoding, syntax (an unclosed quote at the line it opened), rows
 * with the wrong number of fields, a mapping naming unknown fields or columns the header lacks
 * (one problem at the header row), unknown kinds, numbers that are not numbers, entry checks
 * (named by the file's column header). Rows with neither address, fax nor kind are skipped and
 * counted. Never throws.
 */
export function readGenericCsv(bytes: Uint8Array, options: { encoding?: BookEncoding; columns?: Readonly<Record<string, CsvColumnRef>> } = {}): ParsedBook {
  const decoded = decode(bytes, options.encoding);
  const table = parseCsvTable(decoded.text);
  const problems: BookProblem[] = [...decoded.problems, ...table.problems];
  const base = { encoding: decoded.encoding, encodingCertain: decoded.certain, bookName: null };
  if (table.header === null) {
    if (table.problems.length === 0) problems.push({ line: 1, message: 'the file has no header row naming the columns' });
    return finishBook({ ...base, drafts: [], problems });
  }
  const resolved = resolveColumns(table.header, options.columns);
  if (resolved.problem) return finishBook({ ...base, drafts: [], problems: [...problems, resolved.problem] });
  const { index, labels } = resolved;
  const drafts: EntryDraft[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const made = rowToDrafts(row, index, labels);
    problems.push(...made.problems);
    drafts.push(...made.drafts);
    if (made.drafts.length === 0 && made.problems.length === 0) skipped++;
  }
  return finishBook({ ...base, drafts, problems, labels, skipped });
}

function resolveColumns(header: CsvRow, mapping: Readonly<Record<string, CsvColumnRef>> | undefined): { index: Map<MappedField, number>; labels: FieldLabels; problem: BookProblem | null } {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const index = new Map<MappedField, number>();
  const labels: FieldLabels = {};
  const missing: string[] = [];
  const fail = (message: string) => ({ index, labels, problem: { line: header.line, message } });
  const unknown = Object.keys(mapping ?? {}).filter((field) => !(MAPPED_FIELDS as readonly string[]).includes(field));
  if (unknown.length > 0) return fail(`the column mapping names ${unknown.map((f) => `"${f}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a field' : 'are not fields'} (${MAPPED_FIELDS.join(', ')})`);
  for (const field of MAPPED_FIELDS) {
    const ref = mapping === undefined ? CSV_HEADER_NAMES[field].find((name) => names.includes(name)) : mapping[field];
    if (ref === undefined || ref === '') {
      if (field === 'name') missing.push(mapping === undefined ? '"name" (or "display name", "氏名", …)' : 'for the name (the mapping names none)');
      continue;
    }
    const at = typeof ref === 'number' ? (Number.isInteger(ref) && ref >= 0 && ref < names.length ? ref : -1) : names.indexOf(ref.trim().toLowerCase());
    if (at < 0) {
      missing.push(typeof ref === 'number' ? `${ref + 1} (the header has ${names.length})` : `"${ref}"`);
      continue;
    }
    index.set(field, at);
    labels[MODEL_FIELD[field] ?? field] = header.cells[at]?.trim() || `column ${at + 1}`;
  }
  if (missing.length > 0) return fail(`the header row has no column ${missing.join(', ')} (found: ${header.cells.map((c) => `"${c}"`).join(', ')})`);
  if (!index.has('kind') && !index.has('address') && !index.has('fax')) return fail('no column holds an address, a fax number or the kind of each row: map one');
  return { index, labels, problem: null };
}

function rowToDrafts(row: CsvRow, index: ReadonlyMap<MappedField, number>, labels: FieldLabels): { drafts: EntryDraft[]; problems: BookProblem[] } {
  const raw = (field: MappedField): string => {
    const at = index.get(field);
    return at === undefined ? '' : (row.cells[at] ?? '');
  };
  const get = (field: MappedField): string => raw(field).trim();
  const problems: BookProblem[] = [];
  const whole = (field: MappedField): number | null => {
    const text = get(field);
    if (text === '') return null;
    if (/^\d+$/.test(text)) return Number(text);
    problems.push({ line: row.line, message: `${labels[field] ?? field}: "${text}" is not a whole number` });
    return null;
  };
  const list = (field: MappedField): string[] => get(field).split(/[;,\s]+/).filter((item) => item !== '');
  const number = whole('number');
  const common = { name: get('name'), reading: get('reading'), oneTouch: whole('oneTouch'), tags: list('tags') };
  const kindText = get('kind').toLowerCase();
  const kind = kindText === '' ? null : (KIND_WORDS.get(kindText) ?? null);
  if (kindText !== '' && kind === null) problems.push({ line: row.line, message: `${labels.kind ?? 'kind'}: "${get('kind')}" is not one of email, fax, ifax, folder, group` });
  const memberTexts = list('members');
  const badMembers = memberTexts.filter((m) => !/^\d+$/.test(m));
  if (badMembers.length > 0) problems.push({ line: row.line, message: `${labels.members ?? 'members'}: ${badMembers.map((m) => `"${m}"`).join(', ')} not entry numbers` });
  const port = whole('port');
  if (problems.length > 0) return { drafts: [], problems };

  const fieldsOf = (k: EntryKind): Record<string, unknown> => {
    switch (k) {
      case 'email':
      case 'ifax':
        return { kind: k, ...common, address: get('address') };
      case 'fax':
        return { kind: k, ...common, faxNumber: get('fax'), subAddress: get('subAddress') };
      case 'folder': {
        const password = raw('password');
        return { kind: k, ...common, protocol: get('protocol').toLowerCase(), host: get('host'), port, path: get('path'), user: get('user'), password: password === '' ? null : password };
      }
      case 'group':
        return { kind: k, ...common, members: memberTexts.map(Number) };
    }
  };
  const kinds: EntryKind[] = kind !== null ? [kind] : [...(get('address') !== '' ? ['email' as const] : []), ...(get('fax') !== '' ? ['fax' as const] : [])];
  return { drafts: kinds.map((k, i) => ({ line: row.line, number: i === 0 ? number : null, fields: fieldsOf(k) })), problems };
}

/**
 * A CSV of the entries with DEFAULT_CSV_COLUMNS, for spreadsheets: UTF-8 with a BOM (Excel
 * takes a file without one for the local code page) unless another encoding is asked for
 * (UTF-16 with a BOM and tabs, Shift_JIS, Windows-1252; the caller checks that it holds the
 * texts), CRLF lines, cells neutralised against
 * formulas (read back exactly). Passwords are not written: a spreadsheet is no place for them
 * (use the Canon formats to carry folder passwords). Members of a group that are not among the
 * entries are left out. Never throws.
 */
export function writeGenericCsv(entries: readonly AddressEntry[], encoding: BookEncoding = 'utf-8'): Uint8Array {
  const numbers = new Set(entries.map((e) => e.number));
  const columns = Object.values(DEFAULT_CSV_COLUMNS);
  const rows = entries.map((entry) => {
    const values: Record<string, string> = {
      number: String(entry.number),
      kind: entry.kind,
      name: entry.name,
      reading: entry.reading,
      oneTouch: entry.oneTouch === null ? '' : String(entry.oneTouch),
      tags: entry.tags.join(';'),
    };
    switch (entry.kind) {
      case 'email':
      case 'ifax':
        values.address = entry.address;
        break;
      case 'fax':
        Object.assign(values, { fax: entry.faxNumber, subAddress: entry.subAddress });
        break;
      case 'folder':
        Object.assign(values, { protocol: entry.protocol, host: entry.host, port: entry.port === null ? '' : String(entry.port), path: entry.path, user: entry.user });
        break;
      case 'group':
        values.members = entry.members.filter((m) => numbers.has(m)).join(';');
        break;
    }
    return columns.map((column) => values[column] ?? '');
  });
  // UTF-16 is Excel's "Unicode text": tab-separated.
  const delimiter = encoding === 'utf-16le' || encoding === 'utf-16be' ? '\t' : ',';
  return encode(writeCsvTable([columns, ...rows], delimiter), encoding, { bom: true });
}
