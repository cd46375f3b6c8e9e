import {
  conditionInputSchema,
  type MonitoringCondition,
  type MonitoringConditionInput,
  type MonitoringSettings,
} from '../../../src-shared/contract/monitoring.contract';
import type { Database } from './database';
import { impossible, uniquely } from './store-error';

interface ConditionRow {
  id: number;
  name: string;
  enabled: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

/**
 * Monitoring settings (one row) and monitoring conditions. A condition's name is a column
 * (unique regardless of case: a duplicate throws StoreError 'store-conflict'); the rest of its
 * definition is JSON, read back through the contract's schema so defaults added later apply.
 */
export class MonitoringRepository {
  private readonly selectSettings;
  private readonly upsertSettings;
  private readonly selectConditions;
  private readonly selectCondition;
  private readonly insertCondition;
  private readonly updateConditionRow;
  private readonly deleteCondition;

  constructor(db: Database) {
    this.selectSettings = db.prepare<[], { interval_ms: number; misses: number; traps_enabled: number; trap_port: number }>(
      'SELECT interval_ms, misses, traps_enabled, trap_port FROM monitoring_settings WHERE id = 1',
    );
    this.upsertSettings = db.prepare<[number, number, number, number]>(
      `INSERT INTO monitoring_settings (id, interval_ms, misses, traps_enabled, trap_port) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET interval_ms = excluded.interval_ms, misses = excluded.misses,
         traps_enabled = excluded.traps_enabled, trap_port = excluded.trap_port`,
    );
    this.selectConditions = db.prepare<[], ConditionRow>('SELECT * FROM monitoring_conditions ORDER BY name COLLATE NOCASE, id');
    this.selectCondition = db.prepare<[number], ConditionRow>('SELECT * FROM monitoring_conditions WHERE id = ?');
    this.insertCondition = db.prepare<[string, number, string, number, number]>(
      'INSERT INTO monitoring_conditions (name, enabled, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateConditionRow = db.prepare<[string, number, string, number, number]>(
      'UPDATE monitoring_conditions SET name = ?, enabled = ?, definition = ?, updated_at = ? WHERE id = ?',
    );
    this.deleteCondition = db.prepare<[number]>('DELETE FROM monitoring_conditions WHERE id = ?');
  }

  /** The saved settings, or null when none were saved yet. */
  getSettings(): MonitoringSettings | null {
    const row = this.selectSettings.get();
    if (!row) return null;
    return { intervalMs: row.interval_ms, missesBeforeNotReachable: row.misses, trapsEnabled: row.traps_enabled === 1, trapPort: row.trap_port };
  }

  saveSettings(settings: MonitoringSettings): void {
    this.upsertSettings.run(settings.intervalMs, settings.missesBeforeNotReachable, settings.trapsEnabled ? 1 : 0, settings.trapPort);
  }

  /** Every condition, by name; a row whose definition cannot be read is skipped (never throws for it). */
  listConditions(): MonitoringCondition[] {
    return this.selectConditions.all().flatMap((row) => toCondition(row) ?? []);
  }

  getCondition(id: number): MonitoringCondition | null {
    const row = this.selectCondition.get(id);
    return row ? toCondition(row) : null;
  }

  /** Throws StoreError 'store-conflict' when the name is taken. */
  createCondition(input: MonitoringConditionInput, now: number): MonitoringCondition {
    const id = uniquely(input.name, () => Number(this.insertCondition.run(input.name, input.enabled ? 1 : 0, definitionOf(input), now, now).lastInsertRowid));
    return this.getCondition(id) ?? impossible(`condition ${id} vanished after insert`);
  }

  /** Null when the condition is unknown; StoreError 'store-conflict' when the name is taken. */
  updateCondition(id: number, input: MonitoringConditionInput, now: number): MonitoringCondition | null {
    const changes = uniquely(input.name, () => this.updateConditionRow.run(input.name, input.enabled ? 1 : 0, definitionOf(input), now, id).changes);
    return changes === 0 ? null : this.getCondition(id);
  }

  /** True when it existed. */
  removeCondition(id: number): boolean {
    return this.deleteCondition.run(id).changes > 0;
  }
}

function definitionOf(input: MonitoringConditionInput): string {
  const { name: _name, enabled: _enabled, ...definition } = input;
  return JSON.stringify(definition);
}

function toCondition(row: ConditionRow): MonitoringCondition | null {
  let definition: unknown;
  try {
    definition = JSON.parse(row.definition);
  } catch {
    return null;
  }
  const parsed = conditionInputSchema.safeParse({ ...(typeof definition === 'object' ? definition : {}), name: row.name, enabled: row.enabled === 1 });
  if (!parsed.success) return null;
  return { id: row.id, ...parsed.data, createdAt: row.created_at, updatedAt: row.updated_at };
}
