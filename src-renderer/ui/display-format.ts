import { regionalLocale } from '../i18n/language';
/** Times ("3 minutes ago", dates) and numbers in the UI language; times are epoch ms. */

const STEPS: readonly { unit: Intl.RelativeTimeFormatUnit; ms: number }[] = [
  { unit: 'year', ms: 365 * 24 * 3600_000 },
  { unit: 'month', ms: 30 * 24 * 3600_000 },
  { unit: 'week', ms: 7 * 24 * 3600_000 },
  { unit: 'day', ms: 24 * 3600_000 },
  { unit: 'hour', ms: 3600_000 },
  { unit: 'minute', ms: 60_000 },
  { unit: 'second', ms: 1000 },
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * The largest whole unit of the difference ("2 hours ago", "now"); never throws for odd input.
 * A time after `now` (the list's clock ticks every 30 s; a server clock may run ahead) reads "now".
 */
export function formatRelativeTime(then: number, now: number, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    formatters.set(locale, formatter);
  }
  const diff = Math.min(0, then - now);
  const size = Math.abs(diff);
  for (const step of STEPS) {
    if (size >= step.ms) return formatter.format(Math.trunc(diff / step.ms), step.unit);
  }
  return formatter.format(0, 'second');
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Date and time for tooltips and the detail pane (formatter cached: the list calls this per row). */
export function formatDateTime(at: number, locale: string): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    // The person's regional locale in the UI language: 24-hour times in Japanese and wherever the region uses them.
    format = new Intl.DateTimeFormat(regionalLocale(locale, preferredLocales()), { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(at);
}

/** 1,234,567 in the UI language (formatter cached). */
export function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** The browser's preferred locales (none where there is no browser: unit tests under Node). */
function preferredLocales(): readonly string[] {
  return (globalThis as { navigator?: { languages?: readonly string[] } }).navigator?.languages ?? [];
}
