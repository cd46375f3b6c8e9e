import { join } from 'node:path';
import { loadProfiles } from '../core/profiles/profile-loader';
import { DeviceReader } from '../core/inventory/device-reader';
import { InventoryService, type SnmpSettings } from '../core/inventory/inventory.service';
import { createNetSnmpClient } from '../core/snmp/net-snmp-client';
import { openDatabase } from '../core/store/database';
import { DevicesRepository } from '../core/store/devices.repository';
import { resourcesDir } from './resources-path';

export interface OpenInventory {
  service: InventoryService;
  devices: DevicesRepository;
  snmp: SnmpSettings;
  close(): Promise<void>;
}

/** Composes profiles, SNMP client, reader and store for a CLI command; close() releases all. */
export async function openInventory(databaseFile: string, snmp: SnmpSettings = { version: 'v2c', community: 'public' }): Promise<OpenInventory> {
  const profiles = await loadProfiles(join(resourcesDir(), 'profiles'));
  const db = openDatabase(databaseFile);
  const client = createNetSnmpClient();
  const devices = new DevicesRepository(db);
  const reader = new DeviceReader({ snmp: client, profiles });
  const service = new InventoryService({ reader, devices, profiles, now: Date.now });
  return {
    service,
    devices,
    snmp,
    close: async () => {
      await client.close();
      db.close();
    },
  };
}
