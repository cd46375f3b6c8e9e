import { z } from 'zod';
import type { JobQueue, JobStore } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { DRIVER_KINDS, DRIVER_OSES } from '../../../../src-shared/plugins/drivers/driver-set';
import { driverStoreSettingsSchema } from '../../../../src-shared/plugins/drivers/driver-store';
import type { PluginHost } from '../../../plugin-api/plugin-host';
import { queueTarget, type AssociationColumns } from '../store/association-queue';

interface Row extends AssociationColumns {
  set_name: string;
  os: string;
  kind: string;
  driver_name: string;
  entry_file: string | null;
  folder: string | null;
  manifest_sha256: string | null;
  store_id: number | null;
  store_settings: string | null;
}

/** One association as a job's queue, or why it cannot be one. */
export type SpecResult = { ok: true; queue: JobQueue } | { ok: false; associationId: number; name: string; why: string };

/**
 * Turns associations (migration 1's tables) into what an agent needs to install each queue on
 * its own: the device's address now and the set (its folder, manifest checksum and the store by
 * name). No store password: the agent reads the files through the console (set-file).
 */
export function jobQueues(host: PluginHost, associationIds: readonly number[], deviceIds: readonly number[]): SpecResult[] {
  const rows = host.db
    .prepare<[string, string], Row>(
      `SELECT a.id, a.name, a.device_id, a.queue_name, a.protocol, a.port, a.resource, a.defaults, a.location,
              s.name AS set_name, s.os, s.kind, s.driver_name, s.entry_file, s.folder, s.manifest_sha256,
              st.id AS store_id, st.settings AS store_settings
         FROM drivers_associations a JOIN drivers_sets s ON s.id = a.set_id LEFT JOIN drivers_stores st ON st.id = s.store_id
        WHERE a.id IN (SELECT value FROM json_each(?)) OR a.device_id IN (SELECT value FROM json_each(?))
        ORDER BY a.name COLLATE NOCASE`,
    )
    .all(JSON.stringify(associationIds), JSON.stringify(deviceIds));
  const { devices } = host.devices([...new Set(rows.map((r) => r.device_id))]);
  const byId = new Map(devices.map((d) => [d.id, d]));
  return rows.map((row): SpecResult => {
    const device = byId.get(row.device_id);
    if (!device) return { ok: false, associationId: row.id, name: row.name, why: `its device ${row.device_id} no longer exists` };
    const store: JobStore | null = row.store_id === null || row.store_settings === null ? null : { id: row.store_id, name: driverStoreSettingsSchema.parse(JSON.parse(row.store_settings)).name };
    return {
      ok: true,
      queue: {
        associationId: row.id,
        name: row.name,
        queueName: row.queue_name,
        ...queueTarget(row, device.address),
        location: row.location,
        set: {
          name: row.set_name,
          os: z.enum(DRIVER_OSES).parse(row.os),
          kind: z.enum(DRIVER_KINDS).parse(row.kind),
          driverName: row.driver_name,
          entryFile: row.entry_file,
          folder: row.folder,
          manifestSha256: row.manifest_sha256,
          store,
        },
      },
    };
  });
}
