import { useCallback } from 'react';
import { CLIENTS_FUNCTION } from '../../../src-shared/plugins/drivers/client-pc';
import { driversContract, type DriversContract } from '../../../src-shared/plugins/drivers/drivers.contract';
import { ASSOCIATIONS_FUNCTION, DRIVERS_PLUGIN_ID, SETS_FUNCTION, STORES_FUNCTION } from '../../../src-shared/plugins/drivers/drivers-ids';
import type { ContractApi } from '../../../src-shared/rpc/contract-builder';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery, type LiveQuery } from '../../api/live-query';
import { pluginDataFilter, usePluginApi } from '../../api/plugins-context';
import { useCan } from '../../api/session-context';

export type DriversApi = ContractApi<DriversContract>;
type Out<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** The plug-in's client: drivers.stores.*, drivers.sets.*, drivers.associations.*, drivers.clients.*. */
export function useDriversApi(): DriversApi {
  return usePluginApi(driversContract, DRIVERS_PLUGIN_ID);
}

export interface DriversRights {
  stores: boolean;
  editStores: boolean;
  sets: boolean;
  editSets: boolean;
  associations: boolean;
  editAssociations: boolean;
  clients: boolean;
  editClients: boolean;
  tasks: boolean;
}

/** What the signed-in user may see and do in the section. */
export function useDriversRights(): DriversRights {
  return {
    stores: useCan(STORES_FUNCTION, 'view'),
    editStores: useCan(STORES_FUNCTION, 'change'),
    sets: useCan(SETS_FUNCTION, 'view'),
    editSets: useCan(SETS_FUNCTION, 'change'),
    associations: useCan(ASSOCIATIONS_FUNCTION, 'view'),
    editAssociations: useCan(ASSOCIATIONS_FUNCTION, 'change'),
    clients: useCan(CLIENTS_FUNCTION, 'view'),
    editClients: useCan(CLIENTS_FUNCTION, 'change'),
    tasks: useCan('tasks', 'change'),
  };
}

const ofPlugin = pluginDataFilter(DRIVERS_PLUGIN_ID);

/** A list of the plug-in's, kept current by its 'plugin.data' events; empty without the right. */
function usePluginList<T>(allowed: boolean, read: (api: DriversApi) => Promise<T[]>): LiveQuery<T[]> {
  const rendererApi = useRendererApi();
  const api = useDriversApi();
  // `read` is a module-level function below, so the fetcher changes only with the connection.
  const fetcher = useCallback(async () => (allowed ? read(api) : []), [api, allowed, read]);
  return useLiveQuery(rendererApi, fetcher, ['plugin.data'], ofPlugin);
}

const readStores = async (api: DriversApi) => (await api.stores.list({})).stores;
const readSets = async (api: DriversApi) => (await api.sets.list({})).sets;
const readAssociations = async (api: DriversApi) => (await api.associations.list({})).associations;
const readClients = async (api: DriversApi) => (await api.clients.list({})).clients;
const readGroups = async (api: DriversApi) => (await api.clients.groups({})).groups;

export type DriverStoreRow = Out<DriversApi['stores']['list']>['stores'][number];
export type DriverSetRow = Out<DriversApi['sets']['list']>['sets'][number];
export type AssociationRow = Out<DriversApi['associations']['list']>['associations'][number];
export type ClientRow = Out<DriversApi['clients']['list']>['clients'][number];
export type ClientGroupRow = Out<DriversApi['clients']['groups']>['groups'][number];

export const useStores = (allowed: boolean): LiveQuery<DriverStoreRow[]> => usePluginList(allowed, readStores);
export const useSets = (allowed: boolean): LiveQuery<DriverSetRow[]> => usePluginList(allowed, readSets);
export const useAssociations = (allowed: boolean): LiveQuery<AssociationRow[]> => usePluginList(allowed, readAssociations);
export const useClients = (allowed: boolean): LiveQuery<ClientRow[]> => usePluginList(allowed, readClients);
export const useClientGroups = (allowed: boolean): LiveQuery<ClientGroupRow[]> => usePluginList(allowed, readGroups);

/** Bytes for people: 1.2 MB. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit] ?? 'B'}`;
}
