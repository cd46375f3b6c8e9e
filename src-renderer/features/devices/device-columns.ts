/**
 * The columns of the device list: ids, default widths and whether they show by default.
 * Labels live in the i18n resources under `columns.<id>`.
 */

export const COLUMN_IDS = ['status', 'name', 'address', 'model', 'serial', 'location', 'supplies', 'pages', 'lastSeen', 'mac', 'firmware'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnSpec {
  id: ColumnId;
  /** Width in px; the table uses a fixed layout so rows never reflow while scrolling. */
  width: number;
  /** Numbers read right-aligned. */
  numeric: boolean;
}

export const COLUMN_SPECS: Readonly<Record<ColumnId, ColumnSpec>> = {
  status: { id: 'status', width: 210, numeric: false },
  name: { id: 'name', width: 170, numeric: false },
  address: { id: 'address', width: 165, numeric: false },
  model: { id: 'model', width: 210, numeric: false },
  serial: { id: 'serial', width: 150, numeric: false },
  location: { id: 'location', width: 150, numeric: false },
  supplies: { id: 'supplies', width: 120, numeric: false },
  pages: { id: 'pages', width: 100, numeric: true },
  lastSeen: { id: 'lastSeen', width: 120, numeric: false },
  mac: { id: 'mac', width: 150, numeric: false },
  firmware: { id: 'firmware', width: 140, numeric: false },
};

/** Shown in a new installation; the others can be switched on in the column chooser. */
export const DEFAULT_HIDDEN: readonly ColumnId[] = ['mac', 'firmware'];

export function isColumnId(value: unknown): value is ColumnId {
  return typeof value === 'string' && (COLUMN_IDS as readonly string[]).includes(value);
}
