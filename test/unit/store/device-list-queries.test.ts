import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDeviceListRow } from '../../../src-shared/domain/device-list-row';
import type { Database } from '../../../src-main/core/store/database';
import { DeviceListQueries } from '../../../src-main/core/store/device-list.queries';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { aCounter, aFailedReading, aReading, aSupply, aToner } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';
import { DEFAULT_SORT, sortDevices } from '../../../src-renderer/features/devices/device-sort';

const T = 1_700_000_000_000;
let db: Database;
let repo: DevicesRepository;
let queries: DeviceListQueries;
beforeEach(() => {
  ({ db, repo } = aMemoryStore(T));
  queries = new DeviceListQueries(db);
});
afterEach(() => db.close());

/** A fleet with what the list shows in every variant: supplies of each kind, no pages, an error, a device never read, conditions. */
function storeFleet(): void {
  repo.saveReadings([
    anEntry(aReading({ target: '10.0.0.1', identity: { serial: 'A', mac: '02:00:00:00:00:0a' },
      supplies: [aToner(2, 'cyan', 50), aSupply({ index: '1.9', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste', percent: 20 }), aToner(10, 'black', 5),
        aSupply({ index: '1.11', type: 'opc', class: 'consumed', color: null, description: 'Drum', percent: 90 }), aSupply({ index: '1.12', type: null, class: null, color: 'yellow', description: 'Ink', percent: null, quality: 'unknown' })] }), T),
    anEntry(aReading({ target: '10.0.0.2', identity: { serial: 'B', mac: '02:00:00:00:00:0b', location: null, sysName: null },
      status: { state: 'error', message: 'Paper jam', conditions: ['jammed', 'doorOpen'] }, counters: [aCounter({ name: 'mono', value: 7 })] }), T),
    anEntry(aFailedReading({}, '10.0.0.3'), T),
  ]);
  repo.addDevice({ address: '10.0.0.4', port: 1161, name: 'Never read', source: 'added', hints: { vendor: 'Canon', model: null, location: 'Lab' } });
}

describe('the console list rows read from the store', () => {
  it('are the list rows of the summaries: the same values, only the list fields, only marker supplies', () => {
    storeFleet();
    const summaries = repo.listDevices();
    expect(summaries).toHaveLength(4);
    expect(queries.listRows()).toEqual(summaries.map(toDeviceListRow));
    const [first] = queries.listRows();
    expect(first?.supplies.map((s) => s.index)).toEqual(['1.2', '1.10', '1.12']);
  });

  it('are read for the ids asked (by id; unknown ids left out) the same as in the whole list', () => {
    storeFleet();
    const all = queries.listRows();
    const [first, , third] = all;
    expect(queries.listRowsByIds([third?.id ?? 0, first?.id ?? 0, 999])).toEqual([first, third]);
    expect(queries.listRowsByIds([])).toEqual([]);
  });
});

describe('the rows the list opens with (first)', () => {
  it('are the top of the list as the console sorts it when it opens: names in natural order, case ignored, nameless last, ties by id', () => {
    const names: (string | null)[] = ['printer-10', 'Printer-2', null, 'printer-1', 'Zeta', 'alpha', 'printer-2', '\u202Eevil', ' printer-3 '];
    repo.saveReadings(names.map((sysName, i) => anEntry(aReading({ target: `10.0.1.${i + 1}`, identity: { serial: `S${i}`, mac: null, sysName } }), T)));
    repo.addDevice({ address: '10.0.2.1', port: 161, name: 'Printer-11', source: 'added' });
    const opening = sortDevices(queries.listRows(), DEFAULT_SORT);
    // By the name shown: its controls made visible ("[U+202E]evil" sorts before letters), digits as numbers, case and spaces ignored.
    expect(opening.map((r) => r.name ?? r.identity.sysName)).toEqual(['\u202Eevil', 'alpha', 'printer-1', 'Printer-2', 'printer-2', 'printer-3', 'printer-10', 'Printer-11', 'Zeta', null]);
    for (const count of [1, 4, 7, 10, 50]) expect(queries.firstRows(count), `first ${count}`).toEqual(opening.slice(0, count));
  });

  it('is empty for an empty store', () => {
    expect(queries.firstRows(100)).toEqual([]);
  });
});
