import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Group, SavedFilter } from '../../src-shared/contract/groups.contract';
import type { DeviceListRow } from '../../src-shared/domain/device-list-row';
import { useRendererApi } from './api-context';
import { useLiveQuery } from './live-query';
import { useCan } from './session-context';
import { useDeviceList } from './use-device-list';

/** What the server says, shared by every feature; refreshed by pushed events, never polled. */
export interface ServerData {
  /** The list rows (only what the list shows: devices.get has the rest); null until the first answer. */
  devices: DeviceListRow[] | null;
  /** While `devices` is null on the first load: the rows at the top of the list as it opens (only the list shows them), else null. */
  openingDevices: DeviceListRow[] | null;
  devicesById: ReadonlyMap<number, DeviceListRow>;
  groups: Group[];
  savedFilters: SavedFilter[];
  /** The last failed fetch (kept data stays shown). */
  loadError: Error | null;
  reloadDevices(): void;
  reloadGroups(): void;
}

const ServerDataContext = createContext<ServerData | null>(null);

const NO_DEVICES = new Map<number, DeviceListRow>();

/**
 * Fetches devices, groups and saved filters once and keeps them current from pushed events; a
 * failed fetch keeps the last data and sets loadError. A user who may not view the device list
 * gets empty lists (nothing is asked that the server would refuse).
 */
export function ServerDataProvider({ children }: { children: ReactNode }) {
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const allowed = useCan('deviceList', 'view');
  const devices = useDeviceList(rendererApi, allowed);
  // Smart groups are resolved here from their filter (features/groups), so only group changes refetch.
  const groups = useLiveQuery(rendererApi, async () => (allowed ? (await api.groups.list({})).groups : []), ['groups.changed']);
  const filters = useLiveQuery(rendererApi, async () => (allowed ? (await api.groups.listFilters({})).filters : []), ['groups.changed']);
  // Rights granted or taken while the console is open: fetch (or empty) the lists again.
  const { reload: reloadGroupList } = groups;
  const { reload: reloadFilterList } = filters;
  const fetchedAllowed = useRef(allowed);
  useEffect(() => {
    if (fetchedAllowed.current === allowed) return;
    fetchedAllowed.current = allowed;
    reloadGroupList();
    reloadFilterList();
  }, [allowed, reloadGroupList, reloadFilterList]);

  const devicesById = useMemo(() => (devices.data ? new Map(devices.data.map((d) => [d.id, d])) : NO_DEVICES), [devices.data]);
  const value = useMemo<ServerData>(
    () => ({
      devices: devices.data,
      openingDevices: devices.opening,
      devicesById,
      groups: groups.data ?? [],
      savedFilters: filters.data ?? [],
      loadError: devices.error ?? groups.error ?? filters.error,
      reloadDevices: devices.reload,
      reloadGroups: () => {
        groups.reload();
        filters.reload();
      },
    }),
    [devices.data, devices.opening, devices.error, devices.reload, devicesById, groups.data, groups.error, groups.reload, filters.data, filters.error, filters.reload],
  );
  return <ServerDataContext.Provider value={value}>{children}</ServerDataContext.Provider>;
}

/** The shared server data; throws outside ServerDataProvider (a wiring bug). */
export function useServerData(): ServerData {
  const data = useContext(ServerDataContext);
  if (!data) throw new Error('useServerData needs a ServerDataProvider above it');
  return data;
}
