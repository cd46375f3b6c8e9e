/**
 * The one selection model of every table that selects rows (issue 14): the device list, the
 * address book editor, the device-settings support matrix … Pure: each change gives a new Set.
 *
 * - a row's check box toggles that row; with Shift it sets the rows from the anchor (the last
 *   row clicked) to this one, in the order shown, to the state the clicked row takes;
 * - a plain click on a row selects only that row; Ctrl/⌘+click toggles it; Shift+click selects
 *   the rows from the anchor to it (replacing the selection);
 * - "select all" takes every row the filter shows, or, when they all are selected, none of them.
 */

export interface RowSelection {
  selected: ReadonlySet<number>;
  /** Where a Shift range starts: the last row clicked without Shift. */
  anchor: number | null;
}

export const NO_SELECTION: RowSelection = { selected: new Set(), anchor: null };

/** How a row was clicked (the keys held). */
export interface ClickKeys {
  shift: boolean;
  /** Ctrl, or ⌘ on a Mac. */
  toggle: boolean;
}

/** The ids from `from` to `to` inclusive in the order shown (either direction); null when either is not shown. */
export function rangeBetween(shownIds: readonly number[], from: number, to: number): number[] | null {
  const a = shownIds.indexOf(from);
  const b = shownIds.indexOf(to);
  if (a < 0 || b < 0) return null;
  return shownIds.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** A click on a row's check box: toggles it, or with Shift the range from the anchor to it. */
export function clickRow(selection: RowSelection, id: number, shownIds: readonly number[], shift: boolean): RowSelection {
  const range = shift && selection.anchor !== null ? rangeBetween(shownIds, selection.anchor, id) : null;
  const selected = new Set(selection.selected);
  if (range !== null) {
    const on = !selection.selected.has(id) || (selection.anchor !== null && selection.selected.has(selection.anchor));
    for (const rowId of range) {
      if (on) selected.add(rowId);
      else selected.delete(rowId);
    }
    return { selected, anchor: id };
  }
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { selected, anchor: id };
}

/** A click on the row itself (not its check box): only it, Ctrl toggles it, Shift takes the range from the anchor. */
export function pickRow(selection: RowSelection, id: number, shownIds: readonly number[], keys: ClickKeys): RowSelection {
  if (keys.shift && selection.anchor !== null) {
    const range = rangeBetween(shownIds, selection.anchor, id);
    // The anchor stays: a second Shift+click re-draws the range from the same row.
    if (range !== null) return { selected: new Set(range), anchor: selection.anchor };
  }
  if (keys.toggle) return clickRow(selection, id, shownIds, false);
  return { selected: new Set([id]), anchor: id };
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

/** The selected ids among those shown, in the order shown (what an action on "the selection" takes). */
export function selectedShown(selection: RowSelection, shownIds: readonly number[]): number[] {
  return shownIds.filter((id) => selection.selected.has(id));
}
