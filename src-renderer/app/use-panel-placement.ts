import { useMediaQuery, useViewportSize } from '@mantine/hooks';
import { useDeviceListStore } from '../features/devices/device-list.store';
import { clampDetail, DETAIL_LIMITS, detailMode, type DetailMode } from './panel-layout';
import { usePanelWidthsStore } from './panel-widths.store';

export interface PanelPlacement {
  /** The group list is beside the list (a wide enough window; below Mantine's 'sm' it is a drawer). */
  sidebarShown: boolean;
  sidebarWidth: number;
  setSidebar(width: number): void;
  detailWidth: number;
  /** The widest the details may be dragged in this window. */
  detailMax: number;
  setDetail(width: number): void;
  mode: DetailMode;
  /** A device is open and its details take their width from the list. */
  docked: boolean;
  /** A device is open and its details float over the list: the list's controls keep clear of them by this much. */
  overlayInset: number;
}

/** Where the device view's panels go in this window (`panel-layout.ts`); `devicesShown`: the Devices section is the one shown. */
export function usePanelPlacement(devicesShown: boolean): PanelPlacement {
  const { width } = useViewportSize();
  const windowWidth = width || 1280;
  const wide = useMediaQuery('(min-width: 48em)', true);
  const widths = usePanelWidthsStore();
  const open = useDeviceListStore((s) => s.openId) !== null && devicesShown;
  const sidebarShown = devicesShown && (wide ?? true);
  const detailWidth = clampDetail(widths.detail, windowWidth);
  const mode = detailMode(windowWidth, sidebarShown ? widths.sidebar : 0, detailWidth);
  return {
    sidebarShown,
    sidebarWidth: widths.sidebar,
    setSidebar: widths.setSidebar,
    detailWidth,
    detailMax: Math.max(DETAIL_LIMITS.min, clampDetail(DETAIL_LIMITS.max, windowWidth)),
    setDetail: widths.setDetail,
    mode,
    docked: open && mode === 'docked',
    overlayInset: open && mode === 'overlay' ? detailWidth : 0,
  };
}
