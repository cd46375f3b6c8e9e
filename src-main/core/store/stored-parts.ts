import type { Database } from './database';
import type { CounterRow, SupplyRow, TrayRow } from './device-rows';

/**
 * The stored supplies, trays and counters of one device, as DevicePartsWriter compares a
 * reading with them. Every device that printed has them read on every poll, so they are
 * selected as value lists (the driver's `raw` mode) and made into objects here: better-sqlite3
 * builds a row object key by key, which costs about half the read (measured: a device's five
 * supply rows 12 µs as row objects, 8 µs this way).
 */

export type StoredSupply = Omit<SupplyRow, 'device_id'>;
export type StoredTray = Omit<TrayRow, 'device_id'>;
export type StoredCounter = Omit<CounterRow, 'device_id'>;

type SupplyTuple = [
  idx: string,
  position: number,
  type: string | null,
  kind: string | null,
  color: string | null,
  description: string,
  level: number | null,
  max: number | null,
  unit: string | null,
  percent: number | null,
  quality: string,
  recordedAt: number | null,
  recordedLevel: number | null,
  recordedPercent: number | null,
];
type TrayTuple = [
  idx: string,
  position: number,
  name: string,
  type: string | null,
  media: string | null,
  level: number | null,
  max: number | null,
  percent: number | null,
  quality: string,
];
type CounterTuple = [name: string, position: number, unit: string, value: number, recordedAt: number | null, recordedValue: number | null];

export class StoredParts {
  private readonly selectSupplies;
  private readonly selectTrays;
  private readonly selectCounters;

  constructor(db: Database) {
    this.selectSupplies = db
      .prepare<[number], SupplyTuple>(
        `SELECT idx, position, type, class, color, description, level, max, unit, percent, quality,
           recorded_at, recorded_level, recorded_percent FROM supplies WHERE device_id = ?`,
      )
      .raw(true);
    this.selectTrays = db
      .prepare<[number], TrayTuple>('SELECT idx, position, name, type, media, level, max, percent, quality FROM trays WHERE device_id = ?')
      .raw(true);
    this.selectCounters = db
      .prepare<[number], CounterTuple>('SELECT name, position, unit, value, recorded_at, recorded_value FROM counters WHERE device_id = ?')
      .raw(true);
  }

  /** The device's supply rows by index. */
  supplies(deviceId: number): Map<string, StoredSupply> {
    const out = new Map<string, StoredSupply>();
    for (const t of this.selectSupplies.all(deviceId)) {
      out.set(t[0], {
        idx: t[0],
        position: t[1],
        type: t[2],
        class: t[3],
        color: t[4],
        description: t[5],
        level: t[6],
        max: t[7],
        unit: t[8],
        percent: t[9],
        quality: t[10],
        recorded_at: t[11],
        recorded_level: t[12],
        recorded_percent: t[13],
      });
    }
    return out;
  }

  /** The device's tray rows by index. */
  trays(deviceId: number): Map<string, StoredTray> {
    const out = new Map<string, StoredTray>();
    for (const t of this.selectTrays.all(deviceId)) {
      out.set(t[0], { idx: t[0], position: t[1], name: t[2], type: t[3], media: t[4], level: t[5], max: t[6], percent: t[7], quality: t[8] });
    }
    return out;
  }

  /** The device's counter rows by name. */
  counters(deviceId: number): Map<string, StoredCounter> {
    const out = new Map<string, StoredCounter>();
    for (const t of this.selectCounters.all(deviceId)) {
      out.set(t[0], { name: t[0], position: t[1], unit: t[2], value: t[3], recorded_at: t[4], recorded_value: t[5] });
    }
    return out;
  }
}
