import { describe, expect, it } from 'vitest';
import { bucketStart, DAY_MS, HISTORY_TIERS, HOUR_MS, shouldRecordCounter, shouldRecordSupply, WEEK_MS } from '../../../src-main/core/store/history-rules';

const T = 1_700_000_000_000;

describe('shouldRecordSupply', () => {
  it('records the first known value but not a supply that never reported a level', () => {
    expect(shouldRecordSupply(null, 80, 80, T)).toBe(true);
    expect(shouldRecordSupply(null, null, null, T)).toBe(false);
  });

  it('skips a value equal to the last recorded one, however old', () => {
    expect(shouldRecordSupply({ at: T, level: 80, percent: 80 }, 80, 80, T + 100 * HOUR_MS)).toBe(false);
  });

  it('records a move of one percentage point or more at once', () => {
    expect(shouldRecordSupply({ at: T, level: 80, percent: 80 }, 79, 79, T + 60_000)).toBe(true);
    expect(shouldRecordSupply({ at: T, level: 80, percent: 80 }, 100, 100, T + 60_000)).toBe(true);
  });

  it('holds back a smaller move until the last record is an hour old', () => {
    const last = { at: T, level: 8000, percent: 80 };
    expect(shouldRecordSupply(last, 7990, 79.9, T + HOUR_MS - 1)).toBe(false);
    expect(shouldRecordSupply(last, 7990, 79.9, T + HOUR_MS)).toBe(true);
  });

  it('records at once when the level becomes unknown or known again', () => {
    expect(shouldRecordSupply({ at: T, level: 80, percent: 80 }, null, null, T + 1)).toBe(true);
    expect(shouldRecordSupply({ at: T, level: null, percent: null }, 80, 80, T + 1)).toBe(true);
  });
});

describe('shouldRecordCounter', () => {
  it('records the first value and skips an unchanged one', () => {
    expect(shouldRecordCounter(null, 100, T)).toBe(true);
    expect(shouldRecordCounter({ at: T, value: 100 }, 100, T + 10 * HOUR_MS)).toBe(false);
  });

  it('records a rising counter at most once an hour', () => {
    expect(shouldRecordCounter({ at: T, value: 100 }, 150, T + HOUR_MS - 1)).toBe(false);
    expect(shouldRecordCounter({ at: T, value: 100 }, 150, T + HOUR_MS)).toBe(true);
  });

  it('records a counter that went backwards at once (reset or replaced board)', () => {
    expect(shouldRecordCounter({ at: T, value: 100 }, 5, T + 1)).toBe(true);
  });
});

describe('history tiers and buckets', () => {
  it('counts hours and days in UTC and weeks from Monday 00:00 UTC', () => {
    const wednesday = Date.UTC(2024, 0, 10, 15, 42, 7);
    expect(bucketStart(wednesday, HOUR_MS)).toBe(Date.UTC(2024, 0, 10, 15));
    expect(bucketStart(wednesday, DAY_MS)).toBe(Date.UTC(2024, 0, 10));
    expect(bucketStart(wednesday, WEEK_MS)).toBe(Date.UTC(2024, 0, 8));
    expect(bucketStart(Date.UTC(2024, 0, 8), WEEK_MS)).toBe(Date.UTC(2024, 0, 8));
  });

  it('thins coarser as history gets older, each span whole buckets, a week at full resolution first', () => {
    expect(HISTORY_TIERS[0]?.olderThanMs).toBe(7 * DAY_MS);
    HISTORY_TIERS.forEach((tier, i) => {
      expect(tier.spanMs % tier.bucketMs).toBe(0);
      const previous = HISTORY_TIERS[i - 1];
      if (previous) {
        expect(tier.olderThanMs).toBeGreaterThan(previous.olderThanMs);
        expect(tier.bucketMs % previous.bucketMs).toBe(0);
      }
    });
  });
});
