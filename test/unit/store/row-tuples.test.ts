import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import { DEVICE_COLUMNS, deviceRowOf, type DeviceRow, type DeviceTuple } from '../../../src-main/core/store/device-rows';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { StoredParts } from '../../../src-main/core/store/stored-parts';
import { aCounter, aReading, aSupply, aTray } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
let db: Database;
let repo: DevicesRepository;
beforeEach(() => ({ db, repo } = aMemoryStore(T)));
afterEach(() => db.close());

describe('rows selected as value lists', () => {
  it('deviceRowOf gives the row object the driver gives, every column in place', () => {
    const id = repo.saveReadings([anEntry(aReading(), T)])[0]?.deviceId ?? -1;
    // A distinct value in every column, so a column read from the wrong place shows.
    const columns = DEVICE_COLUMNS.split(', ').filter((c) => c !== 'id');
    const numeric = new Set(['port', 'address_since', 'name_set_by_user', 'uptime_s', 'first_seen', 'last_seen', 'last_attempt', 'missed_polls', 'missing_since', 'conflict_port', 'conflict_seen']);
    const value = (c: string, i: number): string => (c === 'name_set_by_user' ? '1' : c === 'source' ? "'imported'" : numeric.has(c) ? String(1000 + i) : `'v${i}'`);
    db.prepare(`UPDATE devices SET ${columns.map((c, i) => `${c} = ${value(c, i)}`).join(', ')} WHERE id = ?`).run(id);
    const object = db.prepare<[number], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`).get(id);
    const tuple = db.prepare<[number], DeviceTuple>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`).raw(true).get(id);
    expect(tuple && deviceRowOf(tuple)).toStrictEqual(object);
    expect(Object.keys(tuple ? deviceRowOf(tuple) : {})).toEqual(Object.keys(object ?? {}));
  });

  it('StoredParts reads supplies, trays and counters as SELECT * does, less the device id', () => {
    const reading = aReading({
      supplies: [aSupply({ index: '1.1', type: 'toner', class: 'consumed', color: 'black', description: 'Black', level: 40, max: 100, unit: 'percent', percent: 40, quality: 'coarse' })],
      trays: [aTray({ index: '1.2', name: 'Tray 2', type: 'sheetFeedAutoRemovableTray', media: 'A4', level: 100, max: 250, percent: 40, quality: 'exact' })],
      counters: [aCounter({ name: 'total', unit: 'impressions', value: 1234 })],
    });
    const id = repo.saveReadings([anEntry(reading, T)])[0]?.deviceId ?? -1;
    const parts = new StoredParts(db);
    const all = (table: string): Array<Record<string, unknown>> =>
      db
        .prepare<[number], Record<string, unknown>>(`SELECT * FROM ${table} WHERE device_id = ?`)
        .all(id)
        .map(({ device_id: _id, ...rest }) => rest);
    expect([...parts.supplies(id).values()]).toEqual(all('supplies'));
    expect([...parts.trays(id).values()]).toEqual(all('trays'));
    expect([...parts.counters(id).values()]).toEqual(all('counters'));
    expect([...parts.supplies(id).keys()]).toEqual(['1.1']);
    expect([...parts.counters(id).keys()]).toEqual(['total']);
  });
});
