import { useDeferredValue, useMemo } from 'react';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { compileFilter } from '../../../src-shared/filters/device-filter';
import { useServerData } from '../../api/server-data';
import { draftToFilter } from '../filters/filter-draft';
import { useFilterStore } from '../filters/filter.store';
import { groupPredicate } from '../groups/group-membership';
import { useGroupStore } from '../groups/group.store';
import { useDeviceListStore } from './device-list.store';
import { sortDevices } from './device-sort';

export interface VisibleDevices {
  /** The rows to show: in the active group, matching the filter, in sort order. */
  visible: DeviceListRow[];
  /** Every device the server has (null before the whole list is there: `visible` then holds the rows the list opens with, if any). */
  all: DeviceListRow[] | null;
}

/**
 * The list's rows. Sorting runs only when the devices or the sort change; a keystroke in the
 * filter only re-runs the (compiled) filter over the sorted list, which keeps order. The
 * filter text is deferred so typing stays responsive with 10,000 devices.
 */
export function useVisibleDevices(): VisibleDevices {
  const { devices, openingDevices, groups } = useServerData();
  const sort = useDeviceListStore((s) => s.sort);
  const draft = useDeferredValue(useFilterStore((s) => s.draft));
  const activeGroupId = useGroupStore((s) => s.activeGroupId);
  const group = groups.find((g) => g.id === activeGroupId) ?? null;

  const rows = devices ?? openingDevices;
  const sorted = useMemo(() => sortDevices(rows ?? [], sort), [rows, sort]);
  const filter = useMemo(() => draftToFilter(draft), [draft]);
  const visible = useMemo(() => {
    const matches = compileFilter(filter);
    const inGroup = group ? groupPredicate(group) : null;
    return sorted.filter((device) => (inGroup === null || inGroup(device)) && matches(device));
  }, [sorted, filter, group]);
  return { visible, all: devices };
}
