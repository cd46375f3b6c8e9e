import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type DeviceFilter } from '../../../src-shared/filters/device-filter';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { GroupsRepository } from '../../../src-main/core/store/groups.repository';
import { aReading } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
let db: Database;
let devices: DevicesRepository;
let groups: GroupsRepository;
beforeEach(() => {
  ({ db, repo: devices } = aMemoryStore(T));
  groups = new GroupsRepository(db);
});
afterEach(() => db.close());

const errors: DeviceFilter = { ...EMPTY_FILTER, states: ['error'] };
const addDevice = (address: string): number => devices.addDevice({ address, port: 161, source: 'added' }).deviceId;

describe('GroupsRepository: groups', () => {
  it('creates an empty static group and fills it later, skipping unknown devices and repeats', () => {
    const a = addDevice('10.0.0.1');
    const b = addDevice('10.0.0.2');
    const group = groups.createGroup({ name: 'Finance', kind: 'static', filter: null });
    expect(group).toEqual({ id: group.id, name: 'Finance', kind: 'static', filter: null, memberIds: [] });
    expect(groups.addMembers(group.id, [b, a, 999, a])).toBe(2);
    expect(groups.getGroup(group.id)?.memberIds).toEqual([a, b]);
    expect(groups.removeMembers(group.id, [a, 999])).toBe(1);
    expect(groups.getGroup(group.id)?.memberIds).toEqual([b]);
  });

  it('lets a device be in several groups and drops it from all when it is removed', () => {
    const a = addDevice('10.0.0.1');
    const one = groups.createGroup({ name: 'One', kind: 'static', filter: null });
    const two = groups.createGroup({ name: 'Two', kind: 'static', filter: null });
    groups.addMembers(one.id, [a]);
    groups.addMembers(two.id, [a]);
    expect(groups.listGroups().map((g) => [g.name, g.memberIds])).toEqual([['One', [a]], ['Two', [a]]]);
    devices.removeDevices([a]);
    expect(groups.listGroups().map((g) => [g.name, g.memberIds])).toEqual([['One', []], ['Two', []]]);
  });

  it('stores a smart group with its filter and never gives it member rows', () => {
    const a = addDevice('10.0.0.1');
    const smart = groups.createGroup({ name: 'Errors', kind: 'smart', filter: errors });
    expect(smart).toMatchObject({ kind: 'smart', filter: errors, memberIds: [] });
    expect(groups.addMembers(smart.id, [a])).toBe(0);
    expect(groups.getGroup(smart.id)?.memberIds).toEqual([]);
  });

  it('rejects a smart group without a filter and a static group with one', () => {
    expect(() => groups.createGroup({ name: 'x', kind: 'smart', filter: null })).toThrow(/needs a filter/);
    expect(() => groups.createGroup({ name: 'y', kind: 'static', filter: errors })).toThrow(/has no filter/);
    expect(groups.listGroups()).toEqual([]);
  });

  it('refuses a name already taken in another case with store-conflict, on create and on rename', () => {
    groups.createGroup({ name: 'Finance', kind: 'static', filter: null });
    const other = groups.createGroup({ name: 'Sales', kind: 'static', filter: null });
    expect(() => groups.createGroup({ name: 'FINANCE', kind: 'static', filter: null })).toThrow(expect.objectContaining({ code: 'store-conflict' }));
    expect(() => groups.updateGroup(other.id, { name: 'finance' })).toThrow(expect.objectContaining({ code: 'store-conflict' }));
    expect(groups.getGroup(other.id)?.name).toBe('Sales');
  });

  it('renames a group and replaces a smart filter; null for an unknown group', () => {
    const smart = groups.createGroup({ name: 'Errors', kind: 'smart', filter: errors });
    const offline: DeviceFilter = { ...EMPTY_FILTER, unreachable: true };
    expect(groups.updateGroup(smart.id, { name: 'Offline', filter: offline })).toMatchObject({ name: 'Offline', filter: offline });
    expect(groups.updateGroup(12345, { name: 'Nope' })).toBeNull();
  });

  it('deletes a group without touching its devices', () => {
    const a = addDevice('10.0.0.1');
    const group = groups.createGroup({ name: 'G', kind: 'static', filter: null });
    groups.addMembers(group.id, [a]);
    expect(groups.removeGroup(group.id)).toBe(true);
    expect(groups.removeGroup(group.id)).toBe(false);
    expect(devices.listDevices().map((d) => d.id)).toEqual([a]);
  });

  it('reads a smart group whose stored filter is damaged as having no filter', () => {
    const smart = groups.createGroup({ name: 'Errors', kind: 'smart', filter: errors });
    db.prepare("UPDATE groups SET filter = '{\"states\": [\"exploded\"]}' WHERE id = ?").run(smart.id);
    expect(groups.getGroup(smart.id)?.filter).toBeNull();
  });
});

describe('GroupsRepository: saved filters', () => {
  it('saves filters by name, replacing one with the same name in any case', () => {
    const first = groups.saveFilter('Errors', errors);
    const low: DeviceFilter = { ...EMPTY_FILTER, tonerLow: true };
    groups.saveFilter('Toner low', low);
    const replaced = groups.saveFilter('errors', { ...errors, fields: { location: 'floor 3' } });
    expect(replaced.id).toBe(first.id);
    expect(groups.listFilters()).toEqual([
      { id: first.id, name: 'errors', filter: { ...errors, fields: { location: 'floor 3' } } },
      { id: expect.any(Number), name: 'Toner low', filter: low },
    ]);
    expect(groups.removeFilter(first.id)).toBe(true);
    expect(groups.removeFilter(first.id)).toBe(false);
    expect(groups.listFilters().map((f) => f.name)).toEqual(['Toner low']);
  });
});

describe('DevicesRepository additions for the console', () => {
  it('renames a device, and an empty name gives back the name the device reports', () => {
    const id = devices.saveReadings([anEntry(aReading({ identity: { sysName: 'PRN-7' } }), T)])[0]?.deviceId ?? -1;
    expect(devices.renameDevice(id, '  Front desk ')).toBe(true);
    expect(devices.getDevice(id)?.name).toBe('Front desk');
    // A later reading keeps the given name.
    devices.saveReadings([anEntry(aReading({ identity: { sysName: 'PRN-7' } }), T + 1)]);
    expect(devices.getDevice(id)?.name).toBe('Front desk');
    expect(devices.renameDevice(id, ' ')).toBe(true);
    expect(devices.getDevice(id)?.name).toBe('PRN-7');
    expect(devices.renameDevice(9999, 'x')).toBe(false);
  });

  it('adds many devices in one transaction: all of them, or none when one is bad', () => {
    const results = devices.addDevices([
      { address: '10.0.0.1', port: 161, source: 'imported', hints: { vendor: 'HP', model: 'M479', location: 'Lab' } },
      { address: '10.0.0.1', port: 161, source: 'imported' },
    ]);
    expect(results.map((r) => r.created)).toEqual([true, false]);
    expect(devices.listDevices()[0]).toMatchObject({ source: 'imported', lastSeen: null, identity: { vendor: 'HP', model: 'M479', location: 'Lab' } });
    expect(() => devices.addDevices([{ address: '10.0.0.2', port: 161, source: 'imported' }, { address: '10.0.0.3', port: 0, source: 'imported' }])).toThrow(RangeError);
    expect(devices.countDevices()).toBe(1);
  });
});
