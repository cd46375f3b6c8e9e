import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueDefaults } from '../../../../src-shared/plugins/drivers/association';
import { driversContract } from '../../../../src-shared/plugins/drivers/drivers.contract';
import { DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers-ids';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import type { Core } from '../../../../src-main/core/create-core';

export type DriversApi = ReturnType<typeof createApiClient<typeof driversContract>>;

/** The drivers plug-in's services, called as the console's windows call them (in process, as the system). */
export function driversApi(core: Core): DriversApi {
  return createApiClient(driversContract, createInProcessTransport(core.router, core.events), DRIVERS_PLUGIN_ID);
}

/** An association of a device's IPP printer (ipp://<device>:port/ipp/print) with a set. */
export async function ippAssociation(api: DriversApi, input: { deviceId: number; setId: number; queueName: string; port: number; defaults: QueueDefaults }): Promise<number> {
  const saved = await api.associations.save({
    association: { name: `${input.queueName} association`, deviceId: input.deviceId, setId: input.setId, queueName: input.queueName, protocol: 'ipp', port: input.port, resource: 'ipp/print', defaults: input.defaults, location: 'Lab' },
  });
  return saved.id;
}

/** The driverless set for Linux (made once). */
export async function driverlessSet(api: DriversApi): Promise<number> {
  const existing = (await api.sets.list({ os: 'linux' })).sets.find((s) => s.kind === 'driverless');
  return existing?.id ?? (await api.sets.createDriverless({ name: 'IPP Everywhere (Linux)', os: 'linux' })).id;
}

/** A folder's files uploaded as a set through the plug-in (chunks, then finish: files and manifest written to the store). */
export async function uploadFolderSet(api: DriversApi, input: { storeId: number; name: string; dir: string; files: readonly string[] }): Promise<{ id: number; manifestSha256: string | null; folder: string | null }> {
  const contents = input.files.map((file) => ({ file, bytes: readFileSync(join(input.dir, file)) }));
  const { uploadId } = await api.sets.beginUpload({ storeId: input.storeId, metadata: { name: input.name, os: 'linux' }, source: { kind: 'folder', files: contents.length, bytes: contents.reduce((n, c) => n + c.bytes.length, 0) } });
  for (const { file, bytes } of contents) await api.sets.uploadChunk({ uploadId, path: file, offset: 0, content: bytes.toString('base64') });
  const { set } = await api.sets.finishUpload({ uploadId });
  return { id: set.id, manifestSha256: set.manifestSha256, folder: set.folder };
}
