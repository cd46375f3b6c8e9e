import type { LevelQuality } from '../domain/device-reading';

/** A level turned into a percentage and how far to trust it. */
export interface LevelPercent {
  percent: number | null;
  quality: LevelQuality;
}

export const UNKNOWN_LEVEL: LevelPercent = Object.freeze({ percent: null, quality: 'unknown' });
/** RFC 3805 level -3: "some remaining" (or "not full" for receptacles) — no number to show. */
export const SOME_REMAINING: LevelPercent = Object.freeze({ percent: null, quality: 'coarse' });

/** A whole percentage in 0–100 (values beyond the ends are clamped). Never throws. */
export function clampPercent(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 100) return 100;
  return Math.round(value);
}

/** `part` of `whole` as a clamped whole percentage; `whole` must be positive. Never throws. */
export function shareOf(part: number, whole: number): number {
  return clampPercent((part / whole) * 100);
}

/** An exact reading, clamped to 0–100. Never throws. */
export function exact(percent: number): LevelPercent {
  return { percent: clampPercent(percent), quality: 'exact' };
}

/** A coarse reading; a null percentage means "some, amount unknown". Never throws. */
export function coarse(percent: number | null): LevelPercent {
  return percent === null ? SOME_REMAINING : { percent: clampPercent(percent), quality: 'coarse' };
}
