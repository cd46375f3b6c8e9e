import { describe, expect, it } from 'vitest';
import { allShownState, clickRow, keepRows, NO_SELECTION, pickRow, rangeBetween, selectedShown, toggleAllShown, type RowSelection } from '../../../src-renderer/ui/row-selection';

const shown = [5, 3, 9, 1, 7];
const ids = (selection: RowSelection): number[] => [...selection.selected].sort((a, b) => a - b);
const plain = { shift: false, toggle: false };

describe('the one selection model of the console’s tables', () => {
  it('a plain click on a row selects only it and makes it the anchor', () => {
    const first = pickRow(NO_SELECTION, 3, shown, plain);
    const second = pickRow(first, 9, shown, plain);
    expect({ selected: ids(second), anchor: second.anchor }).toEqual({ selected: [9], anchor: 9 });
  });

  it('Ctrl/⌘+click toggles one row and keeps the others', () => {
    const one = pickRow(NO_SELECTION, 3, shown, plain);
    const two = pickRow(one, 1, shown, { shift: false, toggle: true });
    expect(ids(two)).toEqual([1, 3]);
    expect(ids(pickRow(two, 3, shown, { shift: false, toggle: true }))).toEqual([1]);
  });

  it('Shift+click on a row selects the rows from the anchor in the order shown, in either direction, and keeps the anchor', () => {
    const anchored = pickRow(NO_SELECTION, 3, shown, plain);
    const down = pickRow(anchored, 1, shown, { shift: true, toggle: false });
    expect(selectedShown(down, shown)).toEqual([3, 9, 1]);
    expect(down.anchor).toBe(3);
    const up = pickRow(down, 5, shown, { shift: true, toggle: false });
    expect(selectedShown(up, shown)).toEqual([5, 3]);
  });

  it('a check box toggles its row without touching the others; with Shift it sets the range to the clicked row’s new state', () => {
    const a = clickRow(NO_SELECTION, 5, shown, false);
    const b = clickRow(a, 9, shown, false);
    expect(ids(b)).toEqual([5, 9]);
    const range = clickRow(b, 7, shown, true);
    expect(selectedShown(range, shown)).toEqual([5, 9, 1, 7]);
    // The anchor (7) is selected: a Shift range back to 3 selects; from an unselected anchor it clears.
    const unselected = clickRow(range, 1, shown, false);
    expect(selectedShown(unselected, shown)).toEqual([5, 9, 7]);
    const cleared = clickRow(unselected, 5, shown, true);
    expect(selectedShown(cleared, shown)).toEqual([7]);
  });

  it('a Shift click whose anchor is no longer shown acts on the row alone', () => {
    const anchored = clickRow(NO_SELECTION, 42, [42, ...shown], false);
    expect(ids(clickRow(anchored, 9, shown, true))).toEqual([9, 42]);
    expect(ids(pickRow(anchored, 9, shown, { shift: true, toggle: false }))).toEqual([9]);
    expect(rangeBetween(shown, 42, 9)).toBeNull();
  });

  it('"select all" takes the rows shown (not the ones the filter hides), and clears them when all are selected', () => {
    const hidden = clickRow(NO_SELECTION, 100, [100], false);
    const all = toggleAllShown(hidden, shown);
    expect(ids(all)).toEqual([1, 3, 5, 7, 9, 100]);
    expect(allShownState(all, shown)).toBe('all');
    expect(allShownState(clickRow(all, 9, shown, false), shown)).toBe('some');
    const none = toggleAllShown(all, shown);
    expect(ids(none)).toEqual([100]);
    expect(allShownState(none, shown)).toBe('none');
    expect(allShownState(NO_SELECTION, [])).toBe('none');
  });

  it('rows that are gone leave the selection and the anchor', () => {
    const selection = toggleAllShown(clickRow(NO_SELECTION, 9, shown, false), shown);
    const kept = keepRows(selection, new Set([1, 3]));
    expect({ selected: ids(kept), anchor: kept.anchor }).toEqual({ selected: [1, 3], anchor: null });
  });
});
