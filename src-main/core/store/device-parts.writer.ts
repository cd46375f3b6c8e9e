import type {
  AlertReading,
  CounterReading,
  SupplyReading,
  TrayReading,
} from '../../../src-shared/domain/device-reading';
import type { Database } from './database';
import type { AlertRow, CounterRow, SupplyRow, TrayRow } from './device-rows';
import { shouldRecordCounter, shouldRecordSupply, type RecordedSupply } from './history-rules';
import { StoredParts, type StoredCounter, type StoredSupply, type StoredTray } from './stored-parts';

/**
 * Writes a device's supplies, trays, counters and alerts by comparing with what is stored:
 * unchanged rows are not touched, so a routine round writes only what moved. Each method
 * returns true when the stored current values changed. For a device created in this round,
 * pass `isNew` to skip the read of rows that cannot exist yet.
 */
export class DevicePartsWriter {
  private readonly stored: StoredParts;
  private readonly upsertSupply;
  private readonly updateSupply;
  private readonly deleteSupply;
  private readonly insertSupplyHistory;
  private readonly upsertTray;
  private readonly updateTray;
  private readonly deleteTray;
  private readonly upsertCounter;
  private readonly updateCounter;
  private readonly deleteCounter;
  private readonly insertCounterHistory;
  private readonly selectAlerts;
  private readonly insertAlert;
  private readonly moveAlert;
  private readonly deleteAlert;

  constructor(db: Database) {
    this.stored = new StoredParts(db);
    this.upsertSupply = db.prepare<[SupplyRow]>(
      `INSERT INTO supplies (device_id, idx, position, type, class, color, description, level, max, unit, percent,
         quality, recorded_at, recorded_level, recorded_percent)
       VALUES (@device_id, @idx, @position, @type, @class, @color, @description, @level, @max, @unit, @percent,
         @quality, @recorded_at, @recorded_level, @recorded_percent)
       ON CONFLICT (device_id, idx) DO UPDATE SET position = excluded.position, type = excluded.type,
         class = excluded.class, color = excluded.color, description = excluded.description, level = excluded.level,
         max = excluded.max, unit = excluded.unit, percent = excluded.percent, quality = excluded.quality,
         recorded_at = excluded.recorded_at, recorded_level = excluded.recorded_level,
         recorded_percent = excluded.recorded_percent`,
    );
    // A row read just before in the same transaction is updated in place, its values bound by
    // position: cheaper than the upsert's insert attempt and binding by name (a routine round
    // rewrites a few rows of every device that printed).
    this.updateSupply = db.prepare<[number, string | null, string | null, string | null, string, number | null, number | null, string | null, number | null, string, number | null, number | null, number | null, number, string]>(
      `UPDATE supplies SET position = ?, type = ?, class = ?, color = ?, description = ?, level = ?, max = ?, unit = ?,
         percent = ?, quality = ?, recorded_at = ?, recorded_level = ?, recorded_percent = ? WHERE device_id = ? AND idx = ?`,
    );
    this.deleteSupply = db.prepare<[number, string]>('DELETE FROM supplies WHERE device_id = ? AND idx = ?');
    this.insertSupplyHistory = db.prepare<[number, string, number, number | null, number | null]>(
      'INSERT INTO supply_history (device_id, idx, at, percent, level) VALUES (?, ?, ?, ?, ?)',
    );
    this.upsertTray = db.prepare<[TrayRow]>(
      `INSERT INTO trays (device_id, idx, position, name, type, media, level, max, percent, quality)
       VALUES (@device_id, @idx, @position, @name, @type, @media, @level, @max, @percent, @quality)
       ON CONFLICT (device_id, idx) DO UPDATE SET position = excluded.position, name = excluded.name,
         type = excluded.type, media = excluded.media, level = excluded.level, max = excluded.max,
         percent = excluded.percent, quality = excluded.quality`,
    );
    this.updateTray = db.prepare<[number, string, string | null, string | null, number | null, number | null, number | null, string, number, string]>(
      `UPDATE trays SET position = ?, name = ?, type = ?, media = ?, level = ?, max = ?, percent = ?, quality = ?
       WHERE device_id = ? AND idx = ?`,
    );
    this.deleteTray = db.prepare<[number, string]>('DELETE FROM trays WHERE device_id = ? AND idx = ?');
    this.upsertCounter = db.prepare<[CounterRow]>(
      `INSERT INTO counters (device_id, name, position, unit, value, recorded_at, recorded_value)
       VALUES (@device_id, @name, @position, @unit, @value, @recorded_at, @recorded_value)
       ON CONFLICT (device_id, name) DO UPDATE SET position = excluded.position, unit = excluded.unit,
         value = excluded.value, recorded_at = excluded.recorded_at, recorded_value = excluded.recorded_value`,
    );
    this.updateCounter = db.prepare<[number, string, number, number | null, number | null, number, string]>(
      'UPDATE counters SET position = ?, unit = ?, value = ?, recorded_at = ?, recorded_value = ? WHERE device_id = ? AND name = ?',
    );
    this.deleteCounter = db.prepare<[number, string]>('DELETE FROM counters WHERE device_id = ? AND name = ?');
    this.insertCounterHistory = db.prepare<[number, string, number, number]>(
      'INSERT INTO counter_history (device_id, name, at, value) VALUES (?, ?, ?, ?)',
    );
    this.selectAlerts = db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE device_id = ?');
    this.insertAlert = db.prepare<[Omit<AlertRow, 'id'>]>(
      `INSERT INTO alerts (device_id, position, severity, alert_group, code, description, location, first_seen)
       VALUES (@device_id, @position, @severity, @alert_group, @code, @description, @location, @first_seen)`,
    );
    this.moveAlert = db.prepare<[number, number]>('UPDATE alerts SET position = ? WHERE id = ?');
    this.deleteAlert = db.prepare<[number]>('DELETE FROM alerts WHERE id = ?');
  }

  /** Stores the supplies and adds supply_history rows by the history rules; never throws for valid readings. */
  supplies(deviceId: number, supplies: readonly SupplyReading[], at: number, isNew: boolean): boolean {
    const stored = isNew ? new Map<string, StoredSupply>() : this.stored.supplies(deviceId);
    let changed = false;
    lastByKey(supplies, (s) => s.index).forEach((s, position) => {
      const old = stored.get(s.index);
      stored.delete(s.index);
      const last: RecordedSupply | null =
        old?.recorded_at != null ? { at: old.recorded_at, level: old.recorded_level, percent: old.recorded_percent } : null;
      const record = shouldRecordSupply(last, s.level, s.percent, at);
      const differs = old === undefined || supplyDiffers(old, s, position);
      if (!differs && !record) return;
      changed ||= differs;
      const kept = record ? { at, level: s.level, percent: s.percent } : last;
      const recordedAt = kept?.at ?? null;
      const recordedLevel = kept?.level ?? null;
      const recordedPercent = kept?.percent ?? null;
      if (old !== undefined) {
        const { type, class: kind, color, description, level, max, unit, percent, quality } = s;
        this.updateSupply.run(position, type, kind, color, description, level, max, unit, percent, quality, recordedAt, recordedLevel, recordedPercent, deviceId, s.index);
      } else {
        this.upsertSupply.run({
          device_id: deviceId,
          idx: s.index,
          position,
          type: s.type,
          class: s.class,
          color: s.color,
          description: s.description,
          level: s.level,
          max: s.max,
          unit: s.unit,
          percent: s.percent,
          quality: s.quality,
          recorded_at: recordedAt,
          recorded_level: recordedLevel,
          recorded_percent: recordedPercent,
        });
      }
      if (record) this.insertSupplyHistory.run(deviceId, s.index, at, s.percent, s.level);
    });
    for (const idx of stored.keys()) this.deleteSupply.run(deviceId, idx);
    return changed || stored.size > 0;
  }

  /** Stores the input trays (no history is kept for trays); never throws for valid readings. */
  trays(deviceId: number, trays: readonly TrayReading[], isNew: boolean): boolean {
    const stored = isNew ? new Map<string, StoredTray>() : this.stored.trays(deviceId);
    let changed = false;
    lastByKey(trays, (t) => t.index).forEach((t, position) => {
      const row: TrayRow = {
        device_id: deviceId,
        idx: t.index,
        position,
        name: t.name,
        type: t.type,
        media: t.media,
        level: t.level,
        max: t.max,
        percent: t.percent,
        quality: t.quality,
      };
      const old = stored.get(t.index);
      stored.delete(t.index);
      if (old !== undefined && sameValues(old, row, TRAY_FIELDS)) return;
      changed = true;
      if (old !== undefined) this.updateTray.run(position, row.name, row.type, row.media, row.level, row.max, row.percent, row.quality, deviceId, t.index);
      else this.upsertTray.run(row);
    });
    for (const idx of stored.keys()) this.deleteTray.run(deviceId, idx);
    return changed || stored.size > 0;
  }

  /** Stores the counters and adds counter_history rows by the history rules; never throws for valid readings. */
  counters(deviceId: number, counters: readonly CounterReading[], at: number, isNew: boolean): boolean {
    const stored = isNew ? new Map<string, StoredCounter>() : this.stored.counters(deviceId);
    let changed = false;
    lastByKey(counters, (c) => c.name).forEach((c, position) => {
      const old = stored.get(c.name);
      stored.delete(c.name);
      const last =
        old?.recorded_at != null && old.recorded_value !== null ? { at: old.recorded_at, value: old.recorded_value } : null;
      const record = shouldRecordCounter(last, c.value, at);
      const differs = old === undefined || old.position !== position || old.unit !== c.unit || old.value !== c.value;
      if (!differs && !record) return;
      changed ||= differs;
      const kept = record ? { at, value: c.value } : last;
      if (old !== undefined) this.updateCounter.run(position, c.unit, c.value, kept?.at ?? null, kept?.value ?? null, deviceId, c.name);
      else {
        this.upsertCounter.run({
          device_id: deviceId,
          name: c.name,
          position,
          unit: c.unit,
          value: c.value,
          recorded_at: kept?.at ?? null,
          recorded_value: kept?.value ?? null,
        });
      }
      if (record) this.insertCounterHistory.run(deviceId, c.name, at, c.value);
    });
    for (const name of stored.keys()) this.deleteCounter.run(deviceId, name);
    return changed || stored.size > 0;
  }

  /** Replaces the active alerts; an alert still present keeps its first_seen. Never throws for valid readings. */
  alerts(deviceId: number, alerts: readonly AlertReading[], at: number, isNew: boolean): boolean {
    const stored = new Map<string, AlertRow[]>();
    for (const row of isNew ? [] : this.selectAlerts.all(deviceId)) {
      const key = alertKey(row.severity, row.alert_group, row.code, row.description, row.location);
      stored.set(key, [...(stored.get(key) ?? []), row]);
    }
    let changed = false;
    alerts.forEach((a, position) => {
      const kept = stored.get(alertKey(a.severity, a.group, a.code, a.description, a.location))?.shift();
      if (kept !== undefined) {
        if (kept.position !== position) this.moveAlert.run(position, kept.id);
        changed ||= kept.position !== position;
        return;
      }
      changed = true;
      this.insertAlert.run({
        device_id: deviceId,
        position,
        severity: a.severity,
        alert_group: a.group,
        code: a.code,
        description: a.description,
        location: a.location,
        first_seen: at,
      });
    });
    for (const rows of stored.values()) {
      for (const row of rows) {
        this.deleteAlert.run(row.id);
        changed = true;
      }
    }
    return changed;
  }
}

const TRAY_FIELDS = ['position', 'name', 'type', 'media', 'level', 'max', 'percent', 'quality'] as const;

function supplyDiffers(old: StoredSupply, s: SupplyReading, position: number): boolean {
  return (
    old.position !== position ||
    old.type !== s.type ||
    old.class !== s.class ||
    old.color !== s.color ||
    old.description !== s.description ||
    old.level !== s.level ||
    old.max !== s.max ||
    old.unit !== s.unit ||
    old.percent !== s.percent ||
    old.quality !== s.quality
  );
}

function sameValues<T>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.every((f) => a[f] === b[f]);
}

function alertKey(...parts: (string | null)[]): string {
  return JSON.stringify(parts);
}

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

/** A device listing the same index twice would break the primary key; the later entry wins. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  if (new Set(items.map(key)).size === items.length) return [...items];
  return [...byKey(items, key).values()];
}
