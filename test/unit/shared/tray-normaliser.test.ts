import { describe, expect, it } from 'vitest';
import { isManualFeed, normaliseTray } from '../../../src-shared/supplies/tray-normaliser';
import { aTrayRow } from '../../helpers/printer-mib-builders';

const level = (overrides: Parameters<typeof aTrayRow>[0]) => {
  const { percent, quality } = normaliseTray(aTrayRow(overrides));
  return { percent, quality };
};

describe('normaliseTray', () => {
  it('computes level / capacity as an exact percentage', () => {
    expect(level({ level: 450, max: 600 })).toEqual({ percent: 75, quality: 'exact' });
    expect(level({ level: 0, max: 500 })).toEqual({ percent: 0, quality: 'exact' });
  });

  it('reads -3 as "at least one sheet": coarse without a number', () => {
    expect(level({ level: -3, max: 250 })).toEqual({ percent: null, quality: 'coarse' });
  });

  it('reads -1 and -2 as unknown', () => {
    expect(level({ level: -2, max: 1 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: -1, max: 500 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: null })).toEqual({ percent: null, quality: 'unknown' });
  });

  it('handles unknown capacities: 0 sheets is empty, more is "some paper"', () => {
    expect(level({ level: 0, max: -2 })).toEqual({ percent: 0, quality: 'exact' });
    expect(level({ level: 120, max: -2 })).toEqual({ percent: null, quality: 'coarse' });
    expect(level({ level: 120, max: -1 })).toEqual({ percent: null, quality: 'coarse' });
  });

  it('treats a capacity of 1 and a manual feed reporting 0 or full as paper sensors (coarse 0/100)', () => {
    expect(level({ level: 1, max: 1 })).toEqual({ percent: 100, quality: 'coarse' });
    expect(level({ level: 0, max: 1 })).toEqual({ percent: 0, quality: 'coarse' });
    expect(level({ name: 'Bypass Tray', level: 0, max: 100 })).toEqual({ percent: 0, quality: 'coarse' });
    expect(level({ typeCode: 5, name: 'Tray 1', level: 100, max: 100 })).toEqual({ percent: 100, quality: 'coarse' });
    // A manual feed that reports a real count in between is exact.
    expect(level({ name: 'MP Tray', level: 40, max: 100 })).toEqual({ percent: 40, quality: 'exact' });
  });

  it('names the tray from prtInputName, else its description, else its index', () => {
    expect(normaliseTray(aTrayRow({ name: 'TRAY1', description: 'Cassette 1' })).name).toBe('TRAY1');
    expect(normaliseTray(aTrayRow({ name: null, description: 'Cassette 1' })).name).toBe('Cassette 1');
    expect(normaliseTray(aTrayRow({ index: '1.3', name: null, description: null })).name).toBe('Tray 3');
  });

  it('decodes the input type and keeps media and raw values', () => {
    expect(normaliseTray(aTrayRow({ typeCode: 4, mediaName: 'Letter', level: 10, max: 150 }))).toMatchObject({
      type: 'sheetFeedAutoNonRemovableTray',
      media: 'Letter',
      level: 10,
      max: 150,
    });
    expect(normaliseTray(aTrayRow({ typeCode: 42 })).type).toBeNull();
  });
});

describe('isManualFeed', () => {
  it('recognises manual feeds by type and by common names', () => {
    expect(isManualFeed({ type: 'sheetFeedManual', name: 'Tray 1' })).toBe(true);
    for (const name of ['MANUAL TRAY', 'Manual Envelope', 'Bypass', 'Bypass Tray', 'MP TRAY', 'MP Tray', 'Multi-purpose Tray', 'Mehrzweckzufuhr']) {
      expect(isManualFeed({ type: null, name }), name).toBe(true);
    }
  });

  it('does not take regular trays for manual feeds', () => {
    for (const name of ['Tray 1', 'TRAY1', 'AUTO', '1st Cassette', 'Auto Select', 'Tray 2 (Compact)']) {
      expect(isManualFeed({ type: 'sheetFeedAutoRemovableTray', name }), name).toBe(false);
    }
  });
});
