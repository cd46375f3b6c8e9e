/**
 * History size at scale: a fleet polled every 60 s (history-fleet-model.ts: a busy office
 * fleet), history written by the store's own rules and kept by its own maintenance (pruning
 * at 395 days, thinning, incremental vacuum) on a simulated clock. Nothing is sent anywhere.
 * Prints, beside the targets of issue 13:
 *   - the file size after the first week and the growth per day in the second;
 *   - the steady-state size: every age band of the 395 days filled as thinning leaves it
 *     (one week of each band thinned by the store, then repeated over the band), then a week
 *     more of polling and daily maintenance on top (size per day, maintenance steps and the
 *     longest step, i.e. how long polling waits at most).
 * First it checks that writing rows straight from the model gives what the store's writer
 * gives (a few hundred devices through DevicesRepository.saveReadings). Asserts nothing.
 *
 *   npm run bench:history -- [--devices 10000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { bucketStart, HISTORY_TIERS, shouldRecordCounter, shouldRecordSupply, type RecordedCounter, type RecordedSupply } from '../src-main/core/store/history-rules';
import type { MaintenanceStep } from '../src-main/core/store/history-maintenance';
import type { RoundEntry } from '../src-main/core/store/reading-writer';
import { address, COUNTER_NAMES, DAY_MS, FleetModel, MINUTE_MS, SUPPLY_INDEXES, WEEK_MS, type PolledState } from './history-fleet-model';

const RETENTION_MS = 395 * DAY_MS;
const TARGET_STEADY_BYTES = 1024 ** 3;
const TARGET_GROWTH_PER_DAY = 20 * 1024 ** 2;
/** Monday 6 January 2025, 00:00 UTC: the simulation starts on a Monday. */
const T0 = Date.UTC(2025, 0, 6);
const CALIBRATION_DEVICES = 300;
/** The cross-check runs every day of 420 for this many devices (about a minute). */
const SAMPLE_DEVICES = 100;
const SAMPLE_DAYS = 420;
const TABLES = ['status_history', 'supply_history', 'counter_history'] as const;
const COLUMNS: Record<(typeof TABLES)[number], { insert: string; select: string }> = {
  status_history: { insert: 'device_id, at, state, message, conditions', select: 'device_id, at + @shift, state, message, conditions' },
  supply_history: { insert: 'device_id, idx, at, percent, level', select: 'device_id, idx, at + @shift, percent, level' },
  counter_history: { insert: 'device_id, name, at, value', select: 'device_id, name, at + @shift, value' },
};

const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const verdict = (ok: boolean): string => (ok ? 'meets the target' : 'MISSES the target');

function options(): { devices: number } {
  const { values } = parseArgs({ options: { devices: { type: 'string' } } });
  const devices = Number(values.devices ?? 10_000);
  if (!Number.isInteger(devices) || devices < 1 || devices > 100_000) throw new RangeError(`--devices must be 1 … 100000, not ${values.devices}`);
  return { devices };
}

/** Writes history rows exactly as ReadingWriter would for each changed poll (same rules, same columns). */
class HistoryRows {
  private readonly status: string[] = [];
  private readonly supplies: Array<Array<RecordedSupply | null>> = [];
  private readonly counters: Array<Array<RecordedCounter | null>> = [];
  private readonly insertStatus;
  private readonly insertSupply;
  private readonly insertCounter;
  written = 0;

  /** `ids[i]` is device i's id; the store recorded every device's state at `at` (its first reading). */
  constructor(db: Database, model: FleetModel, private readonly ids: readonly number[], at: number) {
    for (let i = 0; i < model.size; i++) {
      const s = model.state(i);
      this.status.push(statusKey(s));
      this.supplies.push(s.supplies.map((v) => ({ at, level: v, percent: v })));
      this.counters.push(s.counters.map((v) => ({ at, value: v })));
    }
    this.insertStatus = db.prepare<[number, number, string, string, string]>('INSERT INTO status_history (device_id, at, state, message, conditions) VALUES (?, ?, ?, ?, ?)');
    this.insertSupply = db.prepare<[number, string, number, number, number]>('INSERT INTO supply_history (device_id, idx, at, percent, level) VALUES (?, ?, ?, ?, ?)');
    this.insertCounter = db.prepare<[number, string, number, number]>('INSERT INTO counter_history (device_id, name, at, value) VALUES (?, ?, ?, ?)');
  }

  write(at: number, i: number, s: PolledState): void {
    const id = this.ids[i] ?? -1;
    const k = statusKey(s);
    if (k !== this.status[i]) {
      this.status[i] = k;
      this.insertStatus.run(id, at, s.state, s.message, s.conditions);
      this.written++;
    }
    const supplies = this.supplies[i] ?? [];
    s.supplies.forEach((v, n) => {
      if (!shouldRecordSupply(supplies[n] ?? null, v, v, at)) return;
      supplies[n] = { at, level: v, percent: v };
      this.insertSupply.run(id, SUPPLY_INDEXES[n] ?? '?', at, v, v);
      this.written++;
    });
    const counters = this.counters[i] ?? [];
    s.counters.forEach((v, n) => {
      if (!shouldRecordCounter(counters[n] ?? null, v, at)) return;
      counters[n] = { at, value: v };
      this.insertCounter.run(id, COUNTER_NAMES[n] ?? '?', at, v);
      this.written++;
    });
  }
}

function statusKey(s: PolledState): string {
  return `${s.state}|${s.message}|${s.conditions}`;
}

/** Stores every device's first reading at `at` through the store's writer; returns the device ids, in model order. */
function firstReadings(repo: DevicesRepository, model: FleetModel, at: number): number[] {
  const ids: number[] = [];
  for (let from = 0; from < model.size; from += 1000) {
    const entries: RoundEntry[] = [];
    for (let i = from; i < Math.min(model.size, from + 1000); i++) entries.push({ target: { address: address(i), port: 161 }, reading: model.reading(i, model.state(i)), at });
    ids.push(...repo.saveReadings(entries).map((r) => r.deviceId));
  }
  return ids;
}

/** Polls the model every minute of [from, to), writing the changed polls with `write` in one transaction per hour. */
function poll(db: Database, model: FleetModel, from: number, to: number, write: (at: number, i: number, s: PolledState) => void): void {
  const hour = db.transaction((start: number) => {
    for (let at = start; at < Math.min(start + 60 * MINUTE_MS, to); at += MINUTE_MS) model.minute(at, (i, s) => write(at, i, s));
  });
  for (let at = from; at < to; at += 60 * MINUTE_MS) hour(at);
}

interface MaintenanceRun {
  steps: number;
  ms: number;
  longestMs: number;
  /** The longest step of each kind of work. */
  longest: Partial<Record<MaintenanceStep['work'], number>>;
  /** Every step's duration, ms. */
  durations: number[];
  deleted: number;
  pagesFreed: number;
}

/** The daily maintenance as PollLoop runs it, to the end (bounded), timed step by step. */
function maintain(repo: DevicesRepository, now: number): MaintenanceRun {
  const run: MaintenanceRun = { steps: 0, ms: 0, longestMs: 0, longest: {}, durations: [], deleted: 0, pagesFreed: 0 };
  for (let i = 0; i < 1_000_000; i++) {
    const started = performance.now();
    const step = repo.maintainHistory(now, now - RETENTION_MS);
    const ms = performance.now() - started;
    run.ms += ms;
    run.longestMs = Math.max(run.longestMs, ms);
    run.longest[step.work] = Math.max(run.longest[step.work] ?? 0, ms);
    run.durations.push(ms);
    if (step.done) break;
    run.steps++;
    run.deleted += step.deleted;
    run.pagesFreed += step.pagesFreed;
  }
  return run;
}

/**
 * The whole of it for a sample of the fleet: `days` of polling from an empty database with
 * the maintenance run every day, as the console would. Returns the file's size when empty
 * (the schema) and at the end.
 */
function fullSimulation(dir: string, devices: number, days: number): { empty: number; end: number } {
  const file = join(dir, 'sample.db');
  const db = openDatabase(file);
  try {
    const empty = fileBytes(db, file);
    const repo = new DevicesRepository(db);
    const model = new FleetModel(devices, 13);
    const rows = new HistoryRows(db, model, firstReadings(repo, model, T0 - MINUTE_MS), T0 - MINUTE_MS);
    for (let day = 0; day < days; day++) {
      poll(db, model, T0 + day * DAY_MS, T0 + (day + 1) * DAY_MS, (at, i, s) => rows.write(at, i, s));
      maintain(repo, T0 + (day + 1) * DAY_MS);
    }
    return { empty, end: fileBytes(db, file) };
  } finally {
    db.close();
  }
}

/** The file's size once the WAL is folded in: what the disk holds. */
function fileBytes(db: Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

function historyRows(db: Database, from = Number.MIN_SAFE_INTEGER, to = Number.MAX_SAFE_INTEGER): Record<(typeof TABLES)[number], number> {
  const count = (table: string): number => db.prepare<[number, number], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE at >= ? AND at < ?`).get(from, to)?.n ?? 0;
  return { status_history: count('status_history'), supply_history: count('supply_history'), counter_history: count('counter_history') };
}

function describeRun(run: MaintenanceRun): string {
  const longest = Object.entries(run.longest)
    .filter(([work]) => work !== 'none')
    .map(([work, ms]) => `${work} ${ms.toFixed(0)}`)
    .join(', ');
  return `${run.steps} steps, ${(run.ms / 1000).toFixed(1)} s in all, longest step ${run.longestMs.toFixed(0)} ms (${longest}); ${run.deleted.toLocaleString('en-US')} rows thinned or pruned, ${mb(run.pagesFreed * 4096)} given back`;
}

/** The model through the store's writer and through HistoryRows, two weekdays, a few hundred devices: the same rows? */
function calibrate(dir: string): void {
  const counts = (['writer', 'rows'] as const).map((how) => {
    const db = openDatabase(join(dir, `calibration-${how}.db`));
    try {
      const repo = new DevicesRepository(db);
      const model = new FleetModel(CALIBRATION_DEVICES, 11);
      const ids = firstReadings(repo, model, T0 - MINUTE_MS);
      if (how === 'writer') {
        const batch: RoundEntry[] = [];
        poll(db, model, T0, T0 + 2 * DAY_MS, (at, i, s) => {
          batch.push({ target: { address: address(i), port: 161 }, reading: model.reading(i, s), at });
          // One save per changed poll, as the inventory does (unchanged polls only touch clocks).
          repo.saveReadings(batch.splice(0));
        });
      } else {
        const rows = new HistoryRows(db, model, ids, T0 - MINUTE_MS);
        poll(db, model, T0, T0 + 2 * DAY_MS, (at, i, s) => rows.write(at, i, s));
      }
      return historyRows(db, T0);
    } finally {
      db.close();
    }
  });
  const [writer, rows] = counts;
  const same = TABLES.every((t) => writer?.[t] === rows?.[t]);
  console.log(
    `calibration (${CALIBRATION_DEVICES} devices, 2 weekdays): store writer / bench rows: ` +
      TABLES.map((t) => `${t} ${writer?.[t]}/${rows?.[t]}`).join(', ') +
      (same ? ' — the same' : ' — DIFFERENT: the figures below do not describe the store'),
  );
}

async function main(): Promise<void> {
  const { devices } = options();
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-history-bench-'));
  try {
    console.log(`== history of ${devices.toLocaleString('en-US')} devices polled every 60 s (busy office fleet, simulated clock)`);
    calibrate(dir);

    // 1. Two weeks from an empty database: the first week, then growth per day.
    const file = join(dir, 'printdeck.db');
    const db = openDatabase(file);
    const repo = new DevicesRepository(db);
    const model = new FleetModel(devices);
    const ids = firstReadings(repo, model, T0 - MINUTE_MS);
    const rows = new HistoryRows(db, model, ids, T0 - MINUTE_MS);
    const sizes: number[] = [];
    let lastRun: MaintenanceRun | null = null;
    const started = performance.now();
    for (let day = 0; day < 14; day++) {
      const before = rows.written;
      poll(db, model, T0 + day * DAY_MS, T0 + (day + 1) * DAY_MS, (at, i, s) => rows.write(at, i, s));
      lastRun = maintain(repo, T0 + (day + 1) * DAY_MS);
      sizes.push(fileBytes(db, file));
      console.log(`day ${String(day + 1).padStart(2)}: ${(rows.written - before).toLocaleString('en-US').padStart(9)} history rows written, file ${mb(sizes[day] ?? 0)}`);
    }
    const firstWeek = sizes[6] ?? 0;
    const growth = ((sizes[13] ?? 0) - firstWeek) / 7;
    const worstDay = Math.max(...sizes.slice(7).map((size, d) => size - (sizes[d + 6] ?? 0)));
    console.log(`(two weeks simulated in ${((performance.now() - started) / 1000).toFixed(0)} s; day 14 maintenance: ${lastRun ? describeRun(lastRun) : '-'})`);

    // 2. Week 2 as the store leaves it at each resolution: as written, then once all of it is
    //    older than each tier's age (the tiers thin it in turn, as they would over time).
    db.exec(`ATTACH '${join(dir, 'templates.db')}' AS tpl`);
    const week2: [number, number] = [T0 + WEEK_MS, T0 + 2 * WEEK_MS];
    const keep = (resolution: number): void => {
      for (const t of TABLES) db.prepare(`CREATE TABLE tpl.r${resolution}_${t} AS SELECT * FROM main.${t} WHERE at >= ? AND at < ?`).run(...week2);
    };
    keep(0);
    HISTORY_TIERS.forEach((tier, n) => {
      maintain(repo, week2[1] + tier.olderThanMs);
      keep(n + 1);
    });
    db.close();

    // 3. The steady state: 395 days behind a clock, each band filled with its week, repeated.
    const steadyFile = join(dir, 'steady.db');
    const steady = openDatabase(steadyFile);
    const steadyRepo = new DevicesRepository(steady);
    const tEnd = T0 + 60 * WEEK_MS;
    const steadyIds = firstReadings(steadyRepo, new FleetModel(devices), tEnd - RETENTION_MS);
    for (const t of TABLES) steady.prepare(`DELETE FROM ${t}`).run();
    maintain(steadyRepo, tEnd); // nothing to thin yet: every tier starts at its cut-off
    steady.exec(`ATTACH '${join(dir, 'templates.db')}' AS tpl`);
    // Band n holds what tier n left (0: full resolution); it ends where tier n starts at tEnd.
    const starts = HISTORY_TIERS.map((tier) => bucketStart(tEnd - tier.olderThanMs, tier.bucketMs));
    const bands = [tEnd, ...starts].map((to, n) => ({ name: n === 0 ? 'full' : `${(HISTORY_TIERS[n - 1]?.bucketMs ?? 0) / 3_600_000}-h buckets`, n, from: starts[n] ?? tEnd - RETENTION_MS, to }));
    const fill = steady.transaction(() => {
      for (const { n, from, to } of [...bands].reverse()) {
        // Whole weeks (Monday to Monday), cut to the band.
        for (let weekStart = to - WEEK_MS; weekStart + WEEK_MS > from; weekStart -= WEEK_MS) {
          const shift = weekStart - week2[0];
          for (const t of TABLES) {
            steady
              .prepare(`INSERT INTO main.${t} (${COLUMNS[t].insert}) SELECT ${COLUMNS[t].select} FROM tpl.r${n}_${t} WHERE at + @shift >= @from AND at + @shift < @to ORDER BY at, id`)
              .run({ shift, from, to });
          }
        }
      }
    });
    fill();
    if (steadyIds.some((id, i) => id !== ids[i])) throw new Error('device ids differ between the two databases');
    maintain(steadyRepo, tEnd);
    const steadyBytes = fileBytes(steady, steadyFile);
    const perBand = bands.map(({ name, from, to }) => {
      const n = historyRows(steady, from, to);
      return `${name} (${Math.round((to - from) / DAY_MS)} days) ${(n.status_history + n.supply_history + n.counter_history).toLocaleString('en-US')}`;
    });
    console.log(`steady state at 395 days: file ${mb(steadyBytes)}; history rows by band: ${perBand.join(', ')}`);

    // 4. A week more at the steady state: poll, maintain once a day.
    const steadyModel = new FleetModel(devices);
    const steadyRows = new HistoryRows(steady, steadyModel, steadyIds, tEnd - MINUTE_MS);
    let steadyLast = steadyBytes;
    const stepMs: number[] = [];
    for (let day = 0; day < 7; day++) {
      poll(steady, steadyModel, tEnd + day * DAY_MS, tEnd + (day + 1) * DAY_MS, (at, i, s) => steadyRows.write(at, i, s));
      const run = maintain(steadyRepo, tEnd + (day + 1) * DAY_MS);
      stepMs.push(...run.durations);
      const size = fileBytes(steady, steadyFile);
      console.log(`steady day ${day + 1}: file ${mb(size)} (${size >= steadyLast ? '+' : '−'}${mb(Math.abs(size - steadyLast))}); maintenance ${describeRun(run)}`);
      steadyLast = size;
    }
    steady.close();

    // 5. Cross-check without the shortcut: a sample of the fleet through 420 days, day by day.
    //    Rows thinned in place leave pages partly empty, which repeating a thinned week does not.
    const sampleStarted = performance.now();
    const sample = fullSimulation(dir, SAMPLE_DEVICES, SAMPLE_DAYS);
    // The schema's own pages are there once, whatever the fleet; the rest grows with it.
    const sampleScaled = sample.empty + ((sample.end - sample.empty) / SAMPLE_DEVICES) * devices;
    console.log(
      `full simulation of ${SAMPLE_DEVICES} devices over ${SAMPLE_DAYS} days: file ${mb(sample.end)} (${mb(sample.empty)} empty), ` +
        `${mb(sampleScaled)} at ${devices.toLocaleString('en-US')} devices (${((performance.now() - sampleStarted) / 1000).toFixed(0)} s)`,
    );
    const steadyState = Math.max(steadyLast, sampleScaled);

    console.log('\n-- results');
    console.log(`after the first week:               ${mb(firstWeek)}`);
    console.log(`growth per day in the second week:  ${mb(growth)}   target ≤ ${mb(TARGET_GROWTH_PER_DAY)}: ${verdict(growth <= TARGET_GROWTH_PER_DAY)} (the largest day: ${mb(worstDay)})`);
    console.log(
      `steady-state size (395 days):       ${mb(steadyState)}   target ≤ ${mb(TARGET_STEADY_BYTES)}: ${verdict(steadyState <= TARGET_STEADY_BYTES)}` +
        ` (the larger of ${mb(steadyLast)} built at full scale and ${mb(sampleScaled)} from the sample)`,
    );
    const sorted = [...stepMs].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(0);
    console.log(`maintenance steps at steady state (${sorted.length}): median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, longest ${at(1)} ms — polls wait at most one step`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
