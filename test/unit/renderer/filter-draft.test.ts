import { describe, expect, it } from 'vitest';
import { compileFilter, EMPTY_FILTER } from '../../../src-shared/filters/device-filter';
import { draftToFilter, emptyDraft, filterToDraft, isEmptyFilter, isQuickActive, toggleQuick, type FilterDraft } from '../../../src-renderer/features/filters/filter-draft';
import { aDevice, aToner } from './device-builders';

function draft(fields: Partial<FilterDraft['fields']>, rest: Partial<Omit<FilterDraft, 'fields'>> = {}): FilterDraft {
  const base = emptyDraft();
  return { ...base, ...rest, fields: { ...base.fields, ...fields } };
}

describe('filter draft → DeviceFilter', () => {
  it('trims fields and leaves empty ones out', () => {
    expect(draftToFilter(draft({ name: '  lobby ', model: '   ' }))).toEqual({ fields: { name: 'lobby' }, states: [], tonerLow: false, unreachable: false });
  });

  it('an untouched draft is the empty filter', () => {
    expect(draftToFilter(emptyDraft())).toEqual(EMPTY_FILTER);
    expect(isEmptyFilter(draftToFilter(emptyDraft()))).toBe(true);
    expect(isEmptyFilter(draftToFilter(draft({ serial: 'x' })))).toBe(false);
  });

  it('quick filters: errors and warnings pick states (either), toner low and offline narrow', () => {
    let d = toggleQuick(emptyDraft(), 'warnings');
    d = toggleQuick(d, 'errors');
    d = toggleQuick(d, 'tonerLow');
    expect(draftToFilter(d)).toEqual({ fields: {}, states: ['warning', 'error'], tonerLow: true, unreachable: false });
    expect(isQuickActive(d, 'errors')).toBe(true);
    d = toggleQuick(toggleQuick(d, 'errors'), 'offline');
    expect(draftToFilter(d)).toEqual({ fields: {}, states: ['warning'], tonerLow: true, unreachable: true });
    expect(isQuickActive(d, 'errors')).toBe(false);
  });

  it('a saved filter comes back into the bar unchanged', () => {
    const saved = { fields: { location: 'Floor 3', vendor: 'hp' }, states: ['error' as const], tonerLow: false, unreachable: true };
    expect(draftToFilter(filterToDraft(saved))).toEqual(saved);
  });

  it('matches case-insensitive partial text, and every field must hold', () => {
    const devices = [
      aDevice({ id: 1, name: 'Lobby MFP', identity: { location: 'Building A, floor 3' } }),
      aDevice({ id: 2, name: 'lobby printer', identity: { location: 'Building B' } }),
      aDevice({ id: 3, name: 'Office', identity: { location: 'Building A' }, state: 'error', supplies: [aToner('cyan', 5)] }),
    ];
    const match = (d: FilterDraft) => devices.filter(compileFilter(draftToFilter(d))).map((x) => x.id);
    expect(match(draft({ name: 'LOBBY' }))).toEqual([1, 2]);
    expect(match(draft({ name: 'lobby', location: 'building a' }))).toEqual([1]);
    expect(match(toggleQuick(emptyDraft(), 'errors'))).toEqual([3]);
    expect(match(toggleQuick(emptyDraft(), 'tonerLow'))).toEqual([3]);
  });
});
