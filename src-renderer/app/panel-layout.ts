/**
 * Widths of the device view's side panels (issue 14): the group list on the left and the device
 * details on the right are resizable and remembered. The details sit beside the list while the
 * list keeps at least MIN_LIST_WIDTH; in a narrower window they float over the list instead
 * (an overlay), so that opening a device never squeezes the list to a few columns.
 */

export interface PanelWidths {
  sidebar: number;
  detail: number;
}

export const SIDEBAR_LIMITS = { min: 180, max: 480 } as const;
export const DETAIL_LIMITS = { min: 340, max: 900 } as const;
export const DEFAULT_PANEL_WIDTHS: PanelWidths = { sidebar: 240, detail: 420 };
/** Below this the list shows status, name and address only; the details then overlay it. */
export const MIN_LIST_WIDTH = 760;
/** What an overlay leaves of the list at least (its check boxes, status and name). */
const MIN_LIST_BESIDE_OVERLAY = 240;

export const PANEL_WIDTHS_STORAGE_KEY = 'printdeck.panel-widths';

export type DetailMode = 'docked' | 'overlay';

const clamp = (value: number, min: number, max: number): number => Math.round(Math.min(max, Math.max(min, value)));

export function clampSidebar(width: number): number {
  return clamp(width, SIDEBAR_LIMITS.min, SIDEBAR_LIMITS.max);
}

/** The detail width that fits the window: never wider than what leaves a strip of the list. */
export function clampDetail(width: number, windowWidth: number): number {
  const max = Math.max(DETAIL_LIMITS.min, Math.min(DETAIL_LIMITS.max, windowWidth - MIN_LIST_BESIDE_OVERLAY));
  return clamp(width, Math.min(DETAIL_LIMITS.min, windowWidth), Math.min(max, windowWidth));
}

/** Beside the list when the list keeps MIN_LIST_WIDTH, else over it. `sidebar` is 0 when the group list is folded away. */
export function detailMode(windowWidth: number, sidebar: number, detail: number): DetailMode {
  return windowWidth - sidebar - detail >= MIN_LIST_WIDTH ? 'docked' : 'overlay';
}

/** Reads remembered widths leniently: a missing, unreadable or out-of-range value gives its default (clamped). Never throws. */
export function parsePanelWidths(text: string | null): PanelWidths {
  let value: unknown;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    value = null;
  }
  const record = typeof value === 'object' && value !== null ? (value as Partial<Record<keyof PanelWidths, unknown>>) : {};
  const number = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    sidebar: clampSidebar(number(record.sidebar, DEFAULT_PANEL_WIDTHS.sidebar)),
    detail: clamp(number(record.detail, DEFAULT_PANEL_WIDTHS.detail), DETAIL_LIMITS.min, DETAIL_LIMITS.max),
  };
}
