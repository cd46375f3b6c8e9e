import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './store-error';

/** One schema step of a plug-in's own tables; `up` runs inside the step's transaction. */
export interface PluginMigration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}

/**
 * Plug-in states (enabled unless switched off) and each plug-in's own schema: its migrations
 * are numbered 1, 2, 3 … apart from the core's and recorded in plugin_schema.
 */
export class PluginsRepository {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** The database plug-ins keep their tables in. */
  get database(): BetterSqlite3.Database {
    return this.db;
  }

  /** Ids of the plug-ins an administrator switched off. */
  disabled(): Set<string> {
    return new Set(this.db.prepare<[], { id: string }>('SELECT id FROM plugins WHERE enabled = 0').all().map((r) => r.id));
  }

  setEnabled(id: string, enabled: boolean, by: string | null, at: number): void {
    this.db
      .prepare('INSERT INTO plugins (id, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by')
      .run(id, enabled ? 1 : 0, at, by);
  }

  schemaVersion(plugin: string): number {
    return this.db.prepare<[string], { version: number }>('SELECT version FROM plugin_schema WHERE plugin = ?').get(plugin)?.version ?? 0;
  }

  /**
   * Applies a plug-in's steps above its recorded version, all in one transaction (nothing is
   * applied when one fails). StoreError 'store-too-new' for tables written by a newer version
   * of the plug-in, 'store-migration-failed' naming the step; RangeError for a list not numbered 1, 2, 3 ….
   */
  migrate(plugin: string, migrations: readonly PluginMigration[]): number {
    migrations.forEach((m, i) => {
      if (m.version !== i + 1) throw new RangeError(`plug-in ${plugin}: migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
    });
    const latest = migrations.at(-1)?.version ?? 0;
    return this.db
      .transaction(() => {
        const current = this.schemaVersion(plugin);
        if (current > latest) {
          throw new StoreError('store-too-new', `the ${plugin} plug-in's tables were written by a newer version of it (schema ${current}; this one knows up to ${latest}). Update the plug-in.`);
        }
        for (const step of migrations.slice(current)) {
          try {
            step.up(this.db);
          } catch (cause) {
            throw new StoreError('store-migration-failed', `plug-in ${plugin}: migration ${step.version} (${step.name}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
          }
        }
        if (latest > current) this.db.prepare('INSERT INTO plugin_schema (plugin, version) VALUES (?, ?) ON CONFLICT (plugin) DO UPDATE SET version = excluded.version').run(plugin, latest);
        return latest;
      })
      .immediate();
  }
}
