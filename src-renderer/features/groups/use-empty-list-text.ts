import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { useServerData } from '../../api/server-data';
import { emptyListReason } from './empty-list';
import { groupPredicate } from './group-membership';
import { useGroupStore } from './group.store';

/** What the device list says when it shows no row (null while it shows some). */
export function useEmptyListText(visible: readonly DeviceListRow[], all: readonly DeviceListRow[] | null): string | null {
  const { t } = useTranslation();
  const { groups } = useServerData();
  const activeGroupId = useGroupStore((s) => s.activeGroupId);
  const group = groups.find((g) => g.id === activeGroupId) ?? null;
  const empty = visible.length === 0;
  // Counted only while nothing shows: the group's members before the bar's filter.
  const inGroup = useMemo(() => (empty && group && all ? all.filter(groupPredicate(group)).length : 0), [empty, group, all]);
  const reason = emptyListReason({ loaded: all !== null, total: all?.length ?? 0, shown: visible.length, group, inGroup });
  switch (reason?.kind) {
    case undefined:
      return null;
    case 'loading':
      return t('list.loading');
    case 'noDevices':
      return t('list.empty');
    case 'filtered':
      return t('list.noMatch');
    case 'emptyStatic':
      return t('groups.emptyStatic', { name: reason.name });
    case 'emptySmart':
      return t('groups.emptySmart', { name: reason.name });
    case 'groupFiltered':
      return t('groups.groupFiltered', { name: reason.name });
  }
}
