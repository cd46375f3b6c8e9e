import type { SettingId } from '../../../src-shared/settings/settings-catalogue';

/**
 * The support matrix before a delivery (settings.support), summarised so that thousands of
 * devices read as a few lines: per item how many devices take it and how many skip it, how many
 * devices lack write credentials, and the rows a filter keeps. Pure, linear in the rows.
 */

/** One device's row as settings.support gives it. */
export interface SupportRow {
  deviceId: number;
  label: string;
  profile: string | null;
  supported: readonly string[];
  unsupported: readonly string[];
  credentials: boolean;
}

export interface ItemSupport {
  item: SettingId;
  supported: number;
  skipped: number;
}

export interface SupportSummary {
  devices: number;
  /** Devices that take every chosen item. */
  complete: number;
  /** Devices that skip some chosen items but take others. */
  partial: number;
  /** Devices that take none of the chosen items: they will fail. */
  none: number;
  /** Devices without a stored write credential (their own or a group's): every item will be "not reached". */
  noCredentials: number;
  perItem: ItemSupport[];
}

export function summariseSupport(rows: readonly SupportRow[], items: readonly SettingId[]): SupportSummary {
  const supported = new Map<string, number>(items.map((id) => [id, 0]));
  let complete = 0;
  let partial = 0;
  let none = 0;
  let noCredentials = 0;
  for (const row of rows) {
    for (const id of row.supported) supported.set(id, (supported.get(id) ?? 0) + 1);
    if (row.unsupported.length === 0) complete += 1;
    else if (row.supported.length === 0) none += 1;
    else partial += 1;
    if (!row.credentials) noCredentials += 1;
  }
  return {
    devices: rows.length,
    complete,
    partial,
    none,
    noCredentials,
    perItem: items.map((item) => {
      const count = supported.get(item) ?? 0;
      return { item, supported: count, skipped: rows.length - count };
    }),
  };
}

export const SUPPORT_FILTERS = ['all', 'skipped', 'noCredentials'] as const;
export type SupportFilter = (typeof SUPPORT_FILTERS)[number];

/** The rows a filter and a search text keep (the text matches the device's label or profile, any case). */
export function filterSupport(rows: readonly SupportRow[], filter: SupportFilter, text: string): SupportRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter === 'skipped' && row.unsupported.length === 0) return false;
    if (filter === 'noCredentials' && row.credentials) return false;
    if (needle === '') return true;
    return row.label.toLowerCase().includes(needle) || (row.profile ?? '').toLowerCase().includes(needle);
  });
}
