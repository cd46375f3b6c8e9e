import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { isMarkerSupply } from '../../../src-shared/filters/device-filter';
import type { ColumnId } from './device-columns';
import { deviceAddress, deviceName } from '../../ui/device-text';

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: ColumnId;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { column: 'name', direction: 'asc' };

/** Most urgent first when sorting by status ascending. */
const STATE_RANK: Record<DeviceSummary['state'], number> = { error: 0, warning: 1, offline: 2, unknown: 3, ok: 4 };

/**
 * A key that compares with < and >: texts are lower-cased with every run of digits padded to
 * 12 places, so "printer-10" sorts after "printer-2" and addresses sort by octet, without a
 * collator call per comparison. null sorts last in either direction.
 */
export type SortKey = string | number | null;

/** The natural-order key of a text; null for missing or blank text. */
export function naturalKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return text.trim().toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

/** Lowest toner/ink percentage of a device, or null when it reports none. */
export function lowestMarkerPercent(device: Pick<DeviceSummary, 'supplies'>): number | null {
  let lowest: number | null = null;
  for (const supply of device.supplies) {
    if (!isMarkerSupply(supply) || supply.percent === null) continue;
    if (lowest === null || supply.percent < lowest) lowest = supply.percent;
  }
  return lowest;
}

/** The sort key of one device for one column. */
export function sortKey(device: DeviceSummary, column: ColumnId): SortKey {
  switch (column) {
    case 'status':
      return `${STATE_RANK[device.state]}|${naturalKey(device.message) ?? ''}`;
    case 'name':
      return naturalKey(deviceName(device));
    case 'address':
      return naturalKey(deviceAddress(device));
    case 'model':
      return naturalKey([device.identity.vendor, device.identity.model].filter(Boolean).join(' '));
    case 'serial':
      return naturalKey(device.identity.serial);
    case 'location':
      return naturalKey(device.identity.location);
    case 'supplies':
      return lowestMarkerPercent(device);
    case 'pages':
      return device.totalPages;
    case 'lastSeen':
      return device.lastSeen;
    case 'mac':
      return naturalKey(device.identity.mac);
    case 'firmware':
      return naturalKey(device.identity.firmware);
  }
}

/**
 * The devices in sort order, as a new array. Keys are computed once per device (not per
 * comparison); ties keep id order, so the order is stable across refetches. 10,000 devices
 * sort in a few milliseconds.
 */
export function sortDevices(devices: readonly DeviceSummary[], sort: SortState): DeviceSummary[] {
  const keyed = devices.map((device) => ({ device, key: sortKey(device, sort.column) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else if (a.key < b.key) return -sign;
    else if (a.key > b.key) return sign;
    return a.device.id - b.device.id;
  });
  return keyed.map((entry) => entry.device);
}

/** Clicking a header: the same column flips direction, another column starts ascending. */
export function nextSort(current: SortState, column: ColumnId): SortState {
  return current.column === column ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' };
}
