import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { latestVersion, MIGRATIONS } from '../../../src-main/core/store/migrations';
import { anAlert, aReading } from '../../helpers/reading-builders';
import { anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-store-'));
  file = join(dir, 'printdeck.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase on a file', () => {
  it('keeps devices, readings, snapshots and history across a close and reopen', () => {
    const first = openDatabase(file);
    const repo = new DevicesRepository(first);
    const reading = aReading({ alerts: [anAlert()] });
    const [saved] = repo.saveReadings([{ ...anEntry(reading, T), snapshot: new Uint8Array([9, 8, 7]), profileId: 'hp' }]);
    repo.addDevice({ address: '10.0.0.99', port: 161, name: 'Basement', source: 'added' });
    const before = { list: repo.listDevices(), device: repo.getDevice(saved?.deviceId ?? -1), history: repo.history(saved?.deviceId ?? -1, { since: 0 }) };
    first.close();

    const second = openDatabase(file);
    try {
      const reopened = new DevicesRepository(second);
      expect(reopened.listDevices()).toEqual(before.list);
      expect(reopened.getDevice(saved?.deviceId ?? -1)).toEqual(before.device);
      expect(reopened.history(saved?.deviceId ?? -1, { since: 0 })).toEqual(before.history);
      expect(reopened.getSnapshot(saved?.deviceId ?? -1)).toEqual(new Uint8Array([9, 8, 7]));
      expect(before.device?.supplies).toEqual(reading.supplies);
      // The next round recognises the stored device instead of creating a second one.
      expect(reopened.saveReadings([anEntry(reading, T + 60_000)])[0]).toMatchObject({ deviceId: saved?.deviceId, change: 'unchanged' });
    } finally {
      second.close();
    }
  });

  it.skipIf(process.platform === 'win32')('creates the file, its -wal and -shm readable by this user only (0600), whatever the umask', () => {
    const umask = process.umask(0o022);
    try {
      const db = openDatabase(file);
      new DevicesRepository(db).addDevice({ address: '10.0.0.1', port: 161, source: 'added' });
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
      db.close();
    } finally {
      process.umask(umask);
    }
  });

  it('opens in WAL mode with foreign keys, a busy timeout and synchronous=NORMAL', () => {
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    } finally {
      db.close();
    }
  });

  it('makes a new file with incremental auto-vacuum, so maintenance can give freed pages back', () => {
    const db = openDatabase(file);
    try {
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('converts a small file made without incremental auto-vacuum once at open, and leaves a larger one as it is, data kept', () => {
    const legacy = (): void => {
      const old = new BetterSqlite3(file);
      old.pragma('journal_mode = WAL');
      old.exec("CREATE TABLE kept (x); INSERT INTO kept VALUES ('history')");
      old.close();
    };
    legacy();
    const large = openDatabase(file, { convertUpToBytes: 0 });
    try {
      expect(large.pragma('auto_vacuum', { simple: true })).toBe(0);
      expect(large.prepare('SELECT x FROM kept').pluck().all()).toEqual(['history']);
    } finally {
      large.close();
    }
    const small = openDatabase(file);
    try {
      expect(small.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(small.prepare('SELECT x FROM kept').pluck().all()).toEqual(['history']);
      expect(small.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      small.close();
    }
  });

  it('refuses a file from a newer Printdeck with store-too-new and leaves it untouched', () => {
    const newer = new BetterSqlite3(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${latestVersion(MIGRATIONS) + 5}`);
    newer.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ name: 'StoreError', code: 'store-too-new' }));
    const check = new BetterSqlite3(file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS) + 5);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['future']);
    } finally {
      check.close();
    }
  });

  it('reports store-unavailable for a file that is not a database or a folder that does not exist', () => {
    writeFileSync(file, 'this is not SQLite, just a text file that happens to be long enough to look like one');
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'store-unavailable' }));
    expect(() => openDatabase(join(dir, 'missing', 'printdeck.db'))).toThrow(expect.objectContaining({ code: 'store-unavailable' }));
  });
});
