import { ENTRY_KINDS, type AddressEntry, type EntryKind, type ParsedBook } from '../../../src-shared/plugins/addressbook/address-entry';
import type { ImportPreview, ImportSource } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { readDirectory } from './directory/ldap-import';
import { detectFormat, readBook } from './formats';
import type { ImportPlan } from './import-plan';
import type { DirectoriesRepository } from './store/directories.repository';

/** A source read: its entries and problems, and how it was read. */
export interface SourceRead {
  book: ParsedBook;
  format: string;
  label: string;
  kind: 'file' | 'directory';
}

/** At most this many bytes of a file are read (the contract bounds the base64 text too). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Reads a file (decoded from base64) or a saved directory; never throws for what is in the source: that is in `book.problems`. */
export async function readSource(source: ImportSource, directories: DirectoriesRepository, signal?: AbortSignal): Promise<SourceRead> {
  if (source.kind === 'file') {
    const bytes = Buffer.from(source.content, 'base64');
    if (bytes.length > MAX_FILE_BYTES) throw new AppError('invalid-argument', `source.content: the file is ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are read`, { field: 'source.content' });
    const format = source.format ?? detectFormat(bytes, source.fileName);
    const book = readBook(bytes, { format, encoding: source.encoding, columns: source.columns });
    return { book, format, label: source.fileName, kind: 'file' };
  }
  const connection = directories.get(source.connectionId);
  if (!connection) throw new AppError('not-found', `no directory connection ${source.connectionId}`);
  const result = await readDirectory(connection.settings, directories.password(source.connectionId), { signal });
  // A failed read's book has no entries and the failure as its line-0 problem: nothing is imported.
  return { book: result.book, format: 'ldap', label: connection.settings.name, kind: 'directory' };
}

/** Counts per kind. */
export function countByKind(entries: readonly AddressEntry[]): Record<EntryKind, number> {
  const counts = Object.fromEntries(ENTRY_KINDS.map((k) => [k, 0])) as Record<EntryKind, number>;
  for (const e of entries) counts[e.kind]++;
  return counts;
}

/** What the preview shows: counts, the plan's effect, the first rows (passwords masked) and every problem. */
export function previewOf(read: SourceRead, plan: ImportPlan | null): ImportPreview {
  const { book } = read;
  return {
    format: read.format,
    encoding: book.encoding,
    encodingCertain: book.encodingCertain,
    bookName: book.bookName,
    read: book.entries.length,
    byKind: countByKind(book.entries),
    added: plan?.add.length ?? 0,
    updated: plan?.update.length ?? 0,
    removed: plan?.remove.length ?? 0,
    unchanged: plan?.unchanged ?? 0,
    first: book.entries.slice(0, 20).map((e) => (e.kind === 'folder' ? { ...e, password: null, passwordSet: e.password !== null } : e)),
    problems: book.problems,
  };
}

/** The AppError an import with problems answers (nothing imported): every problem with its line in details.problems. */
export function problemsError(read: SourceRead): AppError {
  const { problems } = read.book;
  const shown = problems.slice(0, 5).map((p) => (p.line > 0 ? `line ${p.line}: ${p.message}` : p.message));
  return new AppError('invalid-argument', `${read.label}: ${problems.length} problem(s), nothing imported — ${shown.join('; ')}${problems.length > 5 ? '; …' : ''}`, { problems });
}
