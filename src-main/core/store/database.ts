import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, migrate } from './migrations';
import { StoreError } from './store-error';

/** An open SQLite connection; only code under core/store sees this type. */
export type Database = BetterSqlite3.Database;

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * A file made before incremental auto-vacuum is converted by one VACUUM when it opens, but
 * only up to this size: VACUUM rewrites the whole file (about a second for this much), needs
 * as much free disk again and holds the write lock. A larger file keeps its size; the pages
 * history maintenance frees are reused by new rows, so it stops growing all the same.
 */
export const CONVERT_AT_OPEN_MAX_BYTES = 128 * 1024 * 1024;

export interface OpenOptions {
  /** Largest file converted to incremental auto-vacuum at open; CONVERT_AT_OPEN_MAX_BYTES by default. */
  convertUpToBytes?: number;
}

/**
 * Opens (creating if needed) the Printdeck database and brings its schema up to date.
 * Throws StoreError 'store-unavailable' when the file cannot be opened as SQLite,
 * 'store-too-new' when a newer Printdeck wrote it, 'store-migration-failed' when a migration
 * fails (the file is then left exactly as it was).
 */
export function openDatabase(file: string | ':memory:', options: OpenOptions = {}): Database {
  let db: Database;
  const created = file !== ':memory:' && !existsSync(file);
  try {
    // The file holds password hashes and sealed secrets: only its owner reads it, from the
    // first byte (created 0600 before SQLite opens it, so there is no moment it is 0644;
    // SQLite gives -wal and -shm the same mode). An empty file is an empty database.
    if (created) createPrivateFile(file);
    db = new BetterSqlite3(file);
  } catch (cause) {
    throw new StoreError('store-unavailable', `cannot open the database "${file}": ${describe(cause)}`, { cause });
  }
  try {
    configure(db);
    migrate(db, MIGRATIONS);
    convertToIncrementalVacuum(db, options.convertUpToBytes ?? CONVERT_AT_OPEN_MAX_BYTES);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError('store-unavailable', `"${file}" is not a usable Printdeck database: ${describe(error)}`, {
      cause: error,
    });
  }
}

function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    // Another process created it meanwhile: it is that one's to set up.
    if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST')) throw error;
    return;
  }
  chmodSync(file, 0o600); // a umask cannot widen it, but a platform default might
}

function configure(db: Database): void {
  // Free pages can be given back to the file system in small steps after history is thinned
  // (PRAGMA incremental_vacuum). The mode can be chosen freely only before the first table.
  if (Number(db.pragma('page_count', { simple: true })) === 0) db.pragma('auto_vacuum = INCREMENTAL');
  // WAL lets the UI read while a poll round writes; NORMAL is durable across application
  // crashes in WAL mode and only risks the last commits on power loss, which a poll repeats.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** Converts a small file made without incremental auto-vacuum (see CONVERT_AT_OPEN_MAX_BYTES). */
function convertToIncrementalVacuum(db: Database, maxBytes: number): void {
  if (db.pragma('auto_vacuum', { simple: true }) === 2 || db.memory) return;
  const bytes = Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
  if (bytes > maxBytes) return;
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } catch {
    // Busy (another process holds the file) or no room for the copy: the file works as it
    // is, and the next open tries again.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
