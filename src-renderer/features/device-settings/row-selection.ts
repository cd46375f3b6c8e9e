/**
 * Check-box selection of a table's rows, as the device list selects (issue 14): a click toggles
 * one row, Shift+click selects the rows between the last one clicked and this one, "select all"
 * takes the rows the filter shows. Pure: a new Set each time.
 */

export interface RowSelection {
  selected: ReadonlySet<number>;
  /** Where a Shift+click range starts. */
  anchor: number | null;
}

export const NO_SELECTION: RowSelection = { selected: new Set(), anchor: null };

/** A click on a row's box: toggles it, or with Shift the range from the anchor (in the order shown) to it. */
export function clickRow(selection: RowSelection, id: number, shownIds: readonly number[], shift: boolean): RowSelection {
  if (shift && selection.anchor !== null) {
    const from = shownIds.indexOf(selection.anchor);
    const to = shownIds.indexOf(id);
    if (from >= 0 && to >= 0) {
      const selected = new Set(selection.selected);
      const on = !selection.selected.has(id) || selection.selected.has(selection.anchor);
      for (const rowId of shownIds.slice(Math.min(from, to), Math.max(from, to) + 1)) {
        if (on) selected.add(rowId);
        else selected.delete(rowId);
      }
      return { selected, anchor: id };
    }
  }
  const selected = new Set(selection.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { selected, anchor: id };
}

/** "Select all": every row shown is selected, or, when they all are already, none of them. */
export function toggleAllShown(selection: RowSelection, shownIds: readonly number[]): RowSelection {
  const all = shownIds.length > 0 && shownIds.every((id) => selection.selected.has(id));
  const selected = new Set(selection.selected);
  for (const id of shownIds) {
    if (all) selected.delete(id);
    else selected.add(id);
  }
  return { selected, anchor: selection.anchor };
}

/** The state of a "select all" box over the rows shown. */
export function allShownState(selection: RowSelection, shownIds: readonly number[]): 'none' | 'some' | 'all' {
  let count = 0;
  for (const id of shownIds) if (selection.selected.has(id)) count += 1;
  if (count === 0) return 'none';
  return count === shownIds.length ? 'all' : 'some';
}

/** The selection without rows that are gone. */
export function keepRows(selection: RowSelection, ids: ReadonlySet<number>): RowSelection {
  const selected = new Set([...selection.selected].filter((id) => ids.has(id)));
  return { selected, anchor: selection.anchor !== null && ids.has(selection.anchor) ? selection.anchor : null };
}
