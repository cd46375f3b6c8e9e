import { driverStoreSettingsSchema, type DriverStoreSettings } from '../../../../src-shared/plugins/drivers/driver-store';
import type { PluginDatabase, SecretStore } from '../../../plugin-api/plugin-host';

export interface StoredStore {
  id: number;
  settings: DriverStoreSettings;
  passwordSet: boolean;
  sets: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** A name taken, a store still in use: said to the caller as 'conflict'. */
export class DriversConflict extends Error {}

interface Row {
  id: number;
  settings: string;
  password: string | null;
  updated_at: number;
  updated_by: string | null;
  sets: number;
}

/** Saved driver stores; the FTP password sealed, opened only to reach the server. */
export class StoresRepository {
  constructor(
    private readonly db: PluginDatabase,
    private readonly secrets: SecretStore,
  ) {}

  list(): StoredStore[] {
    return this.db
      .prepare<[], Row>('SELECT s.id, s.settings, s.password, s.updated_at, s.updated_by, (SELECT COUNT(*) FROM drivers_sets WHERE store_id = s.id) AS sets FROM drivers_stores s ORDER BY s.name COLLATE NOCASE')
      .all()
      .map((row) => ({ id: row.id, settings: driverStoreSettingsSchema.parse(JSON.parse(row.settings)), passwordSet: row.password !== null, sets: row.sets, updatedAt: row.updated_at, updatedBy: row.updated_by }));
  }

  get(id: number): StoredStore | null {
    return this.list().find((s) => s.id === id) ?? null;
  }

  byName(name: string): StoredStore | null {
    return this.list().find((s) => s.settings.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** The password, opened (null: none stored). */
  password(id: number): string | null {
    const row = this.db.prepare<[number], { password: string | null }>('SELECT password FROM drivers_stores WHERE id = ?').get(id);
    return row?.password ? this.secrets.open(row.password) : null;
  }

  /** Adds (id null) or changes a store; password: a string seals it, null clears it, undefined keeps it. */
  save(id: number | null, settings: DriverStoreSettings, password: string | null | undefined, by: string | null, at: number): number {
    const sealed = password === undefined ? undefined : password === null ? null : this.secrets.seal(password);
    try {
      if (id === null) {
        return Number(this.db.prepare('INSERT INTO drivers_stores (name, settings, password, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(settings.name, JSON.stringify(settings), sealed ?? null, at, by).lastInsertRowid);
      }
      if (sealed === undefined) this.db.prepare('UPDATE drivers_stores SET name = ?, settings = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(settings.name, JSON.stringify(settings), at, by, id);
      else this.db.prepare('UPDATE drivers_stores SET name = ?, settings = ?, password = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(settings.name, JSON.stringify(settings), sealed, at, by, id);
      return id;
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new DriversConflict(`a store named "${settings.name}" exists already`);
      throw error;
    }
  }

  remove(id: number): void {
    const { sets } = this.db.prepare<[number], { sets: number }>('SELECT COUNT(*) AS sets FROM drivers_sets WHERE store_id = ?').get(id) ?? { sets: 0 };
    if (sets > 0) throw new DriversConflict(`the store keeps ${sets} driver set${sets === 1 ? '' : 's'}: delete or move them first`);
    this.db.prepare('DELETE FROM drivers_stores WHERE id = ?').run(id);
  }
}
