import type { Group } from '../../../src-shared/contract/groups.contract';
import type { DeviceFilter } from '../../../src-shared/filters/device-filter';
import { draftToFilter, isEmptyFilter, type FilterDraft } from '../filters/filter-draft';

/** What groups.update is sent when a group is renamed or a smart group's filter edited. */
export interface GroupUpdate {
  id: number;
  name?: string;
  filter?: DeviceFilter;
}

export type GroupEditResult = { ok: true; update: GroupUpdate } | { ok: false; field: 'name' | 'filter' };

/**
 * The update the dialog describes: the name when it changed (trimmed, required), and for a smart
 * group its filter, which may not let every device through (a smart group is a filter). Pure.
 */
export function groupEditOf(group: Pick<Group, 'id' | 'name' | 'kind'>, name: string, draft: FilterDraft | null): GroupEditResult {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, field: 'name' };
  const update: GroupUpdate = { id: group.id };
  if (trimmed !== group.name) update.name = trimmed;
  if (group.kind === 'smart' && draft !== null) {
    const filter = draftToFilter(draft);
    if (isEmptyFilter(filter)) return { ok: false, field: 'filter' };
    update.filter = filter;
  }
  return { ok: true, update };
}
