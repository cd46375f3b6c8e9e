import { chmodSync, existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, migrate } from './migrations';
import { StoreError } from './store-error';

/** An open SQLite connection; only code under core/store sees this type. */
export type Database = BetterSqlite3.Database;

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the Printdeck database and brings its schema up to date.
 * Throws StoreError 'store-unavailable' when the file cannot be opened as SQLite,
 * 'store-too-new' when a newer Printdeck wrote it, 'store-migration-failed' when a migration
 * fails (the file is then left exactly as it was).
 */
export function openDatabase(file: string | ':memory:'): Database {
  let db: Database;
  const created = file !== ':memory:' && !existsSync(file);
  try {
    db = new BetterSqlite3(file);
    // The file holds password hashes and sealed secrets: only its owner reads it (SQLite gives -wal and -shm the same mode).
    if (created) chmodSync(file, 0o600);
  } catch (cause) {
    throw new StoreError('store-unavailable', `cannot open the database "${file}": ${describe(cause)}`, { cause });
  }
  try {
    configure(db);
    migrate(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError('store-unavailable', `"${file}" is not a usable Printdeck database: ${describe(error)}`, {
      cause: error,
    });
  }
}

function configure(db: Database): void {
  // WAL lets the UI read while a poll round writes; NORMAL is durable across application
  // crashes in WAL mode and only risks the last commits on power loss, which a poll repeats.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
