import { useCallback, useEffect, useMemo, useState } from 'react';
import { allShownState, clickRow, keepRows, NO_SELECTION, pickRow, selectedShown, toggleAllShown, type ClickKeys, type RowSelection } from './row-selection';

export interface RowSelectionHandle {
  value: RowSelection;
  /** The selected rows among those shown, in the order shown: what an action on the selection takes. */
  selectedIds: number[];
  /** The state of the "select all" box over the rows shown. */
  allState: 'none' | 'some' | 'all';
  /** A click on a row's check box (Shift: a range). */
  clickBox(id: number, shift: boolean): void;
  /** A click on the row itself (plain, Ctrl/⌘ or Shift). */
  pickRow(id: number, keys: ClickKeys): void;
  toggleAll(): void;
  clear(): void;
  set(next: RowSelection): void;
}

/**
 * The selection of a table held in the component (the device list keeps its own in a store, with
 * the same functions): `shownIds` are the rows the filter shows, in the order shown; `existingIds`
 * (all rows, shown or not) drops the rows that are gone from the selection.
 */
export function useRowSelection(shownIds: readonly number[], existingIds?: readonly number[]): RowSelectionHandle {
  const [value, setValue] = useState<RowSelection>(NO_SELECTION);
  useEffect(() => {
    if (existingIds !== undefined) setValue((current) => (current.selected.size === 0 ? current : keepRows(current, new Set(existingIds))));
  }, [existingIds]);
  const clickBox = useCallback((id: number, shift: boolean) => setValue((current) => clickRow(current, id, shownIds, shift)), [shownIds]);
  const pick = useCallback((id: number, keys: ClickKeys) => setValue((current) => pickRow(current, id, shownIds, keys)), [shownIds]);
  const toggleAll = useCallback(() => setValue((current) => toggleAllShown(current, shownIds)), [shownIds]);
  const clear = useCallback(() => setValue(NO_SELECTION), []);
  return useMemo(
    () => ({ value, selectedIds: selectedShown(value, shownIds), allState: allShownState(value, shownIds), clickBox, pickRow: pick, toggleAll, clear, set: setValue }),
    [value, shownIds, clickBox, pick, toggleAll, clear],
  );
}
