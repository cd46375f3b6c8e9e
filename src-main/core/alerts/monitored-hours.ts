import type { MonitoredHours } from '../../../src-shared/contract/monitoring.contract';

/**
 * Whether `at` (epoch ms) lies in a condition's monitored hours, in the console's local time.
 * from = to is the whole day; to < from spans midnight and belongs to the day it started on
 * (Friday 22:00–06:00 covers Saturday 03:00).
 */
export function isWithinHours(hours: MonitoredHours, at: number): boolean {
  const date = new Date(at);
  const day = date.getDay();
  const minute = date.getHours() * 60 + date.getMinutes();
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  const onDay = (d: number): boolean => hours.days.includes(d);
  if (from === to) return onDay(day);
  if (from < to) return onDay(day) && minute >= from && minute < to;
  return (onDay(day) && minute >= from) || (onDay((day + 6) % 7) && minute < to);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
