import { describe, expect, it } from 'vitest';
import { counterPoints, supplyPoints } from '../../../src-renderer/features/device-detail/history-series';
import { formatRelativeTime } from '../../../src-renderer/ui/display-format';
import { supplyColor, UNKNOWN_SUPPLY_COLOR } from '../../../src-renderer/features/devices/supply-colors';

const history = {
  status: [],
  supplies: [
    { index: '1.1', at: 50, percent: 90, level: null },
    { index: '1.1', at: 150, percent: 80, level: null },
    { index: '1.2', at: 150, percent: null, level: null },
    { index: '1.1', at: 120, percent: 85, level: null },
  ],
  counters: [
    { name: 'total', at: 110, value: 1000 },
    { name: 'mono', at: 110, value: 7 },
  ],
};

describe('history chart points', () => {
  it('starts at the window with the last value before it, keeps order, and carries the last value to now', () => {
    expect(supplyPoints(history, '1.1', 100, 200)).toEqual([
      { at: 100, value: 90 },
      { at: 120, value: 85 },
      { at: 150, value: 80 },
      { at: 200, value: 80 },
    ]);
  });

  it('leaves unknown levels out and gives no line for a supply without levels', () => {
    expect(supplyPoints(history, '1.2', 0, 200)).toEqual([]);
  });

  it('follows one counter by name', () => {
    expect(counterPoints(history, 'total', 100, 200)).toEqual([
      { at: 110, value: 1000 },
      { at: 200, value: 1000 },
    ]);
  });
});

describe('display formats', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(formatRelativeTime(0, 3 * 3600_000 + 5000, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(0, 90_000, 'en')).toBe('1 minute ago');
  });

  it('reads a time slightly in the future (clock skew) as now', () => {
    expect(formatRelativeTime(10_000, 5_000, 'en')).toBe(formatRelativeTime(5_000, 5_000, 'en'));
  });

  it('colours supplies by reported colour name, keeps black visible in dark mode, grey when unknown', () => {
    expect(supplyColor('Cyan', 'light')).toBe(supplyColor('cyan', 'light'));
    expect(supplyColor('photo-magenta', 'light')).toBe(supplyColor('photoMagenta', 'light'));
    expect(supplyColor('black', 'dark')).not.toBe(supplyColor('black', 'light'));
    expect(supplyColor(null, 'light')).toBe(UNKNOWN_SUPPLY_COLOR);
    expect(supplyColor('octarine', 'light')).toBe(UNKNOWN_SUPPLY_COLOR);
  });
});
