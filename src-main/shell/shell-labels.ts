import type { FleetCounts } from './fleet-state';

/**
 * The few words the shell itself shows (tray, notifications, start-up failure), in English
 * and Japanese like the renderer. The main process has no i18next instance of its own: a
 * table this small does not need one.
 */
export interface ShellLabels {
  open: string;
  pauseMonitoring: string;
  resumeMonitoring: string;
  quit: string;
  /** Tray tooltip, e.g. "Printdeck — 3 errors, 5 warnings". */
  tooltip(counts: FleetCounts): string;
  /** Title of the notification for one device that went into error. */
  deviceError(name: string): string;
  /** Summary notification when more devices went into error than are shown one by one. */
  moreErrors(count: number): string;
  startFailed: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const english: ShellLabels = {
  open: 'Open Printdeck',
  pauseMonitoring: 'Pause monitoring',
  resumeMonitoring: 'Resume monitoring',
  quit: 'Quit',
  tooltip(c) {
    const parts = [
      c.error > 0 ? plural(c.error, 'error', 'errors') : '',
      c.warning > 0 ? plural(c.warning, 'warning', 'warnings') : '',
      c.offline > 0 ? `${c.offline} offline` : '',
    ].filter((p) => p !== '');
    if (parts.length > 0) return `Printdeck — ${parts.join(', ')}`;
    return c.total === 0 ? 'Printdeck — no devices yet' : `Printdeck — no problems (${plural(c.total, 'device', 'devices')})`;
  },
  deviceError: (name) => `${name}: error`,
  moreErrors: (count) => `${plural(count, 'more device', 'more devices')} went into error`,
  startFailed: 'Printdeck could not start',
};

const japanese: ShellLabels = {
  open: 'Printdeck を開く',
  pauseMonitoring: '監視を一時停止',
  resumeMonitoring: '監視を再開',
  quit: '終了',
  tooltip(c) {
    const parts = [c.error > 0 ? `エラー ${c.error} 件` : '', c.warning > 0 ? `警告 ${c.warning} 件` : '', c.offline > 0 ? `オフライン ${c.offline} 台` : ''].filter(
      (p) => p !== '',
    );
    if (parts.length > 0) return `Printdeck — ${parts.join('、')}`;
    return c.total === 0 ? 'Printdeck — デバイスなし' : `Printdeck — 問題なし（${c.total} 台）`;
  },
  deviceError: (name) => `${name}: エラー`,
  moreErrors: (count) => `ほかに ${count} 台のデバイスがエラーになりました`,
  startFailed: 'Printdeck を起動できませんでした',
};

/** Japanese for a Japanese OS locale ("ja", "ja-JP"), English otherwise. */
export function shellLabels(locale: string): ShellLabels {
  return /^ja\b/i.test(locale) ? japanese : english;
}
