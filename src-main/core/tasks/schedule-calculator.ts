import { RecurrenceRule } from 'node-schedule';
import type { TaskSchedule } from '../../../src-shared/contract/tasks.contract';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The first due time of a schedule strictly after `after` (epoch ms), or null when nothing
 * more is due. Times of day are in the console's local time zone (the process's TZ), so a
 * daily 08:00 task stays at 08:00 across daylight-saving changes. `anchor` is when the
 * schedule was saved: an interval without startAt first falls due one period after it.
 */
export function nextDueTime(schedule: TaskSchedule, after: number, anchor: number): number | null {
  switch (schedule.kind) {
    case 'now':
      return null;
    case 'once':
      return schedule.at > after ? schedule.at : null;
    case 'interval': {
      const period = schedule.every * (schedule.unit === 'hours' ? HOUR_MS : MINUTE_MS);
      const start = schedule.startAt ?? anchor + period;
      if (start > after) return start;
      return start + (Math.floor((after - start) / period) + 1) * period;
    }
    case 'daily':
      return ruleNext(schedule.time, null, after);
    case 'weekly':
      return ruleNext(schedule.time, schedule.days, after);
    case 'monthly':
      return monthlyNext(schedule.day, schedule.time, after);
    default:
      return assertNever(schedule);
  }
}

/** node-schedule's RecurrenceRule walks the local calendar for us (days of week, DST). */
function ruleNext(time: string, days: readonly number[] | null, after: number): number | null {
  const { hour, minute } = parseTime(time);
  const rule = new RecurrenceRule();
  rule.second = 0;
  rule.minute = minute;
  rule.hour = hour;
  if (days) rule.dayOfWeek = [...days];
  // Typed as Date, but null when the rule can never match.
  const next: Date | null = rule.nextInvocationDate(new Date(after));
  if (!next) return null;
  // The rule carries the base's milliseconds over; a due time is a whole second.
  return Math.floor(next.getTime() / 1000) * 1000;
}

/**
 * Hand-written because RecurrenceRule skips months without the chosen day, while a task on
 * "the 31st" should run on the last day of a shorter month.
 */
function monthlyNext(day: number, time: string, after: number): number {
  const { hour, minute } = parseTime(time);
  const base = new Date(after);
  // This month's date or, when it has passed, next month's: two steps at most.
  for (let offset = 0; offset < 2; offset++) {
    const year = base.getFullYear();
    const month = base.getMonth() + offset;
    const lastDay = new Date(year, month + 1, 0).getDate();
    const candidate = new Date(year, month, Math.min(day, lastDay), hour, minute, 0, 0).getTime();
    if (candidate > after) return candidate;
  }
  throw new Error(`no monthly due time after ${after}`);
}

function parseTime(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  if (hour === undefined || minute === undefined || !Number.isInteger(hour) || !Number.isInteger(minute)) {
    throw new RangeError(`time "${time}" is not HH:MM`);
  }
  return { hour, minute };
}

function assertNever(value: never): never {
  throw new Error(`unexpected schedule ${JSON.stringify(value)}`);
}
