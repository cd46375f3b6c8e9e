import { z } from 'zod';
import { associationInputSchema, queueDefaultsSchema, type AssociationSettings, type IppCheck } from '../../../../src-shared/plugins/drivers/association';
import type { PluginDatabase } from '../../../plugin-api/plugin-host';
import type { AssociationColumns } from './association-queue';
import { DriversConflict } from './stores.repository';

export interface StoredAssociation extends AssociationSettings {
  id: number;
  updatedAt: number;
  updatedBy: string | null;
}

interface Row extends AssociationColumns {
  set_id: number;
  updated_at: number;
  updated_by: string | null;
}

interface CheckRow {
  device_id: number;
  checked_at: number;
  ready: number;
  uri: string;
  ipp_versions: string;
  formats: string;
  features: string;
  make_and_model: string | null;
  reason: string | null;
}

const strings = z.array(z.string());

/** Associations and the stored IPP Everywhere checks of devices. */
export class AssociationsRepository {
  constructor(private readonly db: PluginDatabase) {}

  list(deviceId?: number): StoredAssociation[] {
    const rows = deviceId === undefined ? this.db.prepare<[], Row>('SELECT * FROM drivers_associations ORDER BY name COLLATE NOCASE').all() : this.db.prepare<[number], Row>('SELECT * FROM drivers_associations WHERE device_id = ? ORDER BY name COLLATE NOCASE').all(deviceId);
    return rows.map((row) => ({
      ...associationInputSchema.parse({ name: row.name, deviceId: row.device_id, setId: row.set_id, queueName: row.queue_name, protocol: row.protocol, port: row.port, resource: row.resource, defaults: queueDefaultsSchema.parse(JSON.parse(row.defaults)), location: row.location }),
      id: row.id,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }));
  }

  get(id: number): StoredAssociation | null {
    return this.list().find((a) => a.id === id) ?? null;
  }

  save(id: number | null, a: AssociationSettings, by: string | null, at: number): number {
    const values = [a.name, a.deviceId, a.setId, a.queueName, a.protocol, a.port, a.resource, JSON.stringify(a.defaults), a.location, at, by] as const;
    try {
      if (id === null) return Number(this.db.prepare('INSERT INTO drivers_associations (name, device_id, set_id, queue_name, protocol, port, resource, defaults, location, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values).lastInsertRowid);
      this.db.prepare('UPDATE drivers_associations SET name = ?, device_id = ?, set_id = ?, queue_name = ?, protocol = ?, port = ?, resource = ?, defaults = ?, location = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(...values, id);
      return id;
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new DriversConflict(`an association named "${a.name}" exists already`);
      throw error;
    }
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM drivers_associations WHERE id = ?').run(id);
  }

  saveCheck(check: IppCheck): void {
    this.db
      .prepare(
        `INSERT INTO drivers_ipp_checks (device_id, checked_at, ready, uri, ipp_versions, formats, features, make_and_model, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET checked_at = excluded.checked_at, ready = excluded.ready, uri = excluded.uri, ipp_versions = excluded.ipp_versions, formats = excluded.formats, features = excluded.features, make_and_model = excluded.make_and_model, reason = excluded.reason`,
      )
      .run(check.deviceId, check.checkedAt, check.ready ? 1 : 0, check.uri, JSON.stringify(check.ippVersions), JSON.stringify(check.documentFormats), JSON.stringify(check.features), check.makeAndModel, check.reason);
  }

  checks(deviceIds?: readonly number[]): IppCheck[] {
    const rows = this.db.prepare<[], CheckRow>('SELECT * FROM drivers_ipp_checks ORDER BY device_id').all();
    const wanted = deviceIds === undefined ? null : new Set(deviceIds);
    return rows
      .filter((row) => wanted === null || wanted.has(row.device_id))
      .map((row) => ({
        deviceId: row.device_id,
        checkedAt: row.checked_at,
        ready: row.ready === 1,
        uri: row.uri,
        ippVersions: strings.parse(JSON.parse(row.ipp_versions)),
        documentFormats: strings.parse(JSON.parse(row.formats)),
        features: strings.parse(JSON.parse(row.features)),
        makeAndModel: row.make_and_model,
        reason: row.reason,
      }));
  }
}
