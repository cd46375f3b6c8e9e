import type { CallContext } from '../../src-shared/rpc/contract-builder';
import { createCore, DEFAULT_SNMP } from '../core/create-core';
import type { InventoryService, SnmpSettings } from '../core/inventory/inventory.service';
import { appVersion } from './app-version';
import { resourcesDir } from './resources-path';
import { internalContext } from '../../src-shared/auth/call-context';

export interface OpenInventory {
  service: InventoryService;
  snmp: SnmpSettings;
  /** How many devices the store holds. */
  storedDevices(): Promise<number>;
  close(): Promise<void>;
}

const CLI_CONTEXT: CallContext = internalContext('cli');

/**
 * A core for a CLI command (createCore, never started: a command runs its own rounds);
 * close() disposes it. Rejects as createCore does.
 */
export async function openInventory(databaseFile: string, snmp: SnmpSettings = DEFAULT_SNMP): Promise<OpenInventory> {
  const resources = resourcesDir();
  const core = await createCore({ databaseFile, resourcesDir: resources, snmp, version: appVersion(resources) });
  return {
    service: core.inventory,
    snmp,
    storedDevices: async () => (await core.api.system.info({}, CLI_CONTEXT)).deviceCount,
    close: () => core.dispose(),
  };
}
