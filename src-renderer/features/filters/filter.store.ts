import { create } from 'zustand';
import type { DeviceFilter, FilterField } from '../../../src-shared/filters/device-filter';
import { emptyDraft, filterToDraft, toggleQuick, type FilterDraft, type QuickFilter } from './filter-draft';

/** The filter bar's draft (UI state only; saved filters live on the server). */
interface FilterStore {
  draft: FilterDraft;
  setField(field: FilterField, text: string): void;
  toggleQuick(quick: QuickFilter): void;
  /** Puts a saved filter into the bar. */
  apply(filter: DeviceFilter): void;
  clear(): void;
}

export const useFilterStore = create<FilterStore>()((set) => ({
  draft: emptyDraft(),
  setField: (field, text) => set((s) => ({ draft: { ...s.draft, fields: { ...s.draft.fields, [field]: text } } })),
  toggleQuick: (quick) => set((s) => ({ draft: toggleQuick(s.draft, quick) })),
  apply: (filter) => set({ draft: filterToDraft(filter) }),
  clear: () => set({ draft: emptyDraft() }),
}));
