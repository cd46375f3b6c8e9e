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
