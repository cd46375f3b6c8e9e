import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrate, MIGRATIONS, userVersion, type Migration } from '../../../src-main/core/store/migrations';
import { StoreError } from '../../../src-main/core/store/store-error';

const open: BetterSqlite3.Database[] = [];
function emptyDb(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function tables(db: BetterSqlite3.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}
function columns(db: BetterSqlite3.Database, table: string): string[] {
  return db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((r) => r.name);
}

/**
 * Data-preservation cases: for every migration N ≥ 2, seed a database at N-1 and check the
 * data after migrating to N. Adding a migration without a case here fails the guard test.
 */
const PRESERVATION_CASES: Record<number, { seed: (db: BetterSqlite3.Database) => void; check: (db: BetterSqlite3.Database) => void }> = {};

describe('migration 1 (initial schema)', () => {
  it('creates every table of the store on an empty database and records version 1', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual([
      'alerts',
      'counter_history',
      'counters',
      'device_addresses',
      'device_snapshots',
      'devices',
      'status_history',
      'supplies',
      'supply_history',
      'trays',
    ]);
    expect(columns(db, 'devices')).toEqual(
      expect.arrayContaining(['id', 'serial', 'mac', 'address', 'port', 'name', 'vendor', 'model', 'firmware', 'sys_descr',
        'sys_object_id', 'location', 'contact', 'uptime_s', 'state', 'status_message', 'conditions', 'first_seen',
        'last_seen', 'last_attempt', 'last_error_code', 'last_error_message', 'source', 'profile_id']),
    );
    expect(columns(db, 'supplies')).toEqual(
      expect.arrayContaining(['device_id', 'idx', 'type', 'class', 'color', 'description', 'level', 'max', 'unit', 'percent', 'quality']),
    );
    expect(columns(db, 'supply_history')).toEqual(['id', 'device_id', 'idx', 'at', 'percent', 'level']);
    expect(columns(db, 'counter_history')).toEqual(['id', 'device_id', 'name', 'at', 'value']);
  });

  it('indexes the identity lookups (serial, MAC, address) and history by device and time', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    const indexed = (table: string) =>
      db
        .prepare<[], { name: string }>(`PRAGMA index_list(${table})`)
        .all()
        .map((i) => db.prepare<[], { name: string }>(`PRAGMA index_info(${i.name})`).all().map((c) => c.name).join(','));
    expect(indexed('devices')).toEqual(expect.arrayContaining(['serial', 'mac', 'address,port']));
    for (const table of ['status_history', 'supply_history', 'counter_history']) {
      expect(indexed(table)).toContain('device_id,at');
    }
  });

  it('makes every per-device table cascade when its device is deleted', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    const children = tables(db).filter((t) => t !== 'devices');
    for (const table of children) {
      const keys = db.prepare<[], { table: string; on_delete: string }>(`PRAGMA foreign_key_list(${table})`).all();
      expect(keys, table).toEqual([expect.objectContaining({ table: 'devices', on_delete: 'CASCADE' })]);
    }
  });
});

describe('migration runner', () => {
  it('has a data-preservation case for every migration after the first', () => {
    const missing = MIGRATIONS.filter((m) => m.version > 1 && !(m.version in PRESERVATION_CASES)).map((m) => m.version);
    expect(missing).toEqual([]);
  });

  it.each(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version))(
    'migration %i keeps the data of a database at the previous version',
    (version) => {
      const db = emptyDb();
      migrate(db, MIGRATIONS.slice(0, version - 1));
      PRESERVATION_CASES[version]?.seed(db);
      migrate(db, MIGRATIONS.slice(0, version));
      expect(userVersion(db)).toBe(version);
      PRESERVATION_CASES[version]?.check(db);
    },
  );

  it('applies only the steps above the recorded version and keeps existing rows', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO devices (address, port, address_since, first_seen, source) VALUES ('10.0.0.5', 161, 1, 1, 'added')").run();
    const next: Migration = { version: MIGRATIONS.length + 1, name: 'add notes', up: (d) => d.exec('ALTER TABLE devices ADD COLUMN notes TEXT') };
    expect(migrate(db, [...MIGRATIONS, next])).toBe(next.version);
    expect(userVersion(db)).toBe(next.version);
    expect(db.prepare('SELECT address, notes FROM devices').all()).toEqual([{ address: '10.0.0.5', notes: null }]);
  });

  it('does nothing when run again at the latest version', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS);
    expect(() => migrate(db, MIGRATIONS)).not.toThrow();
    expect(userVersion(db)).toBe(latestVersion(MIGRATIONS));
  });

  it('rolls every step back when a later step fails, leaving version and schema untouched', () => {
    const db = emptyDb();
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', up: (d) => d.exec('CREATE TABLE oops (') };
    const error = captureError(() => migrate(db, [...MIGRATIONS, broken]));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store-migration-failed' });
    expect(String((error as Error).message)).toContain('broken');
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a database written by a newer schema with store-too-new', () => {
    const db = emptyDb();
    db.pragma(`user_version = ${latestVersion(MIGRATIONS) + 1}`);
    const error = captureError(() => migrate(db, MIGRATIONS));
    expect(error).toMatchObject({ code: 'store-too-new' });
    expect(String((error as Error).message)).toMatch(/newer Printdeck/);
    expect(tables(db)).toEqual([]);
  });

  it('rejects a migration list that is not numbered 1, 2, 3 …', () => {
    const db = emptyDb();
    const skipped: Migration = { version: 3, name: 'skipped two', up: () => undefined };
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 1), skipped])).toThrow(RangeError);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
