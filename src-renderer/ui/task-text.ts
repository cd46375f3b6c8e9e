import type { TFunction } from 'i18next';
import type { ExecutionState, TaskSchedule } from '../../src-shared/contract/tasks.contract';
import { formatDateTime } from './display-format';

/**
 * A task's schedule in words and an execution state's colour, for Tasks and for the plug-ins that
 * list their own scheduled tasks (they cannot import the Tasks feature). Pure, never throws.
 */

/** Badge colour of each execution state. */
export const EXECUTION_STATE_COLORS: Readonly<Record<ExecutionState, string>> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  'partly-failed': 'orange',
  failed: 'red',
  cancelled: 'gray',
};

const WEEKDAYS = [1, 2, 3, 4, 5];
/** 0 = Sunday … 6 = Saturday, as the contract numbers days; listed Monday first. */
const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

/** "Mon, Wed and Fri" in the UI language. */
function weekdayList(days: readonly number[], locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 4 January 1970 was a Sunday.
  const names = MONDAY_FIRST.filter((d) => days.includes(d)).map((d) => format.format(Date.UTC(1970, 0, 4 + d)));
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}

/** A task's schedule in words, in the UI language: "Every 15 minutes", "Mon, Wed and Fri at 08:00". */
export function describeSchedule(t: TFunction, schedule: TaskSchedule, locale: string): string {
  switch (schedule.kind) {
    case 'now':
      return t('schedule.words.now');
    case 'once':
      return t('schedule.words.once', { at: formatDateTime(schedule.at, locale) });
    case 'interval': {
      const rule = schedule.unit === 'minutes' ? t('schedule.words.everyMinutes', { count: schedule.every }) : t('schedule.words.everyHours', { count: schedule.every });
      return schedule.startAt === undefined ? rule : t('schedule.words.from', { rule, start: formatDateTime(schedule.startAt, locale) });
    }
    case 'daily':
      return t('schedule.words.daily', { time: schedule.time });
    case 'weekly': {
      const days = [...new Set(schedule.days)].sort();
      if (days.length === 7) return t('schedule.words.daily', { time: schedule.time });
      if (days.length === WEEKDAYS.length && WEEKDAYS.every((d) => days.includes(d))) return t('schedule.words.weekdays', { time: schedule.time });
      return t('schedule.words.weekly', { days: weekdayList(days, locale), time: schedule.time });
    }
    case 'monthly':
      return schedule.day > 28 ? t('schedule.words.monthlyLast', { day: schedule.day, time: schedule.time }) : t('schedule.words.monthly', { day: schedule.day, time: schedule.time });
  }
}
