import { z } from 'zod';
import { driverSetSchema, type DriverSet } from '../../../../src-shared/plugins/drivers/driver-set';
import type { PluginDatabase } from '../../../plugin-api/plugin-host';
import { DriversConflict } from './stores.repository';

interface Row {
  id: number;
  name: string;
  description: string;
  os: string;
  arch: string;
  kind: string;
  version: string;
  driver_name: string;
  models: string;
  entry_file: string | null;
  store_id: number | null;
  folder: string | null;
  files: number;
  bytes: number;
  manifest_sha256: string | null;
  created_at: number;
  created_by: string | null;
}

export type NewSet = Omit<DriverSet, 'id' | 'createdAt' | 'createdBy'>;

const SELECT = 'SELECT * FROM drivers_sets';

/** Driver sets as the console knows them (their files are on the store). */
export class SetsRepository {
  constructor(private readonly db: PluginDatabase) {}

  list(os?: string): DriverSet[] {
    const rows = os === undefined ? this.db.prepare<[], Row>(`${SELECT} ORDER BY name COLLATE NOCASE`).all() : this.db.prepare<[string], Row>(`${SELECT} WHERE os = ? ORDER BY name COLLATE NOCASE`).all(os);
    return rows.map(toSet);
  }

  get(id: number): DriverSet | null {
    const row = this.db.prepare<[number], Row>(`${SELECT} WHERE id = ?`).get(id);
    return row ? toSet(row) : null;
  }

  byName(name: string): DriverSet | null {
    const row = this.db.prepare<[string], Row>(`${SELECT} WHERE name = ? COLLATE NOCASE`).get(name);
    return row ? toSet(row) : null;
  }

  create(set: NewSet, by: string | null, at: number): number {
    try {
      return Number(
        this.db
          .prepare(
            'INSERT INTO drivers_sets (name, description, os, arch, kind, version, driver_name, models, entry_file, store_id, folder, files, bytes, manifest_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(set.name, set.description, set.os, set.arch, set.kind, set.version, set.driverName, JSON.stringify(set.models), set.entryFile, set.storeId, set.folder, set.files, set.bytes, set.manifestSha256, at, by).lastInsertRowid,
      );
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new DriversConflict(`a driver set named "${set.name}" exists already`);
      throw error;
    }
  }

  /** Associations that use the set (it cannot go while they do). */
  usedBy(id: number): string[] {
    return this.db.prepare<[number], { name: string }>('SELECT name FROM drivers_associations WHERE set_id = ? ORDER BY name').all(id).map((r) => r.name);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM drivers_sets WHERE id = ?').run(id);
  }
}

function toSet(row: Row): DriverSet {
  return driverSetSchema.parse({
    id: row.id,
    name: row.name,
    description: row.description,
    os: row.os,
    arch: row.arch,
    kind: row.kind,
    version: row.version,
    driverName: row.driver_name,
    models: z.array(z.string()).parse(JSON.parse(row.models)),
    entryFile: row.entry_file,
    storeId: row.store_id,
    folder: row.folder,
    files: row.files,
    bytes: row.bytes,
    manifestSha256: row.manifest_sha256,
    createdAt: row.created_at,
    createdBy: row.created_by,
  });
}
