/** "3 minutes ago" in the UI language; times are epoch ms. */

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

/** The largest whole unit of the difference ("2 hours ago", "now"); never throws for odd input. */
export function formatRelativeTime(then: number, now: number, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    formatters.set(locale, formatter);
  }
  const diff = then - now;
  const size = Math.abs(diff);
  for (const step of STEPS) {
    if (size >= step.ms) return formatter.format(Math.trunc(diff / step.ms), step.unit);
  }
  return formatter.format(0, 'second');
}

/** Date and time for tooltips and the detail pane. */
export function formatDateTime(at: number, locale: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}
