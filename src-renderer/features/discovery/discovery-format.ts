import type { DiscoveryCounts, DiscoveryProgress, DiscoveryRun } from '../../../src-shared/contract/discovery.contract';

/** Figures of a search as the progress panel and the history show them; pure, never throws. */

/** "0:05", "12:34", "1:02:03" from seconds (rounded up while counting down, so 0.2 s reads 0:01). */
export function formatDuration(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Elapsed time from milliseconds, rounded down ("0:00" for the first second). */
export function formatElapsed(ms: number): string {
  return formatDuration(Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0);
}

const rateFormats = new Map<string, Intl.NumberFormat>();

/** Packets per second: one decimal below 10 (a slow search still shows movement), whole above. */
export function formatRate(perSecond: number, locale: string): string {
  const value = Number.isFinite(perSecond) && perSecond > 0 ? perSecond : 0;
  const digits = value < 10 ? 1 : 0;
  const key = `${locale}|${digits}`;
  let format = rateFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
    rateFormats.set(key, format);
  }
  return format.format(value);
}

/** The progress bar of a search. */
export interface ProgressBarView {
  probed: number;
  total: number;
  /** 0–100, whole. */
  percent: number;
  /** Nothing to count yet (names still resolving, or only broadcast/SLP/mDNS): an animated bar. */
  indeterminate: boolean;
  running: boolean;
}

/** probed / total, clamped so that a late or odd event never shows more than 100 % or less than 0. */
export function progressBarView(progress: Pick<DiscoveryProgress, 'counts' | 'state'>): ProgressBarView {
  const running = progress.state === 'running';
  const total = Math.max(0, progress.counts.total);
  const probed = Math.min(Math.max(0, progress.counts.probed), total);
  if (total === 0) return { probed: 0, total: 0, percent: running ? 0 : 100, indeterminate: running, running };
  const percent = running ? Math.floor((probed / total) * 100) : 100;
  return { probed, total, percent, indeterminate: false, running };
}

/** How long a run took (or has taken so far, for a running one). */
export function runDurationMs(run: Pick<DiscoveryRun, 'startedAt' | 'finishedAt'>, now: number): number {
  return Math.max(0, (run.finishedAt ?? now) - run.startedAt);
}

/** The counts the panel and history show, in their order (answered and probed are shown apart). */
export const SHOWN_COUNTS = ['new', 'updated', 'unchanged', 'skipped', 'failed', 'lost'] as const satisfies readonly (keyof DiscoveryCounts)[];
