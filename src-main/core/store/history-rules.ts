/**
 * When a changed value earns a history row. The current value is always kept in the current
 * tables; these rules only thin the history so a fleet polled every few minutes stays small.
 */

export const HOUR_MS = 3_600_000;

/** A change of at least this many percentage points is recorded at once. */
export const SUPPLY_STEP_PERCENT = 1;

export interface RecordedSupply {
  at: number;
  level: number | null;
  percent: number | null;
}

/**
 * True when a supply value should be added to supply_history: the first known value; then a
 * value different from the last recorded one when it moved ≥ 1 point, became or stopped being
 * unknown, or the last record is an hour old. Never throws.
 */
export function shouldRecordSupply(
  last: RecordedSupply | null,
  level: number | null,
  percent: number | null,
  at: number,
): boolean {
  if (last === null) return level !== null || percent !== null;
  if (last.level === level && last.percent === percent) return false;
  if ((last.percent === null) !== (percent === null)) return true;
  if (last.percent !== null && percent !== null && Math.abs(percent - last.percent) >= SUPPLY_STEP_PERCENT) return true;
  return at - last.at >= HOUR_MS;
}

export interface RecordedCounter {
  at: number;
  value: number;
}

/**
 * True when a counter value should be added to counter_history: the first value; then a
 * different value once the last record is an hour old, or at once when the counter went
 * backwards (a reset or a replaced board). Never throws.
 */
export function shouldRecordCounter(last: RecordedCounter | null, value: number, at: number): boolean {
  if (last === null) return true;
  if (value === last.value) return false;
  if (value < last.value) return true;
  return at - last.at >= HOUR_MS;
}

export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Buckets count from Monday 5 January 1970, 00:00 UTC, so a week bucket runs Monday to Monday (UTC). */
export const BUCKET_ORIGIN_MS = 4 * DAY_MS;

/**
 * How older history is thinned. Rows older than `olderThanMs` keep, per device and bucket:
 * counters — the last value of the bucket (and a value the counter fell back from, a reset);
 * supplies — the lowest and the last level; status — the transitions (state or conditions
 * changed; a change of message alone is dropped), each state once per bucket plus the one it
 * ended in. `spanMs` is how much history one pass of a tier covers (a multiple of the bucket),
 * which bounds the rows one maintenance step reads. Charts of a week read full resolution.
 */
export interface HistoryTier {
  olderThanMs: number;
  bucketMs: number;
  spanMs: number;
}

/** Hourly after a week (a month's chart), daily after a month (a quarter's), weekly after three months (the year's trend). */
export const HISTORY_TIERS: readonly HistoryTier[] = [
  { olderThanMs: 7 * DAY_MS, bucketMs: HOUR_MS, spanMs: DAY_MS },
  { olderThanMs: 31 * DAY_MS, bucketMs: DAY_MS, spanMs: WEEK_MS },
  { olderThanMs: 92 * DAY_MS, bucketMs: WEEK_MS, spanMs: 4 * WEEK_MS },
];

/** The start of the bucket of `bucketMs` that `at` falls in (buckets counted from BUCKET_ORIGIN_MS). */
export function bucketStart(at: number, bucketMs: number): number {
  return BUCKET_ORIGIN_MS + Math.floor((at - BUCKET_ORIGIN_MS) / bucketMs) * bucketMs;
}
