import type { Group } from '../../../src-shared/contract/groups.contract';
import { compileFilter, type FilterableDevice } from '../../../src-shared/filters/device-filter';

/**
 * Whether a device belongs to a group. Static groups list their members; smart groups are
 * resolved here from their filter, so they follow every device change without a refetch.
 */
export function groupPredicate(group: Group): (device: FilterableDevice & { id: number }) => boolean {
  if (group.kind === 'smart') return group.filter ? compileFilter(group.filter) : () => false;
  const members = new Set(group.deviceIds);
  return (device) => members.has(device.id);
}

/** How many of `devices` are in each group, by group id. */
export function groupCounts(groups: readonly Group[], devices: readonly (FilterableDevice & { id: number })[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const group of groups) {
    const inGroup = groupPredicate(group);
    let count = 0;
    for (const device of devices) if (inGroup(device)) count++;
    counts.set(group.id, count);
  }
  return counts;
}
