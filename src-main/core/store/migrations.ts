import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './store-error';
import { INITIAL_SCHEMA } from './schema-v1.migration';
import { GROUPS_SCHEMA } from './schema-v2.migration';
import { DISCOVERY_SCHEMA } from './schema-v3.migration';
import { TASKS_SCHEMA } from './schema-v4.migration';
import { MAIL_SCHEMA } from './schema-v5.migration';
import { ALERTS_SCHEMA } from './schema-v6.migration';
import { ACCOUNTS_SCHEMA } from './schema-v7.migration';
import { DEVICE_SETTINGS_SCHEMA } from './schema-v8.migration';
import { PLUGINS_SCHEMA } from './schema-v9.migration';
import { IDENTITY_CONFLICTS_SCHEMA } from './schema-v10.migration';
import { HISTORY_THINNING_SCHEMA } from './schema-v11.migration';
import { CONSOLE_URL_SCHEMA } from './schema-v12.migration';

/** One schema step. `up` runs inside the migration transaction and must not commit. */
export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}

/** Every schema step ever shipped, in order; append only — never edit a shipped entry. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: (db) => db.exec(INITIAL_SCHEMA) },
  { version: 2, name: 'groups and saved filters', up: (db) => db.exec(GROUPS_SCHEMA) },
  { version: 3, name: 'device searches', up: (db) => db.exec(DISCOVERY_SCHEMA) },
  { version: 4, name: 'tasks', up: (db) => db.exec(TASKS_SCHEMA) },
  { version: 5, name: 'mail', up: (db) => db.exec(MAIL_SCHEMA) },
  { version: 6, name: 'monitoring conditions and alerts', up: (db) => db.exec(ALERTS_SCHEMA) },
  { version: 7, name: 'accounts, sessions, API tokens and the audit log', up: (db) => db.exec(ACCOUNTS_SCHEMA) },
  { version: 8, name: 'device credentials, acquired settings, IP pools, per-item results', up: (db) => db.exec(DEVICE_SETTINGS_SCHEMA) },
  { version: 9, name: 'plug-in states and plug-in schema versions', up: (db) => db.exec(PLUGINS_SCHEMA) },
  { version: 10, name: 'identity conflicts of devices', up: (db) => db.exec(IDENTITY_CONFLICTS_SCHEMA) },
  { version: 11, name: 'history thinning progress', up: (db) => db.exec(HISTORY_THINNING_SCHEMA) },
  { version: 12, name: 'console address for links in mails', up: (db) => db.exec(CONSOLE_URL_SCHEMA) },
];

/** Highest schema version a list of migrations reaches (0 for an empty list). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Applies the migrations above the database's `user_version`, all in ONE transaction.
 * Throws StoreError 'store-too-new' for a database from a newer schema, and
 * 'store-migration-failed' when a step fails (nothing is applied then); throws RangeError
 * when the list itself is not numbered 1, 2, 3 …
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new RangeError(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
  const latest = latestVersion(migrations);
  // IMMEDIATE takes the write lock first, so two processes opening the same file cannot both
  // run a step; the version is read again under that lock.
  return db
    .transaction(() => {
      const current = userVersion(db);
      if (current > latest) {
        throw new StoreError(
          'store-too-new',
          `the database was written by a newer Printdeck (schema ${current}; this version knows up to ${latest}). ` +
            'Update Printdeck, or open a different data folder.',
        );
      }
      for (const step of migrations.slice(current)) {
        try {
          step.up(db);
        } catch (cause) {
          const reason = cause instanceof Error ? cause.message : String(cause);
          throw new StoreError('store-migration-failed', `migration ${step.version} (${step.name}) failed: ${reason}`, {
            cause,
          });
        }
        db.pragma(`user_version = ${step.version}`);
      }
      return latest;
    })
    .immediate();
}

/** The schema version recorded in the database header (0 for a new file). */
export function userVersion(db: BetterSqlite3.Database): number {
  const value: unknown = db.pragma('user_version', { simple: true });
  return typeof value === 'number' ? value : 0;
}
