import type { DeviceListRow } from './device-list-row';
import { visibleText } from './visible-text';

/**
 * The device list's order, shared by the console (which sorts its rows) and the core (which
 * sends the rows the list opens with first, devices.listRows `first`): both must put the same
 * rows at the top. Pure.
 */

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

/** The list's key for the Name column (the order it opens in): the name it shows (its own name, else sysName, controls made visible). */
export function nameOrderKey(device: Pick<DeviceListRow, 'name'> & { identity: Pick<DeviceListRow['identity'], 'sysName'> }): string | null {
  return naturalKey(visibleText(device.name ?? device.identity.sysName ?? ''));
}

/** Compares two keyed devices: by key (`sign` 1 ascending, −1 descending), null keys last either way, ties by id (stable across refetches). */
export function compareKeyed(a: { key: SortKey; id: number }, b: { key: SortKey; id: number }, sign: 1 | -1 = 1): number {
  if (a.key === null || b.key === null) {
    if (a.key !== b.key) return a.key === null ? 1 : -1;
  } else if (a.key < b.key) return -sign;
  else if (a.key > b.key) return sign;
  return a.id - b.id;
}
