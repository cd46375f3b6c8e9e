import type { Group } from '../../../src-shared/contract/groups.contract';

/**
 * Why the device list shows no row, so that an empty group says so instead of blaming a filter
 * ("No device matches the filter." under a new static group with the bar empty). Pure.
 */
export type EmptyListReason =
  | { kind: 'loading' }
  | { kind: 'noDevices' }
  /** A static group without members. */
  | { kind: 'emptyStatic'; name: string }
  /** A smart group whose own filter matches no device. */
  | { kind: 'emptySmart'; name: string }
  /** The group has devices, the bar's filter hides them all. */
  | { kind: 'groupFiltered'; name: string }
  /** No group: the bar's filter hides every device. */
  | { kind: 'filtered' };

export function emptyListReason(input: { loaded: boolean; total: number; shown: number; group: Group | null; inGroup: number }): EmptyListReason | null {
  const { loaded, total, shown, group, inGroup } = input;
  if (shown > 0) return null;
  if (!loaded) return { kind: 'loading' };
  if (total === 0) return { kind: 'noDevices' };
  if (group === null) return { kind: 'filtered' };
  if (inGroup > 0) return { kind: 'groupFiltered', name: group.name };
  return group.kind === 'smart' ? { kind: 'emptySmart', name: group.name } : { kind: 'emptyStatic', name: group.name };
}
