import { COLUMN_IDS, DEFAULT_HIDDEN, isColumnId, type ColumnId } from './device-columns';

/** Which columns show, in which order; remembered in localStorage. */
export interface ColumnLayout {
  order: ColumnId[];
  hidden: ColumnId[];
}

export const COLUMN_LAYOUT_STORAGE_KEY = 'printdeck.device-columns';

/** The part of localStorage used (declared here so that tests need no DOM typings). */
export interface LayoutStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const DEFAULT_COLUMN_LAYOUT: ColumnLayout = { order: [...COLUMN_IDS], hidden: [...DEFAULT_HIDDEN] };

/**
 * Reads a remembered layout leniently: unknown or repeated ids are dropped, columns added in a
 * newer version are appended (hidden when they are hidden by default), and anything unreadable
 * gives the default layout. Never throws.
 */
export function parseColumnLayout(text: string | null): ColumnLayout {
  if (!text) return DEFAULT_COLUMN_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_COLUMN_LAYOUT;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_COLUMN_LAYOUT;
  const record = value as { order?: unknown; hidden?: unknown };
  const order = uniqueIds(record.order);
  if (order.length === 0) return DEFAULT_COLUMN_LAYOUT;
  const added = COLUMN_IDS.filter((id) => !order.includes(id));
  const hidden = [...uniqueIds(record.hidden), ...added.filter((id) => DEFAULT_HIDDEN.includes(id))];
  const layout = { order: [...order, ...added], hidden: [...new Set(hidden)] };
  return visibleColumns(layout).length > 0 ? layout : DEFAULT_COLUMN_LAYOUT;
}

function uniqueIds(value: unknown): ColumnId[] {
  return Array.isArray(value) ? [...new Set(value.filter(isColumnId))] : [];
}

/** The remembered layout; the default when storage is missing, refused or holds junk. */
export function loadColumnLayout(storage: Pick<LayoutStorage, 'getItem'> | null): ColumnLayout {
  try {
    return parseColumnLayout(storage?.getItem(COLUMN_LAYOUT_STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_COLUMN_LAYOUT;
  }
}

/** Remembers the layout; a refused write (private mode, full quota) is ignored. */
export function saveColumnLayout(storage: Pick<LayoutStorage, 'setItem'> | null, layout: ColumnLayout): void {
  try {
    storage?.setItem(COLUMN_LAYOUT_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // The layout then lasts for this session only.
  }
}

/** Visible columns in display order. */
export function visibleColumns(layout: ColumnLayout): ColumnId[] {
  return layout.order.filter((id) => !layout.hidden.includes(id));
}

/** Shows or hides a column; hiding the last visible column is refused (returns the layout unchanged). */
export function toggleColumn(layout: ColumnLayout, id: ColumnId): ColumnLayout {
  if (layout.hidden.includes(id)) return { ...layout, hidden: layout.hidden.filter((h) => h !== id) };
  if (visibleColumns(layout).filter((v) => v !== id).length === 0) return layout;
  return { ...layout, hidden: [...layout.hidden, id] };
}

/** Moves a column `delta` places (−1 earlier, +1 later) in the order; clamps at the ends. */
export function moveColumn(layout: ColumnLayout, id: ColumnId, delta: number): ColumnLayout {
  const from = layout.order.indexOf(id);
  if (from < 0) return layout;
  const to = Math.max(0, Math.min(layout.order.length - 1, from + delta));
  if (to === from) return layout;
  const order = [...layout.order];
  order.splice(from, 1);
  order.splice(to, 0, id);
  return { ...layout, order };
}
