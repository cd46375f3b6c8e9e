import type { TFunction } from 'i18next';
import type { TaskSchedule } from '../../../src-shared/contract/tasks.contract';
import { formatDateTime } from '../../ui/display-format';
import { weekdayList } from '../forms/local-time';

const WEEKDAYS = [1, 2, 3, 4, 5];

/** A task's schedule in words, in the UI language: "Every 15 minutes", "Mon, Wed and Fri at 08:00". Pure, never throws. */
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
