import type { TFunction } from 'i18next';
import type { MonitoredHours, WatchedCondition } from '../../../src-shared/contract/monitoring.contract';
import { weekdayList } from '../forms/local-time';

/** "Paper jam", "Not reachable" … in the UI language. */
export function watchLabel(t: TFunction, condition: WatchedCondition): string {
  return condition === 'notReachable' ? t('monitoring.watch.notReachable') : t(`conditions.${condition}`);
}

/** "Always", "Mon, Tue and Wed, 08:00–18:00", "Every day, 22:00–06:00". */
export function hoursText(t: TFunction, hours: MonitoredHours, locale: string): string {
  const everyDay = new Set(hours.days).size === 7;
  const allDay = hours.from === hours.to;
  if (everyDay && allDay) return t('monitoring.conditions.always');
  const days = everyDay ? t('monitoring.conditions.everyDay') : weekdayList(hours.days, locale);
  return allDay ? t('monitoring.conditions.allDay', { days }) : t('monitoring.conditions.hours', { days, from: hours.from, to: hours.to });
}
