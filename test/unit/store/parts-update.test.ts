import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { aCounter, aReading, aSupply, aToner, aTray } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
const MINUTE = 60_000;
let db: Database;
let repo: DevicesRepository;
beforeEach(() => ({ db, repo } = aMemoryStore(T)));
afterEach(() => db.close());

function changesDuring(fn: () => void): number {
  const total = () => db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
  const before = total();
  fn();
  return total() - before;
}

const before = aReading({
  supplies: [aToner(1, 'black', 80), aSupply({ index: '1.2', type: 'drum', class: 'consumed', color: null, description: 'Drum', percent: 60 })],
  trays: [aTray({ index: '1.1', name: 'Tray 1', level: 250 }), aTray({ index: '1.2', name: 'Tray 2', level: 100 })],
  counters: [aCounter({ name: 'total', value: 10_000 }), aCounter({ name: 'color', value: 4_000 })],
});

/** The same rows with every stored column changed, and the order swapped. */
const after = aReading({
  supplies: [
    aSupply({ index: '1.2', type: 'toner', class: 'consumed', color: 'cyan', description: 'Cyan Toner', level: 30, max: 200, unit: 'impressions', percent: 15, quality: 'coarse' }),
    aSupply({ index: '1.1', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste', level: 5, max: 100, unit: 'percent', percent: 5, quality: 'exact' }),
  ],
  trays: [
    aTray({ index: '1.2', name: 'Bypass', type: 'sheetFeedManual', media: 'Letter', level: 10, max: 50, percent: 20, quality: 'coarse' }),
    aTray({ index: '1.1', name: 'Tray 1', level: 249 }),
  ],
  counters: [aCounter({ name: 'color', unit: 'sheets', value: 4_100 }), aCounter({ name: 'total', value: 10_050 })],
});

describe('saving a device whose supplies, trays and counters are already stored', () => {
  it('updates every stored column in place: the device reads back as a fresh save of the same reading would', () => {
    const id = repo.saveReadings([anEntry(before, T)])[0]?.deviceId ?? -1;
    expect(repo.saveReadings([anEntry(after, T + MINUTE)])[0]?.change).toBe('updated');
    const updated = repo.getDevice(id);
    expect(updated?.supplies).toEqual(after.supplies);
    expect(updated?.trays).toEqual(after.trays);
    expect(updated?.counters).toEqual(after.counters);

    const { db: freshDb, repo: fresh } = aMemoryStore(T);
    try {
      const freshId = fresh.saveReadings([anEntry(after, T + MINUTE)])[0]?.deviceId ?? -1;
      const saved = fresh.getDevice(freshId);
      expect([updated?.supplies, updated?.trays, updated?.counters]).toEqual([saved?.supplies, saved?.trays, saved?.counters]);
    } finally {
      freshDb.close();
    }
  });

  it('rewrites only the rows that moved: one supply level, one tray level, one counter', () => {
    repo.saveReadings([anEntry(before, T)]);
    const moved = aReading({
      supplies: [aToner(1, 'black', 79), before.supplies[1] ?? aSupply()],
      trays: [aTray({ index: '1.1', name: 'Tray 1', level: 240 }), before.trays[1] ?? aTray()],
      counters: [aCounter({ name: 'total', value: 10_010 }), before.counters[1] ?? aCounter()],
    });
    // 10 minutes on: the counter is not due a history row yet, the 1-point supply step is.
    const written = changesDuring(() => repo.saveReadings([anEntry(moved, T + 10 * MINUTE)]));
    // devices row + black toner row + its history row + tray 1 row + total counter row
    expect(written).toBe(5);
    expect(changesDuring(() => repo.saveReadings([anEntry(moved, T + 11 * MINUTE)]))).toBe(1);
  });
});
