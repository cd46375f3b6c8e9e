import type { AppEvents } from '../../src-shared/contract/app.contract';

/**
 * Keeping the device list current from 'devices.changed' events without fetching the whole
 * fleet each time: a spread poll round announces a slice of devices every few seconds, and a
 * search announces what it found as it goes. Pure, so the merge rules are tested on their own.
 */

/** How many rows the list opens with before the whole list is there (devices.listRows `first`): more than a tall window shows. */
export const OPENING_ROWS = 100;

/** More changed devices than this in one go: fetching the whole list is cheaper than naming them. */
export const PARTIAL_FETCH_LIMIT = 2000;

/** What changed since the last fetch. */
export interface PendingChanges {
  ids: Set<number>;
  removed: Set<number>;
  /** Fetch everything (first load, reconnect, a large burst, a reload). */
  full: boolean;
}

export function nothingPending(full = false): PendingChanges {
  return { ids: new Set(), removed: new Set(), full };
}

/** Folds one event into the pending changes; turns into a full fetch past the limit. */
export function noteChange(pending: PendingChanges, event: AppEvents['devices.changed']): void {
  if (pending.full) return;
  for (const id of event.ids) pending.ids.add(id);
  for (const id of event.removed) {
    pending.removed.add(id);
    pending.ids.delete(id);
  }
  if (pending.ids.size > PARTIAL_FETCH_LIMIT) pending.full = true;
}

export function hasChanges(pending: PendingChanges): boolean {
  return pending.full || pending.ids.size > 0 || pending.removed.size > 0;
}

/**
 * The list after a partial fetch: rows fetched replace (or add) theirs, asked-for ids that did
 * not come back are gone, removed ids are dropped; in id order, as the server lists them.
 */
export function mergeDevices<T extends { id: number }>(current: readonly T[], fetched: readonly T[], asked: ReadonlySet<number>, removed: ReadonlySet<number>): T[] {
  const byId = new Map(current.map((d) => [d.id, d]));
  for (const id of asked) byId.delete(id);
  for (const id of removed) byId.delete(id);
  for (const device of fetched) byId.set(device.id, device);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
