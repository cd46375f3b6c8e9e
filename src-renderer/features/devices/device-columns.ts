/**
 * The columns of the device list: ids, default widths and whether they show by default.
 * Labels live in the i18n resources under `columns.<id>`.
 */

export const COLUMN_IDS = ['status', 'name', 'address', 'model', 'serial', 'location', 'supplies', 'pages', 'lastSeen', 'mac', 'firmware'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnSpec {
  id: ColumnId;
  /**
   * Width in px; the table uses a fixed layout so rows never reflow while scrolling. The address
   * takes a whole "127.20.0.124:1161", the name a whole serial-number-like name (issue 14).
   */
  width: number;
  /** Numbers read right-aligned. */
  numeric: boolean;
}

export const COLUMN_SPECS: Readonly<Record<ColumnId, ColumnSpec>> = {
  status: { id: 'status', width: 160, numeric: false },
  name: { id: 'name', width: 185, numeric: false },
  address: { id: 'address', width: 165, numeric: false },
  model: { id: 'model', width: 190, numeric: false },
  serial: { id: 'serial', width: 120, numeric: false },
  location: { id: 'location', width: 125, numeric: false },
  supplies: { id: 'supplies', width: 70, numeric: false },
  pages: { id: 'pages', width: 95, numeric: true },
  lastSeen: { id: 'lastSeen', width: 115, numeric: false },
  mac: { id: 'mac', width: 140, numeric: false },
  firmware: { id: 'firmware', width: 130, numeric: false },
};

/** Shown in a new installation; the others can be switched on in the column chooser. */
export const DEFAULT_HIDDEN: readonly ColumnId[] = ['mac', 'firmware'];

/** Type guard for ids read from storage. */
export function isColumnId(value: unknown): value is ColumnId {
  return typeof value === 'string' && (COLUMN_IDS as readonly string[]).includes(value);
}
