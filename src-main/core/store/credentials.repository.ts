import type { Database } from './database';

/** One row of the vault as stored: secrets sealed by the caller (the SecretStore), never in clear here. */
export interface StoredCredentials {
  /** Sealed JSON of the SNMP write credential, or null. */
  snmpWrite: string | null;
  adminId: string | null;
  /** Sealed administrator password, or null. */
  adminPassword: string | null;
  updatedAt: number;
  updatedBy: string | null;
}

interface Row {
  owner: number;
  snmp_write: string | null;
  admin_id: string | null;
  admin_password: string | null;
  updated_at: number;
  updated_by: string | null;
}

type Scope = 'device' | 'group';
const TABLE: Readonly<Record<Scope, { table: string; key: string }>> = {
  device: { table: 'device_credentials', key: 'device_id' },
  group: { table: 'group_credentials', key: 'group_id' },
};

/** The credentials vault: per device and per group (defaults). Rows go with their device or group. */
export class CredentialsRepository {
  constructor(private readonly db: Database) {}

  get(scope: Scope, ownerId: number): StoredCredentials | null {
    const { table, key } = TABLE[scope];
    const row = this.db.prepare<[number], Row>(`SELECT ${key} AS owner, snmp_write, admin_id, admin_password, updated_at, updated_by FROM ${table} WHERE ${key} = ?`).get(ownerId);
    return row ? toStored(row) : null;
  }

  /** Rows of many owners at once (missing owners are absent from the map). */
  getMany(scope: Scope, ownerIds: readonly number[]): Map<number, StoredCredentials> {
    const { table, key } = TABLE[scope];
    const result = new Map<number, StoredCredentials>();
    const select = this.db.prepare<[string], Row>(`SELECT ${key} AS owner, snmp_write, admin_id, admin_password, updated_at, updated_by FROM ${table} WHERE ${key} IN (SELECT value FROM json_each(?))`);
    for (let i = 0; i < ownerIds.length; i += 5000) {
      for (const row of select.all(JSON.stringify(ownerIds.slice(i, i + 5000)))) result.set(row.owner, toStored(row));
    }
    return result;
  }

  /** Writes the rows of several owners in one transaction; owners that do not exist (FK) are skipped. Returns how many were written. */
  putMany(scope: Scope, ownerIds: readonly number[], next: (current: StoredCredentials | null) => StoredCredentials): number {
    const { table, key } = TABLE[scope];
    const exists = this.db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM ${scope === 'device' ? 'devices' : 'groups'} WHERE id = ?`);
    const upsert = this.db.prepare(
      `INSERT INTO ${table} (${key}, snmp_write, admin_id, admin_password, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (${key}) DO UPDATE SET snmp_write = excluded.snmp_write, admin_id = excluded.admin_id, admin_password = excluded.admin_password,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    return this.db.transaction(() => {
      let written = 0;
      for (const owner of ownerIds) {
        if ((exists.get(owner)?.n ?? 0) === 0) continue;
        const row = next(this.get(scope, owner));
        upsert.run(owner, row.snmpWrite, row.adminId, row.adminPassword, row.updatedAt, row.updatedBy);
        written++;
      }
      return written;
    })();
  }

  /** The static groups a device is in, by id (the first with a default supplies it). */
  groupsOf(deviceId: number): { id: number; name: string }[] {
    return this.db.prepare<[number], { id: number; name: string }>('SELECT g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.device_id = ? ORDER BY g.id').all(deviceId);
  }

  /** Static group memberships of many devices (device id → its groups by id), in one query. */
  groupsOfMany(deviceIds: readonly number[]): Map<number, { id: number; name: string }[]> {
    const result = new Map<number, { id: number; name: string }[]>();
    const select = this.db.prepare<[string], { device_id: number; id: number; name: string }>(
      'SELECT m.device_id, g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.device_id IN (SELECT value FROM json_each(?)) ORDER BY m.device_id, g.id',
    );
    for (let i = 0; i < deviceIds.length; i += 5000) {
      for (const row of select.all(JSON.stringify(deviceIds.slice(i, i + 5000)))) result.set(row.device_id, [...(result.get(row.device_id) ?? []), { id: row.id, name: row.name }]);
    }
    return result;
  }

  groupName(groupId: number): string | null {
    return this.db.prepare<[number], { name: string }>('SELECT name FROM groups WHERE id = ?').get(groupId)?.name ?? null;
  }
}

function toStored(row: Row): StoredCredentials {
  return { snmpWrite: row.snmp_write, adminId: row.admin_id, adminPassword: row.admin_password, updatedAt: row.updated_at, updatedBy: row.updated_by };
}
