import { describe, expect, it } from 'vitest';
import { hasChanges, mergeDevices, noteChange, nothingPending, PARTIAL_FETCH_LIMIT } from '../../../src-renderer/api/device-list-sync';
import { aDevice } from './device-builders';

describe('keeping the device list current from change events', () => {
  it('collects the ids events name, a removal cancelling an earlier change', () => {
    const pending = nothingPending();
    expect(hasChanges(pending)).toBe(false);
    noteChange(pending, { ids: [3, 5], removed: [] });
    noteChange(pending, { ids: [7], removed: [5] });
    expect([...pending.ids]).toEqual([3, 7]);
    expect([...pending.removed]).toEqual([5]);
    expect(pending.full).toBe(false);
    expect(hasChanges(pending)).toBe(true);
  });

  it('turns a large burst into one fetch of the whole list', () => {
    const pending = nothingPending();
    noteChange(pending, { ids: Array.from({ length: PARTIAL_FETCH_LIMIT + 1 }, (_, i) => i + 1), removed: [] });
    expect(pending.full).toBe(true);
  });

  it('merges fetched rows in id order, drops removed ones and asked-for ones that are gone', () => {
    const current = [aDevice({ id: 1, name: 'a' }), aDevice({ id: 2, name: 'b' }), aDevice({ id: 4, name: 'd' })];
    const fetched = [aDevice({ id: 3, name: 'c (new)' }), aDevice({ id: 1, name: 'a (changed)' })];
    const merged = mergeDevices(current, fetched, new Set([1, 3, 4]), new Set([2]));
    expect(merged.map((d) => [d.id, d.name])).toEqual([
      [1, 'a (changed)'],
      [3, 'c (new)'],
    ]);
    // Rows not named keep their identity (React skips re-rendering them).
    expect(mergeDevices(current, [], new Set(), new Set())[2]).toBe(current[2]);
  });
});
