import { join } from 'node:path';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { AppApi, AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { DeviceState } from '../../src-shared/domain/device-reading';
import { effectiveStatus } from '../core/monitor/round-reporter';
import { FleetStateTable } from './fleet-state';
import type { ShellLabels } from './shell-labels';
import { trayIconFileName } from './tray-icon-painter';

export interface FleetTrayOptions {
  /** The contract as a typed client (in-process): devices.list, system.info, system.setMonitoring. */
  api: Pick<AppApi, 'devices' | 'system'>;
  events: { subscribe(listener: (name: AppEventName, payload: AppEvents[AppEventName]) => void): () => void };
  labels: ShellLabels;
  /** resources/icons: tray-<state>.png (+ @2x, which Electron picks on HiDPI screens). */
  iconsDir: string;
  showWindow(): void;
  quit(): void;
  log?: (message: string) => void;
}

export interface FleetTray {
  /** Rereads the device list and monitoring state; failures are logged, the tray keeps its last state. */
  resync(): Promise<void>;
  /** The state the icon shows. */
  shownState(): DeviceState;
  dispose(): void;
}

/**
 * The tray icon: the worst state of the fleet as a coloured light, counts in the tooltip, and
 * a menu to open the window, pause or resume monitoring, and quit. Kept current by
 * device.status events; the list is reread only when devices it has not seen appear.
 * Never throws: a failed read or monitoring change is logged and the tray keeps its state.
 */
export function createFleetTray(options: FleetTrayOptions): FleetTray {
  const log = options.log ?? (() => undefined);
  const table = new FleetStateTable();
  const icons = new Map<DeviceState, NativeImage>();
  const icon = (state: DeviceState): NativeImage => {
    let image = icons.get(state);
    if (!image) {
      image = nativeImage.createFromPath(join(options.iconsDir, trayIconFileName(state, 1)));
      if (image.isEmpty()) log(`tray icon missing: ${join(options.iconsDir, trayIconFileName(state, 1))}`);
      icons.set(state, image);
    }
    return image;
  };
  let shown: DeviceState = 'unknown';
  let monitoring = true;
  let unseenDevices = false;
  const tray = new Tray(icon(shown));

  const render = (): void => {
    const worst = table.worst();
    if (worst !== shown) tray.setImage(icon(worst));
    shown = worst;
    tray.setToolTip(options.labels.tooltip(table.counts()));
  };
  const setMonitoring = async (enabled: boolean): Promise<void> => {
    try {
      monitoring = (await options.api.system.setMonitoring({ enabled })).monitoring;
    } catch (error) {
      log(`could not ${enabled ? 'resume' : 'pause'} monitoring: ${String(error)}`);
    }
    buildMenu();
  };
  const buildMenu = (): void => {
    const { labels } = options;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.open, click: () => options.showWindow() },
        { label: monitoring ? labels.pauseMonitoring : labels.resumeMonitoring, click: () => void setMonitoring(!monitoring) },
        { type: 'separator' },
        { label: labels.quit, click: () => options.quit() },
      ]),
    );
  };

  let syncing: Promise<void> | null = null;
  const resync = (): Promise<void> => {
    syncing ??= (async () => {
      try {
        unseenDevices = false;
        const [{ devices }, info] = await Promise.all([options.api.devices.list({}), options.api.system.info({})]);
        table.reset(devices.map((device) => ({ id: device.id, state: effectiveStatus(device).state })));
        monitoring = info.monitoring;
      } catch (error) {
        log(`tray could not read the fleet: ${String(error)}`);
      } finally {
        syncing = null;
      }
      render();
      buildMenu();
    })();
    return syncing;
  };

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (name === 'device.status') {
      const event = payload as AppEvents['device.status'];
      if (table.set(event.id, event.state)) render();
    } else if (name === 'devices.changed') {
      const event = payload as AppEvents['devices.changed'];
      if (table.remove(event.removed)) render();
      if (event.ids.some((id) => !table.has(id))) unseenDevices = true;
    } else if (name === 'poll.progress' && (payload as AppEvents['poll.progress']).finished && unseenDevices) {
      void resync();
    }
  });
  tray.on('click', () => options.showWindow());
  render();
  buildMenu();

  return {
    resync,
    shownState: () => shown,
    dispose() {
      unsubscribe();
      tray.destroy();
    },
  };
}
