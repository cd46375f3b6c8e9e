import type { DeviceState } from '../../../src-shared/domain/device-reading';
import { DEVICE_STATES } from '../../../src-shared/domain/device-reading';
import { FILTER_FIELDS, type DeviceFilter, type FilterField } from '../../../src-shared/filters/device-filter';

/** What the filter bar holds while a person types: every field present, possibly empty. */
export interface FilterDraft {
  fields: Record<FilterField, string>;
  states: DeviceState[];
  tonerLow: boolean;
  unreachable: boolean;
}

/**
 * The quick filters of the bar. Errors and warnings pick states (either may hold); toner low
 * and offline narrow further. "Offline" means not answering or never read — the greyed rows.
 */
export const QUICK_FILTERS = ['errors', 'warnings', 'tonerLow', 'offline'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];

const QUICK_STATE: Partial<Record<QuickFilter, DeviceState>> = { errors: 'error', warnings: 'warning' };

/** A bar with every field empty and no quick filter on. */
export function emptyDraft(): FilterDraft {
  return { fields: Object.fromEntries(FILTER_FIELDS.map((f) => [f, ''])) as Record<FilterField, string>, states: [], tonerLow: false, unreachable: false };
}

/** The DeviceFilter a draft means: fields trimmed, empty ones left out, states once each in a fixed order. */
export function draftToFilter(draft: FilterDraft): DeviceFilter {
  const fields: DeviceFilter['fields'] = {};
  for (const field of FILTER_FIELDS) {
    const text = draft.fields[field].trim();
    if (text) fields[field] = text;
  }
  return { fields, states: DEVICE_STATES.filter((s) => draft.states.includes(s)), tonerLow: draft.tonerLow, unreachable: draft.unreachable };
}

/** A saved filter or smart group back into the bar. */
export function filterToDraft(filter: DeviceFilter): FilterDraft {
  const draft = emptyDraft();
  for (const field of FILTER_FIELDS) draft.fields[field] = filter.fields[field] ?? '';
  return { ...draft, states: DEVICE_STATES.filter((s) => filter.states.includes(s)), tonerLow: filter.tonerLow, unreachable: filter.unreachable };
}

/** True when the filter lets every device through. */
export function isEmptyFilter(filter: DeviceFilter): boolean {
  return Object.values(filter.fields).every((text) => !text?.trim()) && filter.states.length === 0 && !filter.tonerLow && !filter.unreachable;
}

/** Whether a quick filter's chip shows as on. */
export function isQuickActive(draft: FilterDraft, quick: QuickFilter): boolean {
  const state = QUICK_STATE[quick];
  if (state) return draft.states.includes(state);
  return quick === 'tonerLow' ? draft.tonerLow : draft.unreachable;
}

/** Switches one quick filter on or off, leaving the rest of the draft alone. */
export function toggleQuick(draft: FilterDraft, quick: QuickFilter): FilterDraft {
  const state = QUICK_STATE[quick];
  if (state) {
    const states = draft.states.includes(state) ? draft.states.filter((s) => s !== state) : [...draft.states, state];
    return { ...draft, states: DEVICE_STATES.filter((s) => states.includes(s)) };
  }
  return quick === 'tonerLow' ? { ...draft, tonerLow: !draft.tonerLow } : { ...draft, unreachable: !draft.unreachable };
}
