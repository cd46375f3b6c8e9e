import { Notification } from 'electron';
import type { AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { ShellLabels } from './shell-labels';
import { visibleText } from '../../src-shared/domain/visible-text';

type DeviceStatusEvent = AppEvents['device.status'];

/** True when a status event means the device has just gone into error (not: still in error, a warning). */
export function isNewError(event: DeviceStatusEvent): boolean {
  return event.state === 'error' && event.previous !== 'error';
}

export interface ErrorNotifierOptions {
  events: { subscribe(listener: (name: AppEventName, payload: AppEvents[AppEventName]) => void): () => void };
  labels: ShellLabels;
  /** Click on a device's notification: show the window and open that device. */
  openDevice(id: number): void;
  /** Click on the summary notification: show the window. */
  showWindow(): void;
  /** Notifications shown one by one within `burstMs`; further new errors become one summary. */
  burstLimit?: number;
  burstMs?: number;
  icon?: string;
}

export interface ErrorNotifier {
  dispose(): void;
}

/**
 * A desktop notification for each device that goes into error. When a poll round brings many
 * at once (a power cut, a fresh import), the first few are shown and the rest are folded into
 * one "N more devices went into error" at the end of the burst, so the desktop is not flooded.
 * Does nothing where the OS has no notifications.
 */
export function startErrorNotifier(options: ErrorNotifierOptions): ErrorNotifier {
  const burstLimit = options.burstLimit ?? 3;
  const burstMs = options.burstMs ?? 10_000;
  // Electron drops click handlers of notifications that get garbage-collected: keep them until done.
  const alive = new Set<Notification>();
  let shown = 0;
  let folded = 0;
  let burstTimer: ReturnType<typeof setTimeout> | null = null;

  const show = (title: string, body: string, onClick: () => void): void => {
    // Device names and messages come from devices: their bidi and control characters are shown, not obeyed.
    const notification = new Notification({ title: visibleText(title), body: visibleText(body), ...(options.icon ? { icon: options.icon } : {}) });
    alive.add(notification);
    notification.on('click', () => {
      alive.delete(notification);
      onClick();
    });
    notification.on('close', () => alive.delete(notification));
    notification.show();
  };

  const endBurst = (): void => {
    burstTimer = null;
    if (folded > 0) show(options.labels.moreErrors(folded), '', options.showWindow);
    shown = 0;
    folded = 0;
  };

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (name !== 'device.status') return;
    const event = payload as DeviceStatusEvent;
    if (!isNewError(event) || !Notification.isSupported()) return;
    burstTimer ??= setTimeout(endBurst, burstMs);
    if (shown >= burstLimit) {
      folded += 1;
      return;
    }
    shown += 1;
    show(options.labels.deviceError(event.name), event.message, () => options.openDevice(event.id));
  });

  return {
    dispose() {
      unsubscribe();
      if (burstTimer) clearTimeout(burstTimer);
      burstTimer = null;
      for (const notification of alive) notification.close();
      alive.clear();
    },
  };
}
