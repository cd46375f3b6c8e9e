import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { HOUR_MS } from '../../../src-main/core/store/history-rules';
import { aCounter, aFailedReading, anAlert, aReading, aSupply, aToner, aTray } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
const MINUTE = 60_000;
let db: Database;
let repo: DevicesRepository;
beforeEach(() => ({ db, repo } = aMemoryStore(T)));
afterEach(() => db.close());

function rowsIn(table: string): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
}
function changesDuring(fn: () => void): number {
  const total = () => db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
  const before = total();
  fn();
  return total() - before;
}

describe('saveReadings', () => {
  it('stores a new device so that getDevice gives back what was read', () => {
    const reading = aReading({ alerts: [anAlert()], status: { state: 'warning', message: 'Toner low: Cyan', conditions: ['lowToner'] } });
    const [result] = repo.saveReadings([{ ...anEntry(reading, T), profileId: 'hp-laserjet' }]);
    expect(result).toMatchObject({ change: 'new', addressChanged: null, mergedIds: [] });
    const device = repo.getDevice(result?.deviceId ?? -1);
    expect(device).toMatchObject({
      address: '10.0.0.5',
      port: 161,
      name: 'NPI0F0001',
      source: 'discovered',
      identity: reading.identity,
      state: 'warning',
      message: 'Toner low: Cyan',
      conditions: ['lowToner'],
      supplies: reading.supplies,
      trays: reading.trays,
      counters: reading.counters,
      alerts: [{ ...anAlert(), firstSeen: T }],
      totalPages: 12_345,
      firstSeen: T,
      lastSeen: T,
      lastAttempt: T,
      lastError: null,
      profileId: 'hp-laserjet',
    });
  });

  it('reports unchanged and writes only the devices row when a device reads the same again', () => {
    const [first] = repo.saveReadings([anEntry(aReading(), T)]);
    let result;
    const written = changesDuring(() => {
      [result] = repo.saveReadings([anEntry(aReading({ identity: { uptimeSeconds: 99_999 } }), T + 5 * MINUTE)]);
    });
    expect(result).toEqual({ deviceId: first?.deviceId, change: 'unchanged', addressChanged: null, mergedIds: [] });
    expect(written).toBe(1);
    expect(repo.getDevice(first?.deviceId ?? -1)).toMatchObject({ lastSeen: T + 5 * MINUTE, identity: { uptimeSeconds: 99_999 } });
  });

  it('updates only the supply that moved, and deletes supplies the device no longer lists', () => {
    repo.saveReadings([anEntry(aReading(), T)]);
    const supplies = [aToner(1, 'black', 80), aToner(2, 'cyan', 55), aToner(3, 'magenta', 40)];
    let result;
    const written = changesDuring(() => {
      [result] = repo.saveReadings([anEntry(aReading({ supplies }), T + MINUTE)]);
    });
    expect(result).toMatchObject({ change: 'updated' });
    // devices row + cyan row + cyan history row + deleted yellow row
    expect(written).toBe(4);
    expect(repo.listDevices()[0]?.supplies.map((s) => [s.color, s.percent])).toEqual([['black', 80], ['cyan', 55], ['magenta', 40]]);
  });

  it('marks a change of tray, counter, alert or status as updated', () => {
    repo.saveReadings([anEntry(aReading(), T)]);
    const variants = [
      aReading({ trays: [aTray({ index: '1.1', level: 10 })] }),
      aReading({ counters: [aCounter({ value: 20_000 })] }),
      aReading({ alerts: [anAlert({ code: 'jam' })] }),
      aReading({ status: { state: 'error', message: 'Paper jam', conditions: ['jammed'] } }),
    ];
    const changes = variants.map((reading, i) => {
      const [changed] = repo.saveReadings([anEntry(reading, T + (2 * i + 1) * MINUTE)]);
      const [back] = repo.saveReadings([anEntry(aReading(), T + (2 * i + 2) * MINUTE)]);
      return [changed?.change, back?.change];
    });
    expect(changes).toEqual(variants.map(() => ['updated', 'updated']));
  });

  it('keeps first-seen of an alert that is still active and drops alerts that cleared', () => {
    const jam = anAlert({ code: 'jam', description: 'Paper jam', location: 'Tray 2' });
    const id = repo.saveReadings([anEntry(aReading({ alerts: [jam] }), T)])[0]?.deviceId ?? -1;
    repo.saveReadings([anEntry(aReading({ alerts: [anAlert(), jam] }), T + MINUTE)]);
    expect(repo.getDevice(id)?.alerts.map((a) => [a.code, a.firstSeen])).toEqual([['markerTonerAlmostEmpty', T + MINUTE], ['jam', T]]);
    repo.saveReadings([anEntry(aReading({ alerts: [] }), T + 2 * MINUTE)]);
    expect(repo.getDevice(id)?.alerts).toEqual([]);
  });

  it('keeps the last good data when a reading fails, and records only the attempt, the error and the misses in a row', () => {
    const id = repo.saveReadings([anEntry(aReading(), T)])[0]?.deviceId ?? -1;
    const before = repo.getDevice(id);
    const [failed] = repo.saveReadings([anEntry(aFailedReading(), T + MINUTE)]);
    expect(failed).toEqual({ deviceId: id, change: 'updated', addressChanged: null, mergedIds: [] });
    const after = repo.getDevice(id);
    expect(after).toEqual({ ...before, lastAttempt: T + MINUTE, lastError: { code: 'snmp-timeout', message: 'no answer within 2 s (2 retries)' }, missedPolls: 1, missingSince: T + MINUTE });
    expect(repo.saveReadings([anEntry(aFailedReading(), T + 2 * MINUTE)])[0]?.change).toBe('unchanged');
    expect(repo.getDevice(id)).toMatchObject({ missedPolls: 2, missingSince: T + MINUTE });
    repo.saveReadings([anEntry(aReading(), T + 3 * MINUTE)]);
    expect(repo.getDevice(id)).toMatchObject({ lastError: null, lastSeen: T + 3 * MINUTE, missedPolls: 0, missingSince: null });
  });

  it('creates a never-read device for a failed reading at an unknown address', () => {
    const [result] = repo.saveReadings([anEntry(aFailedReading({ code: 'device-unreachable', message: 'no route' }, '10.0.0.77'), T)]);
    expect(result?.change).toBe('new');
    expect(repo.listDevices()).toEqual([
      expect.objectContaining({ address: '10.0.0.77', source: 'added', lastSeen: null, lastAttempt: T, state: 'unknown',
        lastError: { code: 'device-unreachable', message: 'no route' } }),
    ]);
  });

  it('writes the whole round or nothing', () => {
    const good = anEntry(aReading({ identity: { serial: 'S1' } }), T);
    const bad = anEntry(aReading({ identity: { serial: 'S2', mac: '02:00:00:00:00:02' } }), T, '10.0.0.6', 0);
    expect(() => repo.saveReadings([good, bad])).toThrow();
    expect(rowsIn('devices')).toBe(0);
    expect(rowsIn('supplies')).toBe(0);
  });

  it('stores the snapshot as given and keeps it when later rounds send none', () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    const id = repo.saveReadings([{ ...anEntry(aReading(), T), snapshot: bytes }])[0]?.deviceId ?? -1;
    repo.saveReadings([anEntry(aReading(), T + MINUTE)]);
    expect(repo.getSnapshot(id)).toEqual(bytes);
    expect(repo.saveReadings([{ ...anEntry(aReading(), T + 2 * MINUTE), snapshot: bytes }])[0]?.change).toBe('unchanged');
    expect(repo.saveReadings([{ ...anEntry(aReading(), T + 3 * MINUTE), snapshot: '[["1.3.6",2,1]]' }])[0]?.change).toBe('updated');
    expect(repo.getSnapshot(id)).toBe('[["1.3.6",2,1]]');
    expect(repo.getSnapshot(id + 1)).toBeNull();
  });

  it('keeps a user-given name over sysName', () => {
    const { deviceId } = repo.addDevice({ address: '10.0.0.5', port: 161, name: 'Reception', source: 'added' });
    repo.saveReadings([anEntry(aReading(), T)]);
    expect(repo.getDevice(deviceId)).toMatchObject({ name: 'Reception', identity: { sysName: 'NPI0F0001' } });
  });

  it('stores the later entry when a device lists the same supply index twice', () => {
    const reading = aReading({ supplies: [aSupply({ percent: 10 }), aSupply({ percent: 90 })] });
    const id = repo.saveReadings([anEntry(reading, T)])[0]?.deviceId ?? -1;
    expect(repo.getDevice(id)?.supplies.map((s) => s.percent)).toEqual([90]);
  });
});

describe('history written by saveReadings', () => {
  it('adds a status row only when state, message or conditions change', () => {
    const id = repo.saveReadings([anEntry(aReading(), T)])[0]?.deviceId ?? -1;
    repo.saveReadings([anEntry(aReading(), T + MINUTE)]);
    repo.saveReadings([anEntry(aReading({ status: { state: 'error', message: 'Paper jam', conditions: ['jammed'] } }), T + 2 * MINUTE)]);
    repo.saveReadings([anEntry(aFailedReading(), T + 3 * MINUTE)]);
    repo.saveReadings([anEntry(aReading(), T + 4 * MINUTE)]);
    expect(repo.history(id, { since: 0 }).status.map((s) => [s.at, s.state, s.conditions])).toEqual([
      [T, 'ok', []],
      [T + 2 * MINUTE, 'error', ['jammed']],
      [T + 4 * MINUTE, 'ok', []],
    ]);
  });

  it('thins supply history: 1-point steps at once, smaller drift at most hourly, the settled value eventually', () => {
    const at = (minutes: number) => T + minutes * MINUTE;
    const black = (percent: number) => aReading({ supplies: [aSupply({ level: percent * 100, max: 10_000, percent })] });
    const id = repo.saveReadings([anEntry(black(80), at(0))])[0]?.deviceId ?? -1;
    repo.saveReadings([anEntry(black(79.6), at(5))]); // < 1 point, < 1 h: held back
    repo.saveReadings([anEntry(black(79.5), at(10))]); // still held back
    repo.saveReadings([anEntry(black(78.5), at(15))]); // ≥ 1 point: recorded
    repo.saveReadings([anEntry(black(78.2), at(20))]); // held back …
    repo.saveReadings([anEntry(black(78.2), at(20 + 60))]); // … until an hour has passed, though unchanged since
    repo.saveReadings([anEntry(black(78.2), at(20 + 120))]); // equal to the last record: nothing
    expect(repo.history(id, { since: 0 }).supplies.map((p) => [(p.at - T) / MINUTE, p.percent])).toEqual([
      [0, 80],
      [15, 78.5],
      [80, 78.2],
    ]);
    expect(repo.getDevice(id)?.supplies[0]?.percent).toBe(78.2);
  });

  it('records a rising counter at most once an hour per counter', () => {
    const pages = (value: number) => aReading({ counters: [aCounter({ value })] });
    const id = repo.saveReadings([anEntry(pages(100), T)])[0]?.deviceId ?? -1;
    for (let i = 1; i <= 12; i++) repo.saveReadings([anEntry(pages(100 + i), T + i * 5 * MINUTE)]);
    expect(repo.history(id, { since: 0 }).counters.map((c) => [c.at, c.value])).toEqual([
      [T, 100],
      [T + HOUR_MS, 112],
    ]);
    expect(repo.getDevice(id)?.totalPages).toBe(112);
  });
});
