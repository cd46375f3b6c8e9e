import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { aCounter, anAlert, aReading, aToner } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
const HOUR = 3_600_000;
let db: Database;
let repo: DevicesRepository;
beforeEach(() => ({ db, repo } = aMemoryStore(T)));
afterEach(() => db.close());

function countAll(): Record<string, number> {
  const tables = ['devices', 'device_snapshots', 'device_addresses', 'supplies', 'trays', 'counters', 'alerts',
    'status_history', 'supply_history', 'counter_history'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${t}`).get()?.n ?? -1]));
}

describe('addDevice', () => {
  it('adds a never-read device that the list shows by address', () => {
    const result = repo.addDevice({ address: ' 10.0.0.8 ', port: 1161, source: 'imported' });
    expect(result.created).toBe(true);
    expect(repo.listDevices()).toEqual([
      expect.objectContaining({ id: result.deviceId, address: '10.0.0.8', port: 1161, name: null, source: 'imported',
        state: 'unknown', supplies: [], totalPages: null, firstSeen: T, lastSeen: null, lastAttempt: null, lastError: null }),
    ]);
  });

  it('returns the device already known at that address and port instead of a duplicate', () => {
    const id = repo.saveReadings([anEntry(aReading(), T)])[0]?.deviceId;
    expect(repo.addDevice({ address: '10.0.0.5', port: 161, source: 'added' })).toEqual({ deviceId: id, created: false });
    expect(repo.addDevice({ address: '10.0.0.5', port: 1161, source: 'added' }).created).toBe(true);
  });

  it('rejects an empty address or a port outside 1–65535', () => {
    expect(() => repo.addDevice({ address: ' ', port: 161, source: 'added' })).toThrow(RangeError);
    expect(() => repo.addDevice({ address: '10.0.0.1', port: 0, source: 'added' })).toThrow(/not a UDP port/);
    expect(() => repo.addDevice({ address: '10.0.0.1', port: 70_000, source: 'added' })).toThrow(RangeError);
  });
});

describe('listDevices and getDevice', () => {
  it('lists each device with its supply levels in device order and its total page count', () => {
    const a = aReading({ target: '10.0.0.1', identity: { serial: 'A', mac: '02:00:00:00:00:0a' },
      supplies: [aToner(2, 'cyan', 50), aToner(10, 'black', 5)] });
    const b = aReading({ target: '10.0.0.2', identity: { serial: 'B', mac: '02:00:00:00:00:0b' }, counters: [aCounter({ name: 'mono', value: 7 })] });
    repo.saveReadings([anEntry(a, T), anEntry(b, T)]);
    const list = repo.listDevices();
    expect(list.map((d) => [d.identity.serial, d.totalPages])).toEqual([['A', 12_345], ['B', null]]);
    expect(list[0]?.supplies).toEqual([
      { index: '1.2', type: 'toner', class: 'consumed', color: 'cyan', description: 'cyan Cartridge', percent: 50, quality: 'exact' },
      { index: '1.10', type: 'toner', class: 'consumed', color: 'black', description: 'black Cartridge', percent: 5, quality: 'exact' },
    ]);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });

  it('lists only the devices asked for by id, with the same rows as the whole list; unknown ids are left out', () => {
    const readings = [1, 2, 3].map((n) =>
      aReading({ target: `10.0.0.${n}`, identity: { serial: `S${n}`, mac: null }, supplies: [aToner(1, 'black', 10 * n)], ...(n === 3 ? { counters: [aCounter({ name: 'mono', value: 1 })] } : {}) }),
    );
    repo.saveReadings(readings.map((r) => anEntry(r, T)));
    const all = repo.listDevices();
    const [first, , third] = all;
    expect(repo.listDevicesByIds([third?.id ?? 0, first?.id ?? 0, 999])).toEqual([first, third]);
    expect(repo.listDevicesByIds([])).toEqual([]);
  });

  it('returns null for an unknown device', () => {
    expect(repo.getDevice(42)).toBeNull();
  });
});

describe('removeDevices', () => {
  it('deletes the devices with every row that belongs to them and counts only existing ids', () => {
    const keep = aReading({ target: '10.0.0.1', identity: { serial: 'KEEP', mac: '02:00:00:00:00:01' } });
    const [kept] = repo.saveReadings([anEntry(keep, T)]);
    const gone = aReading({ target: '10.0.0.2', identity: { serial: 'GONE', mac: '02:00:00:00:00:02' }, alerts: [anAlert()] });
    const [removed] = repo.saveReadings([{ ...anEntry(gone, T), snapshot: 'x' }]);
    repo.saveReadings([anEntry(gone, T + 1, '10.0.0.3')]);
    const withOne = countAll();
    expect(repo.removeDevices([removed?.deviceId ?? -1, 999])).toBe(1);
    const counts = countAll();
    expect(counts).toEqual({
      devices: 1,
      device_snapshots: 0,
      device_addresses: 0,
      supplies: 4,
      trays: 2,
      counters: 3,
      alerts: 0,
      status_history: 1,
      supply_history: 4,
      counter_history: 3,
    });
    expect(withOne.alerts).toBe(1);
    expect(repo.getDevice(kept?.deviceId ?? -1)).not.toBeNull();
  });
});

describe('history and pruneHistory', () => {
  function threeHoursOfReadings(): number {
    const id = repo.saveReadings([anEntry(aReading(), T)])[0]?.deviceId ?? -1;
    for (let h = 1; h <= 3; h++) {
      repo.saveReadings([anEntry(aReading({ supplies: [aToner(1, 'black', 80 - h)], counters: [aCounter({ value: 12_345 + h })],
        status: { message: `Ready ${h}` } }), T + h * HOUR)]);
    }
    return id;
  }

  it('returns the changes inside [since, until), oldest first', () => {
    const id = threeHoursOfReadings();
    const window = repo.history(id, { since: T + HOUR, until: T + 3 * HOUR });
    expect(window.status.map((s) => s.message)).toEqual(['Ready 1', 'Ready 2']);
    expect(window.supplies).toEqual([
      { index: '1.1', at: T + HOUR, percent: 79, level: 79 },
      { index: '1.1', at: T + 2 * HOUR, percent: 78, level: 78 },
    ]);
    expect(window.counters.map((c) => c.value)).toEqual([12_346, 12_347]);
    expect(repo.history(id + 1, { since: 0 })).toEqual({ status: [], supplies: [], counters: [] });
  });

  it('prunes rows older than the cut-off and keeps current values', () => {
    const id = threeHoursOfReadings();
    const pruned = repo.pruneHistory(T + 2 * HOUR);
    // Before the cut-off: the first reading (1 status, 4 supplies, 3 counters) and hour 1 (1 each).
    expect(pruned).toEqual({ status: 2, supplies: 5, counters: 4 });
    const left = repo.history(id, { since: 0 });
    expect(left.status.map((s) => s.at)).toEqual([T + 2 * HOUR, T + 3 * HOUR]);
    expect(repo.getDevice(id)?.supplies[0]?.percent).toBe(77);
  });
});
