import type { Entry } from 'ldapts';
import type { ParsedBook } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { DirectoryConnection, DirectoryProblemCode, DirectoryTestStep } from '../../../../src-shared/plugins/addressbook/directory-connection';
import type { DirectoryMapping } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { directoryRecordsToBook, type DirectoryRecord } from '../formats/directory-records';
import { DirectoryFailure, LdapSession } from './ldap-session';

export type { DirectoryRecord };

/**
 * Reads an address book out of an LDAP directory: one connection, the bind, then a paged search
 * below the base DN for the connection's filter, asking only for the mapped attributes and
 * objectClass; the records become entries by directoryRecordsToBook. The read is bounded (the
 * connection's size limit, a time-out per step, the caller's signal) and never throws: a failure
 * is a result with a code and a message that says what to change.
 */

export interface DirectoryReadProgress {
  /** Pages read so far. */
  pages: number;
  /** Records read so far. */
  records: number;
}

export interface DirectoryReadOptions {
  signal?: AbortSignal;
  /** Called after each page. */
  onProgress?: (progress: DirectoryReadProgress) => void;
}

interface ReadFacts {
  /**
   * The entries the records make (directoryRecordsToBook by the connection's mapping). After a
   * failure: no entries and the failure as a problem at line 0, so nothing is imported.
   */
  book: ParsedBook;
  /** The records read, line = place in the read from 1 (on a failure: those read before it, at most the size limit). */
  records: DirectoryRecord[];
  pages: number;
  /** Referrals to other directories (Active Directory's other domains) the search named and the read did not follow. */
  referrals: number;
  ms: number;
}

export type DirectoryReadResult = ({ ok: true } & ReadFacts) | ({ ok: false; code: DirectoryProblemCode; step: DirectoryTestStep; message: string } & ReadFacts);

/** Rounds of Active Directory's ranged retrieval per attribute (1,500 values each by default): far beyond the members a group entry can hold. */
const MAX_RANGE_ROUNDS = 20;

/** The attributes a read asks for: the mapping's (without empty ones and repeats) and objectClass. */
export function requestedAttributes(mapping: DirectoryMapping): string[] {
  const wanted = [mapping.name, mapping.reading, mapping.mail, mapping.fax, mapping.member, 'objectClass'].filter((name) => name !== '');
  const seen = new Set<string>();
  return wanted.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An attribute's values still to fetch: Active Directory sent a part ("member;range=0-1499") and the rest starts at `from`. */
interface RangedRest {
  attribute: string;
  from: number;
}

/**
 * One search entry as a record: attribute names spelt as requested (directories answer in their
 * own case), values as strings (binary values decoded as UTF-8), attributes without values left
 * out, and the parts of a ranged attribute ("member;range=0-1499") under the attribute's name.
 */
export function entryToRecord(entry: Entry, line: number, requested: readonly string[]): { record: DirectoryRecord; rest: RangedRest[] } {
  const attributes: Record<string, string[]> = {};
  const rest: RangedRest[] = [];
  for (const [type, value] of Object.entries(entry)) {
    if (type === 'dn') continue;
    const values = valuesOf(value);
    const range = /^(.+);range=(\d+)-(\d+|\*)$/i.exec(type);
    const base = range?.[1] ?? type;
    const name = requested.find((wanted) => wanted.toLowerCase() === base.toLowerCase()) ?? base;
    if (range?.[3] !== undefined && range[3] !== '*') rest.push({ attribute: name, from: Number(range[3]) + 1 });
    if (values.length === 0) continue;
    const list = attributes[name];
    if (list) list.push(...values);
    else attributes[name] = values;
  }
  return { record: { dn: entry.dn, attributes, line }, rest };
}

function valuesOf(value: Entry[string]): string[] {
  const list: (string | Buffer)[] = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'string' ? item : item.toString('utf8')));
}

/**
 * Reads every entry the connection's filter matches below its base DN, page by page, and the
 * book they make. Ends with `size-limit` (the first sizeLimit records, a book with no entries)
 * when more match. Never throws.
 */
export async function readDirectory(connection: DirectoryConnection, password: string | null, options: DirectoryReadOptions = {}): Promise<DirectoryReadResult> {
  const started = performance.now();
  const records: DirectoryRecord[] = [];
  let pages = 0;
  let referrals = 0;
  const facts = (book: ParsedBook): ReadFacts => ({ book, records, pages, referrals, ms: Math.round(performance.now() - started) });
  const failed = (code: DirectoryProblemCode, step: DirectoryTestStep, message: string): DirectoryReadResult => ({
    ok: false,
    code,
    step,
    message,
    ...facts({ ...directoryRecordsToBook([], connection.mapping), problems: [{ line: 0, message }] }),
  });
  // Before any connection: a bind DN with an empty password would be an unauthenticated bind.
  if (connection.bindDn !== '' && (password === null || password === '')) return failed('settings', 'settings', 'the connection has a bind DN but no password: enter the bind password');
  let session: LdapSession | null = null;
  try {
    session = await LdapSession.open(connection, { signal: options.signal });
    await session.bind(connection.bindDn, password);
    const attributes = requestedAttributes(connection.mapping);
    const ranged: { record: DirectoryRecord; rest: RangedRest }[] = [];
    // No size limit goes to the server: ldapts takes a server's "size limit exceeded" for success
    // when the request has one, and a directory whose own limit is lower would be read short unnoticed.
    for await (const page of session.pages(connection.baseDn, { filter: connection.filter, attributes, pageSize: connection.pageSize })) {
      pages++;
      referrals += page.references;
      for (const entry of page.entries) {
        if (records.length >= connection.sizeLimit) {
          const limit = connection.sizeLimit.toLocaleString('en');
          return failed('size-limit', 'search', `more than ${limit} entries match (the connection's size limit): nothing is imported. Narrow the filter or the base DN, or raise the size limit.`);
        }
        const { record, rest } = entryToRecord(entry, records.length + 1, attributes);
        records.push(record);
        for (const part of rest) ranged.push({ record, rest: part });
      }
      options.onProgress?.({ pages, records: records.length });
    }
    for (const { record, rest } of ranged) await readRest(session, record, rest);
    return { ok: true, ...facts(directoryRecordsToBook(records, connection.mapping)) };
  } catch (error) {
    const failure = error instanceof DirectoryFailure ? error : new DirectoryFailure('server', error instanceof Error ? error.message : String(error), 'search');
    // The directory's own limit: how far the read got tells its administrator which limit it was.
    const message = failure.code === 'size-limit' ? `after ${records.length.toLocaleString('en')} entries, ${failure.message}. Nothing is imported.` : failure.message;
    return failed(failure.code, failure.step, message);
  } finally {
    await session?.close();
  }
}

/** Fetches the rest of a ranged attribute, range by range, onto the record. */
async function readRest(session: LdapSession, record: DirectoryRecord, rest: RangedRest): Promise<void> {
  let from: number | null = rest.from;
  for (let round = 0; round < MAX_RANGE_ROUNDS && from !== null; round++) {
    const entry = await session.read(record.dn, [`${rest.attribute};range=${from}-*`]);
    if (!entry) return;
    const { record: part, rest: more } = entryToRecord(entry, record.line, [rest.attribute]);
    const values = part.attributes[rest.attribute] ?? [];
    if (values.length === 0) return;
    const list = record.attributes[rest.attribute];
    if (list) list.push(...values);
    else record.attributes[rest.attribute] = values;
    from = more.find((next) => next.attribute === rest.attribute)?.from ?? null;
  }
}
