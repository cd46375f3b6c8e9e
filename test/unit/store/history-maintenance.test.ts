import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { HistoryMaintenance, type MaintenanceStep } from '../../../src-main/core/store/history-maintenance';
import { DAY_MS, HOUR_MS } from '../../../src-main/core/store/history-rules';
import { aReading } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const MINUTE = 60_000;
/** Monday 8 January 2024, 00:00 UTC: the start of an hour, a day and a (Monday) week bucket. */
const T = Date.UTC(2024, 0, 8);
const at = (minutes: number): number => T + minutes * MINUTE;
/** Far enough back that nothing is pruned. */
const KEEP_ALL = 0;

let db: Database;
let repo: DevicesRepository;
beforeEach(() => {
  ({ db, repo } = aMemoryStore(T));
});
afterEach(() => db.close());

function aDevice(n: number): number {
  const reading = aReading({ target: `10.0.0.${n}`, identity: { serial: `SER${n}`, mac: null }, supplies: [], counters: [] });
  const id = repo.saveReadings([anEntry(reading, T - DAY_MS)])[0]?.deviceId ?? -1;
  // Only the rows each test writes below: the first reading's own history goes.
  db.prepare('DELETE FROM status_history WHERE device_id = ?').run(id);
  return id;
}

const insertCounter = (id: number, minute: number, value: number, name = 'total') =>
  db.prepare('INSERT INTO counter_history (device_id, name, at, value) VALUES (?, ?, ?, ?)').run(id, name, at(minute), value);
const insertSupply = (id: number, minute: number, percent: number | null, idx = '1.1') =>
  db.prepare('INSERT INTO supply_history (device_id, idx, at, percent, level) VALUES (?, ?, ?, ?, ?)').run(id, idx, at(minute), percent, percent);
const insertStatus = (id: number, minute: number, state: string, message: string, conditions: string[] = []) =>
  db.prepare('INSERT INTO status_history (device_id, at, state, message, conditions) VALUES (?, ?, ?, ?, ?)').run(id, at(minute), state, message, JSON.stringify(conditions));

/** Runs steps until done (at most `limit`); returns them. */
function maintainUntilDone(maintain: (now: number, pruneBefore: number) => MaintenanceStep, now: number, pruneBefore = KEEP_ALL, limit = 10_000): MaintenanceStep[] {
  const steps: MaintenanceStep[] = [];
  for (let i = 0; i < limit; i++) {
    const step = maintain(now, pruneBefore);
    if (step.done) return steps;
    steps.push(step);
  }
  throw new Error(`maintenance not done after ${limit} steps`);
}

const minutes = (rows: Array<{ at: number }>) => rows.map((r) => (r.at - T) / MINUTE);

describe('history thinning', () => {
  it('thins history older than a week to hours: counters keep the last value (and one a reset fell from), supplies the lowest and the last', () => {
    const id = aDevice(1);
    // Hour 0: rising, reset at 0:30, rising again; hour 1: one value.
    for (const [minute, value] of [[5, 100], [20, 150], [30, 10], [50, 40], [70, 60]] as const) insertCounter(id, minute, value);
    for (const [minute, percent] of [[5, 80], [10, 70], [20, 75], [50, 72], [65, 71]] as const) insertSupply(id, minute, percent);
    // A week later, within full resolution: untouched.
    for (const minute of [7 * 1440 + 61, 7 * 1440 + 62]) insertCounter(id, minute, 200 + minute);

    maintainUntilDone((now, before) => repo.maintainHistory(now, before), T + 8 * DAY_MS);

    const kept = repo.history(id, { since: 0 });
    expect(kept.counters.map((c) => [(c.at - T) / MINUTE, c.value])).toEqual([
      [20, 150],
      [50, 40],
      [70, 60],
      [7 * 1440 + 61, 200 + 7 * 1440 + 61],
      [7 * 1440 + 62, 200 + 7 * 1440 + 62],
    ]);
    expect(kept.supplies.map((s) => [(s.at - T) / MINUTE, s.percent])).toEqual([
      [10, 70],
      [50, 72],
      [65, 71],
    ]);
  });

  it('keeps the transitions of the status: a change of message alone goes, each state once an hour and the one the hour ended in', () => {
    const id = aDevice(1);
    insertStatus(id, 1, 'ok', 'Ready');
    insertStatus(id, 2, 'ok', 'Printing');
    insertStatus(id, 3, 'ok', 'Ready');
    insertStatus(id, 10, 'error', 'Paper jam', ['jammed']);
    insertStatus(id, 12, 'ok', 'Ready');
    insertStatus(id, 15, 'error', 'Paper jam', ['jammed']);
    insertStatus(id, 16, 'error', 'Paper jam in tray 2', ['jammed']);
    insertStatus(id, 20, 'ok', 'Ready');
    insertStatus(id, 40, 'ok', 'Printing');
    // The next hour starts as the last one ended: a message change is no transition across the boundary either.
    insertStatus(id, 61, 'ok', 'Ready');
    insertStatus(id, 62, 'warning', 'Toner low', ['lowToner']);

    maintainUntilDone((now, before) => repo.maintainHistory(now, before), T + 8 * DAY_MS);

    expect(repo.history(id, { since: 0 }).status.map((s) => [(s.at - T) / MINUTE, s.state, s.message])).toEqual([
      [1, 'ok', 'Ready'],
      [10, 'error', 'Paper jam'],
      [20, 'ok', 'Ready'],
      [62, 'warning', 'Toner low'],
    ]);
  });

  it('thins further to days after a month and to weeks after three months, keeping what a trend needs', () => {
    const id = aDevice(1);
    // Two days, every hour: the counter rises, the toner falls, is replaced on day 2 at 12:00.
    for (let h = 0; h < 48; h++) {
      insertCounter(id, h * 60 + 30, 1000 + h * 10);
      insertSupply(id, h * 60 + 30, h < 36 ? 50 - h : 100 - (h - 36));
    }

    maintainUntilDone((now, before) => repo.maintainHistory(now, before), T + 40 * DAY_MS);
    const daily = repo.history(id, { since: 0 });
    expect(daily.counters.map((c) => [(c.at - T) / MINUTE, c.value])).toEqual([
      [23 * 60 + 30, 1230],
      [47 * 60 + 30, 1470],
    ]);
    // Day 1: falling, lowest is last. Day 2: lowest (before the replacement) and last.
    expect(daily.supplies.map((s) => [(s.at - T) / MINUTE, s.percent])).toEqual([
      [23 * 60 + 30, 27],
      [35 * 60 + 30, 15],
      [47 * 60 + 30, 89],
    ]);

    maintainUntilDone((now, before) => repo.maintainHistory(now, before), T + 100 * DAY_MS);
    const weekly = repo.history(id, { since: 0 });
    expect(weekly.counters.map((c) => c.value)).toEqual([1470]);
    expect(weekly.supplies.map((s) => s.percent)).toEqual([15, 89]);
  });

  it('works in batches of at most devicesPerStep devices, and a restart goes on where it stopped without thinning twice', () => {
    const limits = { devicesPerStep: 2 };
    const first = new DevicesRepository(db, { maintenance: limits });
    const ids = [1, 2, 3, 4, 5].map(aDevice);
    for (const id of ids) {
      // Resets in one hour: thinning that ran twice over the same hour would lose the first reset's value.
      for (const [minute, value] of [[5, 100], [10, 5], [20, 50], [30, 2], [40, 60]] as const) insertCounter(id, minute, value);
    }
    const now = T + 8 * DAY_MS;
    // Devices still holding the value at 0:10 (which thinning drops) are not thinned yet.
    const untouched = () => db.prepare<[number], { device_id: number }>('SELECT device_id FROM counter_history WHERE at = ?').all(at(10)).map((r) => r.device_id);
    let step = first.maintainHistory(now, KEEP_ALL);
    for (let i = 0; i < 20 && step.work !== 'thin'; i++) step = first.maintainHistory(now, KEEP_ALL);
    expect(step).toMatchObject({ work: 'thin', done: false });
    expect(untouched()).toEqual(ids.slice(2));

    // A new process: its maintenance continues with the third device.
    const second = new DevicesRepository(db, { maintenance: limits });
    const rest = maintainUntilDone((n, b) => second.maintainHistory(n, b), now);
    expect(rest.filter((s) => s.work === 'thin').length).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      expect(second.history(id, { since: 0 }).counters.map((c) => [(c.at - T) / MINUTE, c.value]), `device ${id}`).toEqual([
        [5, 100],
        [20, 50],
        [40, 60],
      ]);
    }
    // Done means done: the same time again finds nothing to do.
    expect(second.maintainHistory(now, KEEP_ALL)).toMatchObject({ done: true, work: 'none' });
  });

  it('does nothing on a new database and then thins each hour once it is a week old', () => {
    const id = aDevice(1);
    expect(maintainUntilDone((n, b) => repo.maintainHistory(n, b), T).filter((s) => s.work === 'thin')).toEqual([]);
    insertCounter(id, 10, 1);
    insertCounter(id, 20, 2);
    maintainUntilDone((n, b) => repo.maintainHistory(n, b), T + 7 * DAY_MS);
    expect(repo.history(id, { since: 0 }).counters).toHaveLength(2);
    maintainUntilDone((n, b) => repo.maintainHistory(n, b), T + 7 * DAY_MS + HOUR_MS);
    expect(repo.history(id, { since: 0 }).counters.map((c) => c.value)).toEqual([2]);
  });

  it('refuses limits that are not positive whole numbers and a span that is not whole buckets', () => {
    expect(() => new HistoryMaintenance(db, { devicesPerStep: 0 })).toThrow(RangeError);
    expect(() => new HistoryMaintenance(db, { tiers: [{ olderThanMs: DAY_MS, bucketMs: HOUR_MS, spanMs: HOUR_MS * 1.5 }] })).toThrow(RangeError);
  });
});

describe('history pruning and space', () => {
  it('prunes rows older than the cut-off, taken at whole days, and keeps current values', () => {
    const id = aDevice(1);
    insertCounter(id, 0, 1);
    insertCounter(id, 1440 + 10, 2);
    insertCounter(id, 2 * 1440 + 10, 3);
    const steps = maintainUntilDone((n, b) => repo.maintainHistory(n, b), T + 3 * DAY_MS, T + 2 * DAY_MS - MINUTE);
    expect(steps.filter((s) => s.work === 'prune').reduce((n, s) => n + s.deleted, 0)).toBe(1);
    expect(minutes(repo.history(id, { since: 0 }).counters)).toEqual([1440 + 10, 2 * 1440 + 10]);
    expect(repo.getDevice(id)).not.toBeNull();
  });

  it('gives the freed pages back in steps of at most vacuumPagesPerStep', () => {
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const maintenance = new DevicesRepository(db, { maintenance: { vacuumPagesPerStep: 16 } });
    const ids = Array.from({ length: 20 }, (_, i) => aDevice(i + 1));
    const insert = db.prepare('INSERT INTO status_history (device_id, at, state, message, conditions) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const id of ids) for (let m = 0; m < 500; m++) insert.run(id, at(m), 'ok', `Message number ${m} of a long status text`, '[]');
    })();
    const pages = (): number => Number(db.pragma('page_count', { simple: true }));
    const full = pages();

    const steps = maintainUntilDone((n, b) => maintenance.maintainHistory(n, b), T + 500 * DAY_MS, T + 400 * DAY_MS);
    const vacuums = steps.filter((s) => s.work === 'vacuum');
    expect(steps.filter((s) => s.work === 'prune').reduce((n, s) => n + s.deleted, 0)).toBe(20 * 500);
    expect(vacuums.length).toBeGreaterThan(1);
    expect(vacuums.every((s) => s.pagesFreed > 0 && s.pagesFreed <= 16)).toBe(true);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(pages()).toBe(full - vacuums.reduce((n, s) => n + s.pagesFreed, 0));
  });
});
