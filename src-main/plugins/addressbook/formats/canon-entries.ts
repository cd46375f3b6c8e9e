import { ENTRY_KINDS, type AddressEntry, type BookProblem, type EntryKind } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { EntryDraft, FieldLabels } from './book-builder';
import type { BookEncoding } from './encoding';

/**
 * What Canon's two address book files (.abk and the Remote UI CSV) share: the header comments,
 * the destination types (`objectclass`), the attribute names, and how an entry becomes
 * attributes and back (ADDRESS-BOOKS.md "Canon"). Where the manuals say nothing we chose, and
 * say so here: `url` holds the folder's host (host:port when a port is set), `sub` the fax
 * sub-address, `member` the members' entry numbers (one `member:` line each in .abk, joined by
 * ";" in one CSV cell), `indxid` the entry number in CSV and `dn` in .abk. Checked against no
 * device yet: verify with a real export before relying on groups and folders.
 */

/** Canon's destination types by our kinds. */
export const CANON_CLASS_OF_KIND: Readonly<Record<EntryKind, string>> = {
  email: 'email',
  fax: 'g3fax',
  ifax: 'ifax',
  folder: 'remotefilesystem',
  group: 'groupfids',
};
const KIND_OF_CANON_CLASS: ReadonlyMap<string, EntryKind> = new Map(ENTRY_KINDS.map((kind) => [CANON_CLASS_OF_KIND[kind], kind]));
/** Known Canon destination types we do not import (no such kind in our model): skipped with a note, not refused. */
export const CANON_SKIPPED_CLASSES: readonly string[] = ['ipfax'];
/** Object classes every .abk record carries besides its destination type. */
export const CANON_STRUCTURAL_CLASSES: readonly string[] = ['top', 'extensibleobject'];

/** The note on a Canon entry of a type we do not import (IP fax). */
export function skippedNote(line: number): BookProblem {
  return { line, message: 'an IP fax entry (ipfax) is left out: there is no such destination here' };
}

/** Folder protocols by what Canon files write (older models say "windows" for SMB). */
const PROTOCOL_OF_CANON: ReadonlyMap<string, string> = new Map([
  ['smb', 'smb'],
  ['windows', 'smb'],
  ['cifs', 'smb'],
  ['ftp', 'ftp'],
  ['webdav', 'webdav'],
]);

/** Our field names as Canon files call them, for problems (the number's name differs per format). */
export const CANON_FIELD_LABELS: FieldLabels = {
  kind: 'objectclass',
  name: 'cn',
  reading: 'cnread',
  address: 'mailaddress',
  faxNumber: 'dialdata',
  subAddress: 'sub',
  protocol: 'protocol',
  host: 'url',
  port: 'url',
  path: 'path',
  user: 'username',
  password: 'pwd',
  members: 'member',
};

/** Character sets Canon headers name, by the upper-cased name. */
const CHARSETS: ReadonlyMap<string, BookEncoding> = new Map([
  ['UTF-8', 'utf-8'],
  ['UTF8', 'utf-8'],
  ['WCP1252', 'windows-1252'],
  ['CP1252', 'windows-1252'],
  ['WINDOWS-1252', 'windows-1252'],
  ['SJIS', 'shift_jis'],
  ['SHIFT_JIS', 'shift_jis'],
  ['CP932', 'shift_jis'],
  ['MS932', 'shift_jis'],
]);

/** The Canon name of a character set we write. */
export const CANON_CHARSET_OF: Readonly<Partial<Record<BookEncoding, string>>> = { 'utf-8': 'UTF-8', 'windows-1252': 'WCP1252', shift_jis: 'SJIS' };

/** What a Canon header says. */
export interface CanonHeader {
  /** The `AddressBook (CSV) version` line's value, or null when the line is missing. */
  version: string | null;
  charset: BookEncoding | null;
  bookName: string | null;
  /** `dn: fixed`: a one-touch book, whose entry numbers are one-touch buttons. */
  oneTouch: boolean;
  /** Line of `Crypto Version` (encrypted passwords), or null. */
  cryptoLine: number | null;
}

/** Reads the `# key: value` header comments (lines in file order). Unknown keys are ignored; an unknown CharSet is a problem. Never throws. */
export function readCanonHeader(comments: readonly { text: string; line: number }[]): { header: CanonHeader; problems: BookProblem[] } {
  const header: CanonHeader = { version: null, charset: null, bookName: null, oneTouch: false, cryptoLine: null };
  const problems: BookProblem[] = [];
  for (const { text, line } of comments) {
    const match = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(text);
    if (!match) continue;
    const key = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (/^canon addressbook (csv )?version$/.test(key)) header.version = value;
    else if (key === 'charset') {
      header.charset = CHARSETS.get(value.toUpperCase()) ?? null;
      if (header.charset === null) problems.push({ line, message: `CharSet: "${value}" is not a character set we read (UTF-8, WCP1252, SJIS)` });
    } else if (key === 'subaddressbookname') header.bookName = value === '' ? null : value;
    else if (key === 'dn') header.oneTouch = value.toLowerCase() === 'fixed';
    else if (key === 'crypto version') header.cryptoLine = line;
  }
  return { header, problems };
}

/**
 * The CharSet a Canon file's header names, read from the raw bytes before decoding (the header
 * is ASCII), or null. Never throws.
 */
export function sniffCanonCharset(bytes: Uint8Array): BookEncoding | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  for (const line of head.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const match = /^#\s*charset\s*:\s*(\S+)/i.exec(line);
    if (match) return CHARSETS.get((match[1] ?? '').toUpperCase()) ?? null;
  }
  return null;
}

/** A record's attributes as the reader found them: the first value of each, and all values of `member`. */
export interface CanonAttributes {
  get(name: string): string;
  members: readonly string[];
}

/**
 * A draft entry from one Canon record of type `canonClass` (written on `classLine`), or problems
 * (an unknown type, a number or member that is not a number, an unknown folder protocol). null
 * with no problem: a known type we do not import (counted as skipped). Never throws.
 */
export function canonDraft(canonClass: string, classLine: number, attributes: CanonAttributes, number: string, line: number, header: CanonHeader): { draft: EntryDraft | null; kind: EntryKind | null; problems: BookProblem[] } {
  const kind = KIND_OF_CANON_CLASS.get(canonClass.toLowerCase());
  if (kind === undefined) {
    if (CANON_SKIPPED_CLASSES.includes(canonClass.toLowerCase())) return { draft: null, kind: null, problems: [] };
    return { draft: null, kind: null, problems: [{ line: classLine, message: `objectclass: "${canonClass}" is not a Canon destination type (${[...KIND_OF_CANON_CLASS.keys()].join(', ')})` }] };
  }
  const problems: BookProblem[] = [];
  const entryNumber = number.trim() === '' ? null : wholeNumber(number);
  if (Number.isNaN(entryNumber)) problems.push({ line, message: `the entry number "${number}" is not a whole number` });
  const { get } = attributes;
  const fields: Record<string, unknown> = { kind, name: get('cn'), reading: get('cnread') };
  if (header.oneTouch && entryNumber !== null && !Number.isNaN(entryNumber)) fields.oneTouch = entryNumber;
  switch (kind) {
    case 'email':
    case 'ifax':
      fields.address = get('mailaddress');
      break;
    case 'fax':
      fields.faxNumber = get('dialdata');
      fields.subAddress = get('sub');
      break;
    case 'folder': {
      const protocol = PROTOCOL_OF_CANON.get(get('protocol').toLowerCase());
      if (protocol === undefined) problems.push({ line, message: `protocol: "${get('protocol')}" is not a folder protocol (smb, ftp, webdav)` });
      const { host, port } = splitHostPort(get('url') || get('uri'));
      Object.assign(fields, { protocol, host, port, path: get('path'), user: get('username'), password: get('pwd') === '' ? null : get('pwd') });
      break;
    }
    case 'group': {
      const members = attributes.members.flatMap((m) => m.split(/[;,\s]+/)).filter((m) => m !== '');
      const bad = members.filter((m) => !/^\d+$/.test(m));
      if (bad.length > 0) problems.push({ line, message: `member: ${bad.map((m) => `"${m}"`).join(', ')} ${bad.length === 1 ? 'is not an entry number' : 'are not entry numbers'}` });
      fields.members = members.filter((m) => /^\d+$/.test(m)).map(Number);
      break;
    }
  }
  return { draft: problems.length > 0 ? null : { line, number: entryNumber, fields }, kind, problems };
}

/** The Canon attributes of an entry (without the number and objectclass), in the order files list them; empty values left out. */
export function canonAttributesOf(entry: AddressEntry): [string, string][] {
  const pairs: [string, string][] = [['cn', entry.name], ['cnread', entry.reading]];
  switch (entry.kind) {
    case 'email':
    case 'ifax':
      pairs.push(['mailaddress', entry.address]);
      break;
    case 'fax':
      pairs.push(['dialdata', entry.faxNumber], ['sub', entry.subAddress]);
      break;
    case 'folder':
      pairs.push(['protocol', entry.protocol], ['url', joinHostPort(entry.host, entry.port)], ['path', entry.path], ['username', entry.user], ['pwd', entry.password ?? '']);
      break;
    case 'group':
      break;
  }
  return pairs.filter(([, value]) => value !== '');
}

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** "host", "host:21", "[fe80::1]:21"; a value with slashes or backslashes (a UNC path) is all host. */
function splitHostPort(url: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(url);
  if (bracketed) return { host: bracketed[1] ?? '', port: Number(bracketed[2]) };
  const plain = /^([^:/\\]+):(\d{1,5})$/.exec(url);
  if (plain) return { host: plain[1] ?? '', port: Number(plain[2]) };
  return { host: url, port: null };
}

function joinHostPort(host: string, port: number | null): string {
  if (port === null) return host;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
