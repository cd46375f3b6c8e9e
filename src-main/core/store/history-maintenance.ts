import type { Database } from './database';
import { bucketStart, DAY_MS, HISTORY_TIERS, type HistoryTier } from './history-rules';

/** What one maintenance step did. */
export interface MaintenanceStep {
  /** True when nothing is left to do for now: pruned, every tier thinned up to its cut-off, free pages given back. */
  done: boolean;
  work: 'prune' | 'thin' | 'vacuum' | 'none';
  /** History rows deleted by this step. */
  deleted: number;
  /** Database pages given back to the file system by this step. */
  pagesFreed: number;
}

export interface MaintenanceLimits {
  /** Thinning rules, finest first; HISTORY_TIERS by default. */
  tiers?: readonly HistoryTier[];
  /** Devices whose history one step prunes or thins (50 by default): what bounds a step. */
  devicesPerStep?: number;
  /** Pages one step gives back (512 by default: 2 MB of 4-kB pages). */
  vacuumPagesPerStep?: number;
}

interface ThinningRow {
  bucket_ms: number;
  thinned_before: number;
  pass_until: number | null;
  next_device: number;
}

interface Range {
  lo: number;
  hi: number;
  from: number;
  to: number;
  bucket: number;
}

/**
 * Keeps history from growing without end, in small steps the caller runs one at a time
 * (this class keeps no timers): pruning (rows older than the caller's cut-off, a day at a
 * time), thinning by HISTORY_TIERS (see history-rules.ts), then giving freed pages back to the
 * file system when the database uses incremental auto-vacuum. A step touches at most
 * `devicesPerStep` devices' history over at most one tier span, in one transaction, so polls
 * get the database between steps. Thinning progress is stored (history_thinning): a restart
 * continues where it stopped and never thins a bucket twice.
 */
export class HistoryMaintenance {
  private readonly tiers: readonly HistoryTier[];
  private readonly devicesPerStep: number;
  private readonly vacuumPages: number;
  private readonly incremental: boolean;
  private prunedBefore = Number.NEGATIVE_INFINITY;
  private prunePass: { before: number; nextDevice: number } | null = null;
  private readonly deviceBatch;
  private readonly pruneRows;
  private readonly thinRows;
  private readonly nextRowAt;
  private readonly readProgress;
  private readonly writeProgress;
  private readonly freelist;
  private readonly pruneBatch;
  private readonly thinBatch;

  /** Throws RangeError for limits that are not positive whole numbers or tiers whose span is not a multiple of their bucket. */
  constructor(
    private readonly db: Database,
    limits: MaintenanceLimits = {},
  ) {
    this.tiers = limits.tiers ?? HISTORY_TIERS;
    this.devicesPerStep = positive('devicesPerStep', limits.devicesPerStep ?? 50);
    this.vacuumPages = positive('vacuumPagesPerStep', limits.vacuumPagesPerStep ?? 512);
    for (const t of this.tiers) {
      if (positive('bucketMs', t.bucketMs) > positive('spanMs', t.spanMs) || t.spanMs % t.bucketMs !== 0) {
        throw new RangeError(`a tier's span (${t.spanMs} ms) must be a whole number of its buckets (${t.bucketMs} ms)`);
      }
    }
    this.incremental = db.pragma('auto_vacuum', { simple: true }) === 2;
    this.deviceBatch = db.prepare<[number, number], { id: number }>('SELECT id FROM devices WHERE id >= ? ORDER BY id LIMIT ?');
    const inDevices = 'device_id >= @lo AND device_id < @hi';
    this.pruneRows = ['status_history', 'supply_history', 'counter_history'].map((table) =>
      db.prepare<[{ lo: number; hi: number; before: number }]>(`DELETE FROM ${table} WHERE ${inDevices} AND at < @before`),
    );
    const inRange = `${inDevices} AND at >= @from AND at < @to`;
    // Buckets are counted from `from`, which is bucket-aligned, so every row in range has a bucket ≥ 0.
    // (Parameters arrive as REAL: the cast makes the division whole.)
    const bucket = 'CAST((at - @from) / @bucket AS INTEGER)';
    this.thinRows = [
      // Counters: the last value of each bucket, and any value the counter then fell back from (a reset).
      db.prepare<[Range]>(
        `DELETE FROM counter_history WHERE id IN (
           SELECT id FROM (
             SELECT id, value, lead(value) OVER (PARTITION BY device_id, name, ${bucket} ORDER BY at, id) AS next_value
             FROM counter_history WHERE ${inRange}
           ) WHERE next_value IS NOT NULL AND value <= next_value)`,
      ),
      // Supplies: the lowest level of each bucket and the last one (one row when the last is the lowest).
      db.prepare<[Range]>(
        `DELETE FROM supply_history WHERE id IN (
           SELECT id FROM (
             SELECT id,
               row_number() OVER (PARTITION BY device_id, idx, ${bucket} ORDER BY at DESC, id DESC) AS from_end,
               row_number() OVER (PARTITION BY device_id, idx, ${bucket}
                 ORDER BY percent IS NULL, percent, level IS NULL, level, at DESC, id DESC) AS lowest
             FROM supply_history WHERE ${inRange}
           ) WHERE from_end > 1 AND lowest > 1)`,
      ),
      // Status: transitions only (state or conditions differ from the row before, which may lie
      // before the range); of those, each state's first in the bucket and the bucket's last.
      db.prepare<[Range]>(
        `DELETE FROM status_history WHERE id IN (
           WITH scope AS (
             SELECT id, device_id, at, state, conditions, 1 AS inside FROM status_history WHERE ${inRange}
             UNION ALL
             SELECT p.id, p.device_id, p.at, p.state, p.conditions, 0 FROM devices d
               JOIN status_history p ON p.id = (SELECT q.id FROM status_history q WHERE q.device_id = d.id AND q.at < @from
                                                ORDER BY q.at DESC, q.id DESC LIMIT 1)
              WHERE d.id >= @lo AND d.id < @hi
           ), marked AS (
             SELECT id, device_id, at, inside, state, conditions,
               CASE WHEN inside THEN ${bucket} ELSE -1 END AS bucket,
               coalesce(lag(state) OVER w = state AND lag(conditions) OVER w = conditions, 0) AS repeated
             FROM scope WINDOW w AS (PARTITION BY device_id ORDER BY at, id)
           ), transitions AS (
             SELECT id, inside,
               row_number() OVER (PARTITION BY device_id, bucket, state, conditions ORDER BY at, id) AS nth,
               row_number() OVER (PARTITION BY device_id, bucket ORDER BY at DESC, id DESC) AS from_end
             FROM marked WHERE NOT repeated
           )
           SELECT id FROM marked WHERE inside AND repeated
           UNION ALL
           SELECT id FROM transitions WHERE inside AND nth > 1 AND from_end > 1)`,
      ),
    ];
    // The oldest history row at or after a time, found through each device's (device_id, at) index.
    this.nextRowAt = db.prepare<[{ from: number }], { at: number | null }>(
      `SELECT min(m) AS at FROM (
         SELECT (SELECT min(at) FROM status_history WHERE device_id = d.id AND at >= @from) AS m FROM devices d
         UNION ALL SELECT (SELECT min(at) FROM supply_history WHERE device_id = d.id AND at >= @from) FROM devices d
         UNION ALL SELECT (SELECT min(at) FROM counter_history WHERE device_id = d.id AND at >= @from) FROM devices d)`,
    );
    this.readProgress = db.prepare<[number], ThinningRow>('SELECT * FROM history_thinning WHERE bucket_ms = ?');
    this.writeProgress = db.prepare<[ThinningRow]>(
      `INSERT INTO history_thinning (bucket_ms, thinned_before, pass_until, next_device)
       VALUES (@bucket_ms, @thinned_before, @pass_until, @next_device)
       ON CONFLICT (bucket_ms) DO UPDATE SET thinned_before = excluded.thinned_before,
         pass_until = excluded.pass_until, next_device = excluded.next_device`,
    );
    this.freelist = (): number => Number(db.pragma('freelist_count', { simple: true }));
    this.pruneBatch = db.transaction((lo: number, hi: number, before: number) =>
      this.pruneRows.reduce((n, statement) => n + statement.run({ lo, hi, before }).changes, 0),
    );
    this.thinBatch = db.transaction((range: Range, from: ThinningRow, to: ThinningRow): number => {
      // Another process may share the file: thin only if nobody moved the pass meanwhile (a bucket thinned twice loses values).
      const current = this.readProgress.get(from.bucket_ms);
      if (current?.thinned_before !== from.thinned_before || current.pass_until !== from.pass_until || current.next_device !== from.next_device) return 0;
      const deleted = this.thinRows.reduce((n, statement) => n + statement.run(range).changes, 0);
      this.writeProgress.run(to);
      return deleted;
    });
  }

  /**
   * Does the next piece of maintenance: a batch of pruning (rows before `pruneBefore`, taken
   * at whole UTC days), else a batch of thinning of the first tier with work due at `now`,
   * else a bounded incremental vacuum. Throws only on database failure (the batch is then
   * rolled back; the next step does it again).
   */
  step(now: number, pruneBefore: number): MaintenanceStep {
    return this.prune(bucketStart(pruneBefore, DAY_MS)) ?? this.thin(now) ?? this.vacuum() ?? { done: true, work: 'none', deleted: 0, pagesFreed: 0 };
  }

  private prune(before: number): MaintenanceStep | null {
    if (this.prunePass === null) {
      if (before <= this.prunedBefore) return null;
      this.prunePass = { before, nextDevice: 0 };
    }
    const pass = this.prunePass;
    const ids = this.deviceBatch.all(pass.nextDevice, this.devicesPerStep);
    const last = ids.at(-1)?.id;
    if (last === undefined) {
      this.prunedBefore = pass.before;
      this.prunePass = null;
      return { done: false, work: 'prune', deleted: 0, pagesFreed: 0 };
    }
    const deleted = this.pruneBatch(pass.nextDevice, last + 1, pass.before);
    pass.nextDevice = last + 1;
    return { done: false, work: 'prune', deleted, pagesFreed: 0 };
  }

  private thin(now: number): MaintenanceStep | null {
    for (const tier of this.tiers) {
      const due = bucketStart(now - tier.olderThanMs, tier.bucketMs);
      const progress = this.passOf(tier, due);
      if (progress === null) continue;
      const to = progress.pass_until ?? due;
      const ids = this.deviceBatch.all(progress.next_device, this.devicesPerStep);
      const last = ids.at(-1)?.id;
      if (last === undefined) {
        this.writeProgress.run({ bucket_ms: tier.bucketMs, thinned_before: to, pass_until: null, next_device: 0 });
        return { done: false, work: 'thin', deleted: 0, pagesFreed: 0 };
      }
      const range: Range = { lo: progress.next_device, hi: last + 1, from: progress.thinned_before, to, bucket: tier.bucketMs };
      // IMMEDIATE: the write lock first, so the progress read above it is still true when written.
      const deleted = this.thinBatch.immediate(range, progress, { ...progress, next_device: last + 1 });
      return { done: false, work: 'thin', deleted, pagesFreed: 0 };
    }
    return null;
  }

  /** The tier's pass in progress, or a new one when rows before `due` are not thinned yet; null when the tier is up to date. */
  private passOf(tier: HistoryTier, due: number): ThinningRow | null {
    const stored = this.readProgress.get(tier.bucketMs);
    if (stored?.pass_until != null) return stored;
    const thinnedBefore = stored?.thinned_before ?? Number.NEGATIVE_INFINITY;
    if (thinnedBefore >= due) return null;
    let from = thinnedBefore;
    if (due - thinnedBefore > tier.spanMs) {
      // More than one pass behind (a new database, an upgrade, a gap, what pruning removed):
      // skip time without history in one look (an index probe per device and table).
      const next = this.nextRowAt.get({ from: Math.max(thinnedBefore, Number.MIN_SAFE_INTEGER) })?.at ?? null;
      // thinned_before is always a bucket start, so the bucket of a row at or after it starts no earlier.
      from = next === null ? due : bucketStart(next, tier.bucketMs);
    }
    if (from >= due) {
      this.writeProgress.run({ bucket_ms: tier.bucketMs, thinned_before: due, pass_until: null, next_device: 0 });
      return null;
    }
    const pass: ThinningRow = { bucket_ms: tier.bucketMs, thinned_before: from, pass_until: Math.min(from + tier.spanMs, due), next_device: 0 };
    this.writeProgress.run(pass);
    return pass;
  }

  private vacuum(): MaintenanceStep | null {
    if (!this.incremental) return null;
    const free = this.freelist();
    if (free === 0) return null;
    this.db.pragma(`incremental_vacuum(${Math.min(free, this.vacuumPages)})`);
    const pagesFreed = free - this.freelist();
    // Nothing given back (another connection holds the pages): try again at the next maintenance, not in a loop.
    return pagesFreed > 0 ? { done: false, work: 'vacuum', deleted: 0, pagesFreed } : null;
  }
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} ${value} must be a positive whole number`);
  return value;
}
