import { describe, expect, it } from 'vitest';
import { normaliseSupply } from '../../../src-shared/supplies/supply-normaliser';
import type { SupplyQuirks } from '../../../src-shared/supplies/supply-quirks';
import { aSupplyRow } from '../../helpers/printer-mib-builders';

const level = (overrides: Parameters<typeof aSupplyRow>[0], quirks?: SupplyQuirks) => {
  const { percent, quality } = normaliseSupply(aSupplyRow(overrides), quirks);
  return { percent, quality };
};

/** Brother puts status codes 0–3 in the level column when there is no capacity. */
const BROTHER: SupplyQuirks = { levelCodes: { '0': 100, '1': 5, '2': 0, '3': null } };
/** Ricoh reports -100 for "almost empty". */
const RICOH: SupplyQuirks = { negativeLevels: { '-100': 5 } };

describe('normaliseSupply: consumed supplies', () => {
  it('computes level / capacity as an exact, rounded percentage', () => {
    expect(level({ level: 22050, max: 45000 })).toEqual({ percent: 49, quality: 'exact' });
    expect(level({ level: 28, max: 100, unitCode: 19 })).toEqual({ percent: 28, quality: 'exact' });
  });

  it('clamps a level above its capacity to 100', () => {
    expect(level({ level: 120, max: 100 })).toEqual({ percent: 100, quality: 'exact' });
  });

  it('reads RFC 3805 -3 as "some remaining": coarse without a number', () => {
    expect(level({ level: -3, max: 100 })).toEqual({ percent: null, quality: 'coarse' });
    expect(level({ level: -3, max: -2 })).toEqual({ percent: null, quality: 'coarse' });
  });

  it('reads -1 (other), -2 (unknown) and other negative levels as unknown', () => {
    expect(level({ level: -1 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: -2 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: -100 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: null })).toEqual({ percent: null, quality: 'unknown' });
  });

  it('takes the level as the percentage when capacity is unknown but the unit is percent', () => {
    expect(level({ level: 9, max: -2, unitCode: 19 })).toEqual({ percent: 9, quality: 'exact' });
  });

  it('shows no percentage for a bare level beside an unknown capacity in another unit', () => {
    expect(level({ level: 9, max: -2, unitCode: null })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: 4000, max: -1, unitCode: 7 })).toEqual({ percent: null, quality: 'unknown' });
    expect(level({ level: 50, max: 0, unitCode: 7 })).toEqual({ percent: null, quality: 'unknown' });
  });

  it('treats a capacity of 1 as a present/empty sensor (coarse 0 or 100)', () => {
    expect(level({ level: 1, max: 1 })).toEqual({ percent: 100, quality: 'coarse' });
    expect(level({ level: 0, max: 1 })).toEqual({ percent: 0, quality: 'coarse' });
  });
});

describe('normaliseSupply: vendor quirks', () => {
  it('maps Brother status codes in the level column when there is no capacity', () => {
    expect(level({ level: 0, max: -2 }, BROTHER)).toEqual({ percent: 100, quality: 'coarse' });
    expect(level({ level: 1, max: -2 }, BROTHER)).toEqual({ percent: 5, quality: 'coarse' });
    expect(level({ level: 2, max: -2 }, BROTHER)).toEqual({ percent: 0, quality: 'coarse' });
    expect(level({ level: 3, max: -2 }, BROTHER)).toEqual({ percent: null, quality: 'unknown' });
  });

  it('ignores level codes when the row has a real capacity (a drum at 2 of 12000 pages is 0 %)', () => {
    expect(level({ level: 11501, max: 12000 }, BROTHER)).toEqual({ percent: 96, quality: 'exact' });
    expect(level({ level: 2, max: 12000 }, BROTHER)).toEqual({ percent: 0, quality: 'exact' });
  });

  it('maps vendor negative levels (Ricoh -100 "almost empty") before the RFC sentinels', () => {
    expect(level({ level: -100, max: 100 }, RICOH)).toEqual({ percent: 5, quality: 'coarse' });
    expect(level({ level: -3, max: 100 }, RICOH)).toEqual({ percent: null, quality: 'coarse' });
    expect(level({ level: -3 }, { negativeLevels: { '-3': 80 } })).toEqual({ percent: 80, quality: 'coarse' });
    expect(level({ level: -7 }, { negativeLevels: { '-7': null } })).toEqual({ percent: null, quality: 'unknown' });
  });

  it('takes the level as a percentage whatever max and unit say when levelIsPercent is set', () => {
    expect(level({ level: 9, max: -2, unitCode: 7 }, { levelIsPercent: true })).toEqual({ percent: 9, quality: 'exact' });
    expect(level({ level: 40, max: 25000, unitCode: 7 }, { levelIsPercent: true })).toEqual({ percent: 40, quality: 'exact' });
  });
});

describe('normaliseSupply: receptacles report how full they are', () => {
  const waste = { classCode: 4, typeCode: 4, description: 'Waste Toner Box' };

  it('turns RFC 3805 remaining space into the share filled', () => {
    expect(level({ ...waste, level: 100, max: 100 })).toEqual({ percent: 0, quality: 'exact' });
    expect(level({ ...waste, level: 2500, max: 10000 })).toEqual({ percent: 75, quality: 'exact' });
    expect(level({ ...waste, level: 0, max: 10000 })).toEqual({ percent: 100, quality: 'exact' });
  });

  it('reads -3 on a receptacle as "not full": coarse without a number', () => {
    expect(level({ ...waste, level: -3, max: -2 })).toEqual({ percent: null, quality: 'coarse' });
  });

  it('flips vendor-coded remaining space too', () => {
    expect(level({ ...waste, level: 0, max: -2 }, BROTHER)).toEqual({ percent: 0, quality: 'coarse' });
  });

  it('infers the class from a waste type or, lacking class and type, a description naming waste', () => {
    expect(normaliseSupply(aSupplyRow({ classCode: null, typeCode: 4 })).class).toBe('receptacle');
    expect(normaliseSupply(aSupplyRow({ classCode: null, typeCode: null, description: 'Waste Toner Box' })).class).toBe('receptacle');
    expect(normaliseSupply(aSupplyRow({ classCode: null, typeCode: 9 })).class).toBe('consumed');
    expect(normaliseSupply(aSupplyRow({ classCode: null, typeCode: null, description: 'Fusing Unit' })).class).toBeNull();
    expect(normaliseSupply(aSupplyRow({ classCode: 1 })).class).toBe('other');
  });
});

describe('normaliseSupply: names, units and colour', () => {
  it('decodes type and unit names and keeps the raw level and capacity', () => {
    const reading = normaliseSupply(aSupplyRow({ typeCode: 9, unitCode: 7, level: 72000, max: 100000, description: 'Imaging Unit' }));
    expect(reading).toMatchObject({ type: 'opc', unit: 'impressions', level: 72000, max: 100000, description: 'Imaging Unit', color: null });
  });

  it('prefers the colorant table over the description for colour', () => {
    expect(normaliseSupply(aSupplyRow({ colorant: 'magenta', description: 'Toner 2' })).color).toBe('magenta');
    expect(normaliseSupply(aSupplyRow({ colorant: 'unknown', description: 'Toner (Cyan)' })).color).toBe('cyan');
    expect(normaliseSupply(aSupplyRow({ colorant: null, description: 'PK-3010S' })).color).toBeNull();
  });

  it('names an undescribed row after its index and leaves unknown codes null', () => {
    expect(normaliseSupply(aSupplyRow({ index: '1.7', description: null, typeCode: 99, unitCode: null }))).toMatchObject({
      description: 'Supply 7',
      type: null,
      unit: null,
    });
  });
});
