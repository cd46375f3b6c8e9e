import { taskScheduleSchema, type TaskSchedule } from '../../src-shared/contract/tasks.contract';
import { toLocalInput } from '../features/forms/local-time';

/**
 * When a saved delivery or synchronisation runs: once at a moment, daily, weekly on days or
 * monthly on a day, at a time (the console's local time). A task saved with another schedule
 * (every N minutes, on demand) keeps it while the user picks no other ('kept').
 */
export const SCHEDULE_KINDS = ['once', 'daily', 'weekly', 'monthly'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ScheduleDraft {
  kind: ScheduleKind | 'kept';
  /** The saved schedule these fields cannot show (interval, now); null for a new task. */
  kept: TaskSchedule | null;
  /** datetime-local text ("2025-01-31T02:00"). */
  at: string;
  /** "HH:MM". */
  time: string;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  day: number;
}

export type ScheduleProblem = 'time' | 'date' | 'inPast' | 'noDays';

/** Tonight at 02:00 (tomorrow's date for "once"), every weekday for "weekly", the 1st for "monthly". */
export function defaultScheduleDraft(now: Date): ScheduleDraft {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 2, 0);
  return {
    kind: 'daily',
    kept: null,
    at: toLocalInput(tomorrow.getTime()),
    time: '02:00',
    days: [1, 2, 3, 4, 5],
    day: 1,
  };
}

/** The fields filled from a saved task's schedule (the rest as for a new one). */
export function scheduleDraftOf(schedule: TaskSchedule, now: Date): ScheduleDraft {
  const draft = defaultScheduleDraft(now);
  switch (schedule.kind) {
    case 'once':
      return { ...draft, kind: 'once', at: toLocalInput(schedule.at) };
    case 'daily':
      return { ...draft, kind: 'daily', time: schedule.time };
    case 'weekly':
      return { ...draft, kind: 'weekly', days: [...schedule.days], time: schedule.time };
    case 'monthly':
      return { ...draft, kind: 'monthly', day: schedule.day, time: schedule.time };
    case 'now':
    case 'interval':
      return { ...draft, kind: 'kept', kept: schedule };
  }
}

/** The schedule the draft describes, checked by the contract's schema, or what is wrong with it. */
export function scheduleOf(draft: ScheduleDraft, now: number): { ok: true; schedule: TaskSchedule } | { ok: false; problem: ScheduleProblem } {
  let schedule: TaskSchedule;
  switch (draft.kind) {
    case 'kept':
      if (draft.kept === null) return { ok: false, problem: 'time' };
      schedule = draft.kept;
      break;
    case 'once': {
      const at = new Date(draft.at).getTime();
      if (draft.at === '' || Number.isNaN(at)) return { ok: false, problem: 'date' };
      if (at <= now) return { ok: false, problem: 'inPast' };
      schedule = { kind: 'once', at };
      break;
    }
    case 'daily':
      schedule = { kind: 'daily', time: draft.time };
      break;
    case 'weekly':
      if (draft.days.length === 0) return { ok: false, problem: 'noDays' };
      schedule = { kind: 'weekly', days: [...draft.days].sort((a, b) => a - b), time: draft.time };
      break;
    case 'monthly':
      schedule = { kind: 'monthly', day: draft.day, time: draft.time };
      break;
  }
  const parsed = taskScheduleSchema.safeParse(schedule);
  return parsed.success ? { ok: true, schedule: parsed.data } : { ok: false, problem: 'time' };
}

/** "Mon", "月" … for 0 = Sunday … 6 = Saturday, in the UI language. */
export function weekdayShort(day: number, locale: string): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(new Date(2024, 0, 7 + day));
}
