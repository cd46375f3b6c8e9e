import { describe, expect, it } from 'vitest';
import { lowestMarkerPercent, naturalKey, nextSort, sortDevices, type SortState } from '../../../src-renderer/features/devices/device-sort';
import { aDevice, aToner } from './device-builders';

const ids = (devices: { id: number }[]) => devices.map((d) => d.id);

describe('device list sorting', () => {
  it('orders names naturally: printer-2 before printer-10, case ignored', () => {
    const devices = [aDevice({ id: 1, name: 'printer-10' }), aDevice({ id: 2, name: 'Printer-2' }), aDevice({ id: 3, name: 'printer-1' })];
    expect(ids(sortDevices(devices, { column: 'name', direction: 'asc' }))).toEqual([3, 2, 1]);
  });

  it('orders addresses by octet, not as text', () => {
    const devices = [aDevice({ id: 1, address: '10.0.0.100' }), aDevice({ id: 2, address: '10.0.0.9' }), aDevice({ id: 3, address: '9.255.0.1' })];
    expect(ids(sortDevices(devices, { column: 'address', direction: 'asc' }))).toEqual([3, 2, 1]);
  });

  it('puts unknown values last in both directions', () => {
    const devices = [aDevice({ id: 1, totalPages: null }), aDevice({ id: 2, totalPages: 5 }), aDevice({ id: 3, totalPages: 50 })];
    expect(ids(sortDevices(devices, { column: 'pages', direction: 'asc' }))).toEqual([2, 3, 1]);
    expect(ids(sortDevices(devices, { column: 'pages', direction: 'desc' }))).toEqual([3, 2, 1]);
  });

  it('shows the most urgent state first when sorting status ascending', () => {
    const devices = [aDevice({ id: 1, state: 'ok' }), aDevice({ id: 2, state: 'warning' }), aDevice({ id: 3, state: 'error' }), aDevice({ id: 4, state: 'offline' })];
    expect(ids(sortDevices(devices, { column: 'status', direction: 'asc' }))).toEqual([3, 2, 4, 1]);
  });

  it('sorts toner by the lowest marker level, ignoring waste receptacles', () => {
    const waste = { ...aToner('black', 1), type: 'wasteToner', class: 'receptacle' as const };
    const devices = [aDevice({ id: 1, supplies: [aToner('black', 50), waste] }), aDevice({ id: 2, supplies: [aToner('cyan', 80), aToner('black', 20)] }), aDevice({ id: 3, supplies: [] })];
    expect(lowestMarkerPercent(devices[0] ?? aDevice())).toBe(50);
    expect(ids(sortDevices(devices, { column: 'supplies', direction: 'asc' }))).toEqual([2, 1, 3]);
  });

  it('keeps id order for equal keys, so refetches do not shuffle rows', () => {
    const devices = [aDevice({ id: 3, name: 'same' }), aDevice({ id: 1, name: 'same' }), aDevice({ id: 2, name: 'same' })];
    expect(ids(sortDevices(devices, { column: 'name', direction: 'desc' }))).toEqual([1, 2, 3]);
  });

  it('does not change the array it is given', () => {
    const devices = [aDevice({ id: 2, name: 'b' }), aDevice({ id: 1, name: 'a' })];
    sortDevices(devices, { column: 'name', direction: 'asc' });
    expect(ids(devices)).toEqual([2, 1]);
  });

  it('flips direction on the same column and starts ascending on another', () => {
    const current: SortState = { column: 'name', direction: 'asc' };
    expect(nextSort(current, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'address')).toEqual({ column: 'address', direction: 'asc' });
  });

  it('treats blank text as unknown', () => {
    expect(naturalKey('  ')).toBeNull();
    expect(naturalKey(null)).toBeNull();
  });
});
