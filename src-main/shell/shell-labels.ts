import type { FleetCounts } from './fleet-state';

/**
 * The few words the shell itself shows (tray, notifications, start-up failure, the one-time
 * password), in English and Japanese like the renderer. The main process has no i18next
 * instance of its own: a table this small does not need one.
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
  /** The dialog that shows the built-in administrator's one-time password once. */
  oneTimePasswordTitle: string;
  oneTimePasswordMessage(userName: string): string;
  oneTimePasswordDetail(password: string): string;
  copyPassword: string;
  ok: string;
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
  oneTimePasswordTitle: 'Printdeck — sign-in required',
  oneTimePasswordMessage: (userName) => `Sign in as "${userName}" with this one-time password:`,
  oneTimePasswordDetail: (password) =>
    `${password}\n\nIt is shown only this once: note it now. At the first sign-in Printdeck asks you to choose your own password.`,
  copyPassword: 'Copy password',
  ok: 'OK',
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
  oneTimePasswordTitle: 'Printdeck — サインインが必要です',
  oneTimePasswordMessage: (userName) => `「${userName}」として次のワンタイムパスワードでサインインしてください:`,
  oneTimePasswordDetail: (password) => `${password}\n\nこのパスワードが表示されるのは今回だけです。今すぐ控えてください。最初のサインインで自分のパスワードを設定します。`,
  copyPassword: 'パスワードをコピー',
  ok: 'OK',
};

/** Japanese for a Japanese OS locale ("ja", "ja-JP"), English otherwise. */
export function shellLabels(locale: string): ShellLabels {
  return /^ja\b/i.test(locale) ? japanese : english;
}
