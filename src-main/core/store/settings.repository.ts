import type { SettingValue } from '../../../src-shared/settings/settings-catalogue';
import type { Database } from './database';
import { uniquely } from './store-error';

export interface StoredPool {
  id: number;
  name: string;
  ranges: string;
  exclusions: string;
  used: number;
}

const POOL_SELECT = 'SELECT p.id, p.name, p.ranges, p.exclusions, (SELECT count(*) FROM ip_pool_assignments a WHERE a.pool_id = p.id) AS used FROM ip_pools p';

/** Settings acquired from devices, and IP address pools with the addresses they handed out. */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  /** Replaces what was acquired from a device (in one transaction). */
  saveAcquired(deviceId: number, values: readonly { item: string; value: SettingValue }[], at: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM device_settings WHERE device_id = ?').run(deviceId);
      const insert = this.db.prepare('INSERT INTO device_settings (device_id, item, value, read_at) VALUES (?, ?, ?, ?)');
      for (const v of values) insert.run(deviceId, v.item, JSON.stringify(v.value), at);
    })();
  }

  acquired(deviceId: number): { item: string; value: SettingValue; readAt: number }[] {
    return this.db
      .prepare<[number], { item: string; value: string; read_at: number }>('SELECT item, value, read_at FROM device_settings WHERE device_id = ?')
      .all(deviceId)
      .flatMap((r) => {
        const value = parseValue(r.value);
        return value === null ? [] : [{ item: r.item, value, readAt: r.read_at }];
      });
  }

  listPools(): StoredPool[] {
    return this.db.prepare<[], StoredPool>(`${POOL_SELECT} ORDER BY p.name COLLATE NOCASE`).all();
  }

  getPool(id: number): StoredPool | null {
    return this.db.prepare<[number], StoredPool>(`${POOL_SELECT} WHERE p.id = ?`).get(id) ?? null;
  }

  insertPool(pool: { name: string; ranges: string; exclusions: string; at: number }): number {
    return uniquely(pool.name, () => Number(this.db.prepare('INSERT INTO ip_pools (name, ranges, exclusions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(pool.name, pool.ranges, pool.exclusions, pool.at, pool.at).lastInsertRowid));
  }

  updatePool(id: number, pool: { name: string; ranges: string; exclusions: string; at: number }): void {
    uniquely(pool.name, () => this.db.prepare('UPDATE ip_pools SET name = ?, ranges = ?, exclusions = ?, updated_at = ? WHERE id = ?').run(pool.name, pool.ranges, pool.exclusions, pool.at, id));
  }

  removePool(id: number): void {
    this.db.prepare('DELETE FROM ip_pools WHERE id = ?').run(id);
  }

  usedAddresses(poolId: number): Set<string> {
    return new Set(this.db.prepare<[number], { address: string }>('SELECT address FROM ip_pool_assignments WHERE pool_id = ?').all(poolId).map((r) => r.address));
  }

  /** Records an address as handed out; false when another delivery took it first. */
  claim(poolId: number, address: string, deviceId: number, at: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO ip_pool_assignments (pool_id, address, device_id, assigned_at) VALUES (?, ?, ?, ?)').run(poolId, address, deviceId, at).changes > 0;
  }

  /** Addresses of the managed devices (never handed out). */
  managedAddresses(): Set<string> {
    return new Set(this.db.prepare<[], { address: string }>('SELECT address FROM devices').all().map((r) => r.address));
  }
}

function parseValue(text: string): SettingValue | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}
