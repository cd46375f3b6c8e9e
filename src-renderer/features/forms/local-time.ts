/**
 * The browser's datetime-local and time fields speak "YYYY-MM-DDTHH:MM" and "HH:MM" in local
 * time; the contract speaks epoch ms. Pure, never throws.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2025-03-01T08:30" for a datetime-local field. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The moment a datetime-local field's value names, or null when it names none. */
export function fromLocalInput(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const d = new Date(year, month - 1, day, hour, minute, second);
  // new Date rolls 2025-02-31 over to March: such a date is no date.
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day || d.getHours() !== hour) return null;
  return d.getTime();
}

/** "HH:MM" as the contract wants it (a browser may add seconds). */
export function normaliseTime(text: string): string {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}` : text.trim();
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 0 = Sunday … 6 = Saturday, as the contract numbers days; shown Monday first. */
export const WEEK_DAYS_MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mon", "月" … for a contract day number, in the UI language. */
export function weekdayName(day: number, locale: string, width: 'short' | 'long' = 'short'): string {
  const key = `${locale}|${width}`;
  let format = weekdayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
    weekdayFormats.set(key, format);
  }
  // 4 January 1970 was a Sunday.
  return format.format(Date.UTC(1970, 0, 4 + day));
}

/** "Mon, Wed and Fri" (days Monday first) in the UI language. */
export function weekdayList(days: readonly number[], locale: string): string {
  const names = WEEK_DAYS_MONDAY_FIRST.filter((d) => days.includes(d)).map((d) => weekdayName(d, locale));
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
