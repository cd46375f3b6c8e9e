import { BOOK_ENCODINGS, BOOK_FILE_FORMATS, type BookEncoding, type BookFileFormat, type ImportMode, type ImportSource, type MatchKey } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import type { BookProblem } from '../../../../src-shared/plugins/addressbook/address-entry';

/** The largest file the contract takes (20 MB before base64). */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface ImportDraft {
  sourceKind: 'file' | 'directory';
  fileName: string | null;
  /** The file's bytes, base64. */
  content: string | null;
  connectionId: number | null;
  target: 'new' | 'existing';
  newBookName: string;
  bookId: number | null;
  mode: ImportMode;
  matchBy: MatchKey;
  /** null: detected by the server. */
  format: BookFileFormat | null;
  encoding: BookEncoding | null;
}

export type ImportRequest = {
  source: ImportSource;
  target: { bookId: number } | { newBookName: string };
  mode: ImportMode;
  matchBy: MatchKey;
};

export type ImportDraftProblem = 'noFile' | 'noConnection' | 'noBook' | 'noName';

/** The request the draft describes, or the first thing missing. */
export function importRequestOf(draft: ImportDraft): { ok: true; request: ImportRequest } | { ok: false; problem: ImportDraftProblem } {
  let source: ImportSource;
  if (draft.sourceKind === 'file') {
    if (draft.content === null || draft.fileName === null) return { ok: false, problem: 'noFile' };
    source = { kind: 'file', fileName: draft.fileName, content: draft.content, ...(draft.format ? { format: draft.format } : {}), ...(draft.encoding ? { encoding: draft.encoding } : {}) };
  } else {
    if (draft.connectionId === null) return { ok: false, problem: 'noConnection' };
    source = { kind: 'directory', connectionId: draft.connectionId };
  }
  let target: ImportRequest['target'];
  if (draft.target === 'existing') {
    if (draft.bookId === null) return { ok: false, problem: 'noBook' };
    target = { bookId: draft.bookId };
  } else {
    if (draft.newBookName.trim() === '') return { ok: false, problem: 'noName' };
    target = { newBookName: draft.newBookName.trim() };
  }
  // A new book has nothing to update or replace: every entry is added.
  return { ok: true, request: { source, target, mode: draft.target === 'new' ? 'add' : draft.mode, matchBy: draft.matchBy } };
}

/** A book name from a file name: "Staff list.csv" → "Staff list". */
export function bookNameOfFile(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim().slice(0, 80);
}

export function isBookFileFormat(value: string | null): value is BookFileFormat {
  return (BOOK_FILE_FORMATS as readonly (string | null)[]).includes(value);
}

export function isBookEncoding(value: string | null): value is BookEncoding {
  return (BOOK_ENCODINGS as readonly (string | null)[]).includes(value);
}

/** The problems a refused import carries in details.problems (every line), or none. */
export function problemsOfRefusal(error: unknown): BookProblem[] {
  const details = typeof error === 'object' && error !== null && 'details' in error ? error.details : undefined;
  if (typeof details !== 'object' || details === null || !('problems' in details) || !Array.isArray(details.problems)) return [];
  return details.problems.filter((p: unknown): p is BookProblem => typeof p === 'object' && p !== null && 'line' in p && typeof p.line === 'number' && 'message' in p && typeof p.message === 'string');
}
