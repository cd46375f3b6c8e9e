import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextDueTime } from '../../../src-main/core/tasks/schedule-calculator';
import { local } from './task-rig';

/** Due times of each schedule kind, in the console's local time zone. */

function series(schedule: Parameters<typeof nextDueTime>[0], from: number, count: number, anchor = from): string[] {
  const out: string[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    const next = nextDueTime(schedule, at, anchor);
    if (next === null) break;
    out.push(show(next));
    at = next;
  }
  return out;
}

function show(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${d.getMilliseconds()}`;
}

describe('next due time', () => {
  it("'now' is never scheduled", () => {
    expect(nextDueTime({ kind: 'now' }, local(2026, 1, 1), 0)).toBeNull();
  });

  it("'once' is due at its moment and never after it", () => {
    const at = local(2026, 1, 5, 14, 30);
    expect(nextDueTime({ kind: 'once', at }, at - 1, 0)).toBe(at);
    expect(nextDueTime({ kind: 'once', at }, at, 0)).toBeNull();
  });

  it('an interval counts from when the schedule was saved, or from its start', () => {
    const saved = local(2026, 1, 5, 10, 7) + 123;
    expect(series({ kind: 'interval', every: 15, unit: 'minutes' }, saved, 3)).toEqual(['2026-01-05 10:22:00.123', '2026-01-05 10:37:00.123', '2026-01-05 10:52:00.123']);
    const startAt = local(2026, 1, 5, 12, 0);
    expect(series({ kind: 'interval', every: 2, unit: 'hours', startAt }, saved, 2)).toEqual(['2026-01-05 12:00:00.0', '2026-01-05 14:00:00.0']);
    // After a long gap the next due time is the next period boundary, not every period missed.
    expect(show(nextDueTime({ kind: 'interval', every: 2, unit: 'hours', startAt }, local(2026, 1, 9, 13, 59), saved) as number)).toBe('2026-01-09 14:00:00.0');
  });

  it('daily is due at its time each day, strictly after the base', () => {
    expect(series({ kind: 'daily', time: '08:00' }, local(2026, 1, 5, 7, 59) + 500, 3)).toEqual(['2026-01-05 08:00:00.0', '2026-01-06 08:00:00.0', '2026-01-07 08:00:00.0']);
    expect(show(nextDueTime({ kind: 'daily', time: '08:00' }, local(2026, 1, 5, 8, 0), 0) as number)).toBe('2026-01-06 08:00:00.0');
  });

  it('weekly is due on the chosen days only', () => {
    // 2026-01-04 is a Sunday; Monday = 1, Wednesday = 3.
    expect(series({ kind: 'weekly', days: [3, 1], time: '09:30' }, local(2026, 1, 4, 12, 0), 4)).toEqual([
      '2026-01-05 09:30:00.0',
      '2026-01-07 09:30:00.0',
      '2026-01-12 09:30:00.0',
      '2026-01-14 09:30:00.0',
    ]);
  });

  it('monthly on the 31st runs on the last day of shorter months', () => {
    expect(series({ kind: 'monthly', day: 31, time: '23:15' }, local(2026, 1, 1), 5)).toEqual([
      '2026-01-31 23:15:00.0',
      '2026-02-28 23:15:00.0',
      '2026-03-31 23:15:00.0',
      '2026-04-30 23:15:00.0',
      '2026-05-31 23:15:00.0',
    ]);
    expect(show(nextDueTime({ kind: 'monthly', day: 29, time: '06:00' }, local(2028, 2, 1), 0) as number)).toBe('2028-02-29 06:00:00.0');
    expect(show(nextDueTime({ kind: 'monthly', day: 15, time: '06:00' }, local(2026, 12, 15, 6, 0), 0) as number)).toBe('2027-01-15 06:00:00.0');
  });
});

describe('next due time across a daylight-saving change (Europe/Berlin)', () => {
  const before = process.env.TZ;
  // Test files run in their own processes (pool: forks), so the zone change stays in this file.
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    process.env.TZ = before;
  });

  it('daily 08:00 stays at 08:00 local time when the clocks go forward', () => {
    const due = [local(2026, 3, 27, 12, 0)];
    for (let i = 0; i < 3; i++) due.push(nextDueTime({ kind: 'daily', time: '08:00' }, due.at(-1) as number, 0) as number);
    expect(due.slice(1).map(show)).toEqual(['2026-03-28 08:00:00.0', '2026-03-29 08:00:00.0', '2026-03-30 08:00:00.0']);
    // The night of 28–29 March has 23 hours.
    expect(((due[2] as number) - (due[1] as number)) / 3_600_000).toBe(23);
  });
});
