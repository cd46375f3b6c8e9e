import { create } from 'zustand';
import { clampSidebar, DETAIL_LIMITS, PANEL_WIDTHS_STORAGE_KEY, parsePanelWidths, type PanelWidths } from './panel-layout';

interface PanelWidthsStore extends PanelWidths {
  setSidebar(width: number): void;
  setDetail(width: number): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

function load(): PanelWidths {
  try {
    return parsePanelWidths(storage()?.getItem(PANEL_WIDTHS_STORAGE_KEY) ?? null);
  } catch {
    return parsePanelWidths(null);
  }
}

function save(widths: PanelWidths): void {
  try {
    storage()?.setItem(PANEL_WIDTHS_STORAGE_KEY, JSON.stringify(widths));
  } catch {
    // A refused write (private mode, full quota): the widths last for this session.
  }
}

/** The widths of the group list and the detail panel, as the person dragged them; remembered in localStorage. */
export const usePanelWidthsStore = create<PanelWidthsStore>()((set, get) => ({
  ...load(),
  setSidebar: (width) => {
    set({ sidebar: clampSidebar(width) });
    save({ sidebar: get().sidebar, detail: get().detail });
  },
  setDetail: (width) => {
    set({ detail: Math.round(Math.min(DETAIL_LIMITS.max, Math.max(DETAIL_LIMITS.min, width))) });
    save({ sidebar: get().sidebar, detail: get().detail });
  },
}));
