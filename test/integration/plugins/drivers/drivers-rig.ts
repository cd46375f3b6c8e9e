import { DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers-ids';
import type { QueueDefaults } from '../../../../src-shared/plugins/drivers/association';
import { PLUGIN_API_VERSION } from '../../../../src-shared/plugins/plugin-manifest';
import type { MainPlugin, PluginHost } from '../../../../src-main/plugin-api/plugin-host';
import { registerClients } from '../../../../src-main/plugins/drivers/clients/register-clients';
import { DRIVERS_MIGRATIONS } from '../../../../src-main/plugins/drivers/store/drivers.migrations';

/**
 * The drivers plug-in's client PC half as the console loads it (its migrations, then
 * registerClients), with the driver sets, stores and associations the push tests need written
 * to migration 1's tables. The plug-in's own stores, sets and associations services are built
 * by another engineer at the same time; once drivers.plugin.ts lands, these tests load it and
 * create sets and associations through its services instead.
 */
export interface DriversRig {
  plugin: MainPlugin;
  driverlessAssociation(input: { deviceId: number; queueName: string; port: number; defaults: QueueDefaults }): number;
  ppdAssociation(input: { deviceId: number; queueName: string; port: number; ftpPort: number; ftpRoot: string; folder: string; manifestSha256: string }): number;
}

let host: PluginHost | null = null;
const now = (): number => Date.now();

function db(): PluginHost['db'] {
  if (host === null) throw new Error('the drivers plug-in is not registered yet');
  return host.db;
}

function setId(name: string, insert: () => number): number {
  const row = db().prepare<[string], { id: number }>('SELECT id FROM drivers_sets WHERE name = ?').get(name);
  return row?.id ?? insert();
}

function association(input: { deviceId: number; queueName: string; port: number; defaults: QueueDefaults }, set: number): number {
  return Number(
    db()
      .prepare("INSERT INTO drivers_associations (name, device_id, set_id, queue_name, protocol, port, resource, defaults, location, updated_at) VALUES (?, ?, ?, ?, 'ipp', ?, 'ipp/print', ?, 'Lab', ?)")
      .run(`${input.queueName} association`, input.deviceId, set, input.queueName, input.port, JSON.stringify(input.defaults), now()).lastInsertRowid,
  );
}

export const driversRig: DriversRig = {
  plugin: {
    manifest: { id: DRIVERS_PLUGIN_ID, name: 'Drivers', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: 'Printer drivers and print queues' },
    register(registering) {
      host = registering;
      registering.migrate(DRIVERS_MIGRATIONS);
      registerClients(registering);
    },
  },
  driverlessAssociation(input) {
    const set = setId('IPP Everywhere (Linux)', () =>
      Number(db().prepare("INSERT INTO drivers_sets (name, os, arch, kind, created_at) VALUES ('IPP Everywhere (Linux)', 'linux', 'any', 'driverless', ?)").run(now()).lastInsertRowid),
    );
    return association(input, set);
  },
  ppdAssociation(input) {
    const storeName = `vsftpd ${input.ftpPort}`;
    const store =
      db().prepare<[string], { id: number }>('SELECT id FROM drivers_stores WHERE name = ?').get(storeName)?.id ??
      Number(
        db()
          .prepare('INSERT INTO drivers_stores (name, settings, updated_at) VALUES (?, ?, ?)')
          .run(storeName, JSON.stringify({ name: storeName, host: '127.0.0.1', port: input.ftpPort, directory: input.ftpRoot, user: '', mode: 'passive', security: 'none', verifyCertificate: true }), now()).lastInsertRowid,
      );
    const set = setId(`Acme PPD ${input.folder}`, () =>
      Number(
        db()
          .prepare("INSERT INTO drivers_sets (name, os, arch, kind, version, driver_name, entry_file, store_id, folder, files, bytes, manifest_sha256, created_at) VALUES (?, 'linux', 'any', 'ppd', '1.2.0', 'Acme Laser 5000 PS, 1.2.0', 'acme-laser.ppd', ?, ?, 1, 0, ?, ?)")
          .run(`Acme PPD ${input.folder}`, store, input.folder, input.manifestSha256, now()).lastInsertRowid,
      ),
    );
    return association({ ...input, defaults: { color: 'monochrome', duplex: 'two-sided-long-edge', paperSize: null } }, set);
  },
};
