import { describe, expect, it } from 'vitest';
import { isWithinHours } from '../../../src-main/core/alerts/monitored-hours';

/** Local time on a day of January 2024 (the 8th is a Monday). */
const at = (day: number, hour: number, minute = 0): number => new Date(2024, 0, day, hour, minute).getTime();
const WEEKDAYS = [1, 2, 3, 4, 5];

describe('isWithinHours', () => {
  it('covers from (inclusive) to (exclusive) on the chosen days', () => {
    const office = { days: WEEKDAYS, from: '08:00', to: '18:00' };
    expect(isWithinHours(office, at(8, 7, 59))).toBe(false);
    expect(isWithinHours(office, at(8, 8, 0))).toBe(true);
    expect(isWithinHours(office, at(8, 17, 59))).toBe(true);
    expect(isWithinHours(office, at(8, 18, 0))).toBe(false);
    expect(isWithinHours(office, at(13, 10, 0))).toBe(false); // Saturday
  });

  it('takes from = to as the whole day', () => {
    expect(isWithinHours({ days: [0], from: '00:00', to: '00:00' }, at(14, 23, 59))).toBe(true);
    expect(isWithinHours({ days: [0], from: '00:00', to: '00:00' }, at(15, 0, 0))).toBe(false);
  });

  it('lets a night shift belong to the day it starts on', () => {
    const night = { days: [5], from: '22:00', to: '06:00' }; // Friday night
    expect(isWithinHours(night, at(12, 23, 0))).toBe(true); // Friday 23:00
    expect(isWithinHours(night, at(13, 5, 59))).toBe(true); // Saturday 05:59
    expect(isWithinHours(night, at(13, 6, 0))).toBe(false);
    expect(isWithinHours(night, at(13, 23, 0))).toBe(false); // Saturday night is not monitored
    expect(isWithinHours(night, at(12, 5, 0))).toBe(false); // Friday early morning belongs to Thursday
  });
});
