import { directoryConnectionSettingsSchema, type DirectoryConnection } from '../../../../src-shared/plugins/addressbook/directory-connection';
import type { PluginDatabase, SecretStore } from '../../../plugin-api/plugin-host';
import { BookConflict } from './books.repository';

export interface StoredConnection {
  id: number;
  settings: DirectoryConnection;
  passwordSet: boolean;
}

/** Saved directory connections; the bind password sealed, opened only to read the directory. */
export class DirectoriesRepository {
  constructor(
    private readonly db: PluginDatabase,
    private readonly secrets: SecretStore,
  ) {}

  list(): StoredConnection[] {
    return this.db
      .prepare<[], { id: number; settings: string; password: string | null }>('SELECT id, settings, password FROM addressbook_directories ORDER BY name COLLATE NOCASE')
      .all()
      .map((row) => ({ id: row.id, settings: directoryConnectionSettingsSchema.parse(JSON.parse(row.settings)), passwordSet: row.password !== null }));
  }

  get(id: number): StoredConnection | null {
    return this.list().find((c) => c.id === id) ?? null;
  }

  /** The bind password, opened (null: none stored). Throws the SecretStore's error when the key cannot open it. */
  password(id: number): string | null {
    const row = this.db.prepare<[number], { password: string | null }>('SELECT password FROM addressbook_directories WHERE id = ?').get(id);
    return row?.password ? this.secrets.open(row.password) : null;
  }

  /** Adds (id null) or changes a connection; password: a string seals it, null clears it, undefined keeps it. */
  save(id: number | null, settings: DirectoryConnection, password: string | null | undefined, by: string | null, at: number): number {
    const sealed = password === undefined ? undefined : password === null ? null : this.secrets.seal(password);
    try {
      if (id === null) {
        return Number(
          this.db.prepare('INSERT INTO addressbook_directories (name, settings, password, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(settings.name, JSON.stringify(settings), sealed ?? null, at, by).lastInsertRowid,
        );
      }
      if (sealed === undefined) this.db.prepare('UPDATE addressbook_directories SET name = ?, settings = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(settings.name, JSON.stringify(settings), at, by, id);
      else this.db.prepare('UPDATE addressbook_directories SET name = ?, settings = ?, password = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(settings.name, JSON.stringify(settings), sealed, at, by, id);
      return id;
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new BookConflict(`a connection named "${settings.name}" exists already`);
      throw error;
    }
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM addressbook_directories WHERE id = ?').run(id);
  }
}

/** The plug-in's small settings (how devices' web services are reached), as JSON per key. */
export class AddressbookSettings {
  constructor(private readonly db: PluginDatabase) {}

  get<T>(key: string, fallback: T, parse: (value: unknown) => T): T {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM addressbook_settings WHERE key = ?').get(key);
    if (!row) return fallback;
    try {
      return parse(JSON.parse(row.value));
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO addressbook_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
