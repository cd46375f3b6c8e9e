import { create } from 'zustand';
import { clickRow, pickRow, toggleAllShown, type ClickKeys } from '../../ui/row-selection';
import { loadColumnLayout, moveColumn, saveColumnLayout, toggleColumn, type ColumnLayout } from './column-layout';
import type { ColumnId } from './device-columns';
import { DEFAULT_SORT, nextSort, type SortState } from './device-sort';

/**
 * UI state of the device list; the devices themselves come from the server. The selection follows
 * the console's one model (`ui/row-selection.ts`), as every other table that selects rows.
 */
interface DeviceListStore {
  /** Selected device ids (a new Set on every change, so selectors see the change). */
  selected: ReadonlySet<number>;
  /** The keyboard cursor. */
  activeId: number | null;
  /** Where a shift-selection starts: the last row clicked or moved to without shift. */
  anchorId: number | null;
  /** The device shown in the detail pane, or null when it is closed. */
  openId: number | null;
  sort: SortState;
  columns: ColumnLayout;
  /** The remove confirmation is asked for these ids (null: not asking). */
  removeIds: readonly number[] | null;
  /** Click / arrow key: just this device (and the detail pane follows if open). */
  selectOnly(id: number): void;
  /** Ctrl/Cmd-click. */
  toggleSelected(id: number): void;
  /** Shift-click / shift-arrow: the ids between the anchor and `id`, given in list order. */
  selectRange(ids: readonly number[], activeId: number): void;
  setSelection(ids: readonly number[]): void;
  /** A click on a row (not its box or name): only it, Ctrl/⌘ toggles, Shift the range from the anchor; `shownIds` in list order. */
  pick(id: number, shownIds: readonly number[], keys: ClickKeys): void;
  /** A click on a row's check box: toggles it (Shift: the range from the anchor). */
  clickBox(id: number, shownIds: readonly number[], shift: boolean): void;
  /** The header's box: every row shown, or none of them when all are selected. */
  toggleAll(shownIds: readonly number[]): void;
  open(id: number | null): void;
  sortBy(column: ColumnId): void;
  toggleColumn(column: ColumnId): void;
  moveColumn(column: ColumnId, delta: number): void;
  resetColumns(layout: ColumnLayout): void;
  askRemove(ids: readonly number[] | null): void;
  /** Devices that disappeared from the server leave the selection and the pane. */
  forget(ids: readonly number[]): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

function persist(columns: ColumnLayout): ColumnLayout {
  saveColumnLayout(storage(), columns);
  return columns;
}

export const useDeviceListStore = create<DeviceListStore>()((set) => ({
  selected: new Set(),
  activeId: null,
  anchorId: null,
  openId: null,
  sort: DEFAULT_SORT,
  columns: loadColumnLayout(storage()),
  removeIds: null,
  selectOnly: (id) => set((s) => ({ selected: new Set([id]), activeId: id, anchorId: id, openId: s.openId === null ? null : id })),
  toggleSelected: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected, activeId: id, anchorId: id };
    }),
  selectRange: (ids, activeId) => set({ selected: new Set(ids), activeId }),
  setSelection: (ids) => set({ selected: new Set(ids) }),
  pick: (id, shownIds, keys) =>
    set((s) => {
      const next = pickRow({ selected: s.selected, anchor: s.anchorId }, id, shownIds, keys);
      const plain = !keys.shift && !keys.toggle;
      // A plain click moves an open detail pane to the row, as the arrow keys do.
      return { selected: next.selected, anchorId: next.anchor, activeId: id, openId: plain && s.openId !== null ? id : s.openId };
    }),
  clickBox: (id, shownIds, shift) =>
    set((s) => {
      const next = clickRow({ selected: s.selected, anchor: s.anchorId }, id, shownIds, shift);
      return { selected: next.selected, anchorId: next.anchor, activeId: id };
    }),
  toggleAll: (shownIds) => set((s) => ({ selected: toggleAllShown({ selected: s.selected, anchor: s.anchorId }, shownIds).selected })),
  open: (id) => set((s) => (id === null ? { openId: null } : { openId: id, activeId: id, anchorId: id, selected: s.selected.has(id) ? s.selected : new Set([id]) })),
  sortBy: (column) => set((s) => ({ sort: nextSort(s.sort, column) })),
  toggleColumn: (column) => set((s) => ({ columns: persist(toggleColumn(s.columns, column)) })),
  moveColumn: (column, delta) => set((s) => ({ columns: persist(moveColumn(s.columns, column, delta)) })),
  resetColumns: (layout) => set({ columns: persist(layout) }),
  askRemove: (ids) => set({ removeIds: ids && ids.length > 0 ? ids : null }),
  forget: (ids) =>
    set((s) => {
      const gone = new Set(ids);
      const selected = new Set([...s.selected].filter((id) => !gone.has(id)));
      return {
        selected,
        activeId: s.activeId !== null && gone.has(s.activeId) ? null : s.activeId,
        anchorId: s.anchorId !== null && gone.has(s.anchorId) ? null : s.anchorId,
        openId: s.openId !== null && gone.has(s.openId) ? null : s.openId,
      };
    }),
}));
