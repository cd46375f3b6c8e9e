import { describe, expect, it } from 'vitest';
import {
  COLUMN_LAYOUT_STORAGE_KEY,
  DEFAULT_COLUMN_LAYOUT,
  loadColumnLayout,
  moveColumn,
  parseColumnLayout,
  saveColumnLayout,
  toggleColumn,
  visibleColumns,
} from '../../../src-renderer/features/devices/column-layout';
import { COLUMN_IDS } from '../../../src-renderer/features/devices/device-columns';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
}

describe('column layout persistence', () => {
  it('remembers order and hidden columns across a save and a load', () => {
    const storage = memoryStorage();
    const layout = toggleColumn(moveColumn(DEFAULT_COLUMN_LAYOUT, 'location', -3), 'serial');
    saveColumnLayout(storage, layout);
    expect(loadColumnLayout(storage)).toEqual(layout);
  });

  it('gives the default layout for missing, unreadable or empty data', () => {
    expect(loadColumnLayout(memoryStorage())).toEqual(DEFAULT_COLUMN_LAYOUT);
    expect(parseColumnLayout('{not json')).toEqual(DEFAULT_COLUMN_LAYOUT);
    expect(parseColumnLayout('"name"')).toEqual(DEFAULT_COLUMN_LAYOUT);
    expect(parseColumnLayout(JSON.stringify({ order: [] }))).toEqual(DEFAULT_COLUMN_LAYOUT);
  });

  it('drops unknown and repeated ids and appends columns it did not know, hidden when hidden by default', () => {
    const layout = parseColumnLayout(JSON.stringify({ order: ['pages', 'bogus', 'name', 'pages'], hidden: ['bogus'] }));
    expect(layout.order.slice(0, 2)).toEqual(['pages', 'name']);
    expect([...layout.order].sort()).toEqual([...COLUMN_IDS].sort());
    expect(layout.hidden).toEqual(['mac', 'firmware']);
  });

  it('never hides every column, even from stored data', () => {
    expect(parseColumnLayout(JSON.stringify({ order: [...COLUMN_IDS], hidden: [...COLUMN_IDS] }))).toEqual(DEFAULT_COLUMN_LAYOUT);
    let layout = DEFAULT_COLUMN_LAYOUT;
    for (const id of visibleColumns(layout)) layout = toggleColumn(layout, id);
    expect(visibleColumns(layout)).toHaveLength(1);
  });

  it('moves a column within bounds and leaves the rest in order', () => {
    const first = DEFAULT_COLUMN_LAYOUT.order[0];
    expect(first).toBe('status');
    expect(moveColumn(DEFAULT_COLUMN_LAYOUT, 'status', -1)).toBe(DEFAULT_COLUMN_LAYOUT);
    expect(moveColumn(DEFAULT_COLUMN_LAYOUT, 'status', 1).order.slice(0, 3)).toEqual(['name', 'status', 'address']);
  });

  it('survives storage that throws (private mode)', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(loadColumnLayout(throwing)).toEqual(DEFAULT_COLUMN_LAYOUT);
    expect(() => saveColumnLayout(throwing, DEFAULT_COLUMN_LAYOUT)).not.toThrow();
    expect(COLUMN_LAYOUT_STORAGE_KEY).toBe('printdeck.device-columns');
  });
});
