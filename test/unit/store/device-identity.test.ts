import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { aReading } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const T = 1_700_000_000_000;
let db: Database;
let repo: DevicesRepository;
beforeEach(() => ({ db, repo } = aMemoryStore(T)));
afterEach(() => db.close());

/** Stores one device read at `address` and returns its id. */
function stored(serial: string | null, mac: string | null, address: string, vendor = 'HP'): number {
  const [result] = repo.saveReadings([anEntry(aReading({ target: address, identity: { serial, mac, vendor } }), T)]);
  if (!result) throw new Error('no result');
  return result.deviceId;
}

describe('findDeviceKey', () => {
  it('prefers the row where serial and MAC both match', () => {
    stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    const both = stored('S1', '02:00:00:00:00:02', '10.0.0.2', 'Canon');
    expect(repo.findDeviceKey({ serial: 'S1', mac: '02:00:00:00:00:02', address: '10.9.9.9', port: 161 })).toBe(both);
  });

  it('matches by serial when the MAC differs (a second network card), case-insensitively', () => {
    const id = stored('CNB123', '02:00:00:00:00:01', '10.0.0.1');
    expect(repo.findDeviceKey({ serial: 'cnb123', mac: '02:00:00:00:00:99', address: '10.0.0.7', port: 161 })).toBe(id);
  });

  it('does not match a serial of a different known vendor', () => {
    stored('12345678', '02:00:00:00:00:01', '10.0.0.1', 'Canon');
    expect(repo.findDeviceKey({ serial: '12345678', mac: null, vendor: 'Ricoh', address: '10.0.0.2', port: 161 })).toBeNull();
    expect(repo.findDeviceKey({ serial: '12345678', mac: null, vendor: 'canon', address: '10.0.0.2', port: 161 })).not.toBeNull();
  });

  it('matches by MAC when the serial is unknown on either side', () => {
    const id = stored(null, '02:00:00:00:00:01', '10.0.0.1');
    expect(repo.findDeviceKey({ serial: 'NEW', mac: '02:00:00:00:00:01', address: '10.0.0.5', port: 161 })).toBe(id);
    const other = stored('S9', '02:00:00:00:00:09', '10.0.0.9');
    expect(repo.findDeviceKey({ serial: null, mac: '02:00:00:00:00:09', address: '10.0.0.5', port: 161 })).toBe(other);
  });

  it('does not match by MAC when both serials are known and differ (a print server moved to another printer)', () => {
    stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    expect(repo.findDeviceKey({ serial: 'S2', mac: '02:00:00:00:00:01', address: '10.0.0.1', port: 161 })).toBeNull();
  });

  it('matches a never-identified row at the same address and port, but not an identified one', () => {
    const { deviceId } = repo.addDevice({ address: '10.0.0.5', port: 161, source: 'added' });
    expect(repo.findDeviceKey({ serial: 'S1', mac: null, address: '10.0.0.5', port: 161 })).toBe(deviceId);
    expect(repo.findDeviceKey({ serial: 'S1', mac: null, address: '10.0.0.5', port: 1161 })).toBeNull();
    stored('S7', '02:00:00:00:00:07', '10.0.0.7');
    expect(repo.findDeviceKey({ serial: 'S8', mac: '02:00:00:00:00:08', address: '10.0.0.7', port: 161 })).toBeNull();
  });

  it('ignores placeholder serials and MACs so unrelated devices are not merged', () => {
    stored('0000000000', '00:00:00:00:00:00', '10.0.0.1');
    expect(repo.findDeviceKey({ serial: '0000000000', mac: '00:00:00:00:00:00', address: '10.0.0.2', port: 161 })).toBeNull();
  });
});

describe('saveReadings identity handling', () => {
  it('moves a device found at a new address and records the old address', () => {
    const id = stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    const moved = aReading({ target: '10.0.0.2', identity: { serial: 'S1', mac: '02:00:00:00:00:01' } });
    const [result] = repo.saveReadings([anEntry(moved, T + 60_000, '10.0.0.2', 1161)]);
    expect(result).toEqual({ deviceId: id, change: 'updated', addressChanged: { from: '10.0.0.1', to: '10.0.0.2:1161' }, mergedIds: [] });
    const device = repo.getDevice(id);
    expect(device).toMatchObject({ address: '10.0.0.2', port: 1161 });
    expect(device?.pastAddresses).toEqual([{ address: '10.0.0.1', port: 161, firstSeen: T, lastSeen: T }]);
    expect(repo.listDevices()).toHaveLength(1);
  });

  it('records an identity conflict instead of a move when the old address is said to still answer with that identity', () => {
    const id = stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    const clone = aReading({ target: '10.0.0.2', identity: { serial: 'S1', mac: '02:00:00:00:00:01', sysName: 'CLONE' } });
    const entry = { ...anEntry(clone, T + 60_000, '10.0.0.2'), stillAnswering: [{ address: '10.0.0.1', port: 161 }] };
    const [result] = repo.saveReadings([entry]);
    expect(result).toEqual({ deviceId: id, change: 'updated', addressChanged: null, mergedIds: [], identityConflict: { heldAt: '10.0.0.1', alsoAt: '10.0.0.2' } });
    const device = repo.getDevice(id);
    expect(device).toMatchObject({ address: '10.0.0.1', pastAddresses: [], identityConflict: { address: '10.0.0.2', port: 161, seenAt: T + 60_000 } });
    expect(device?.identity.sysName).not.toBe('CLONE');
    // The same conflict seen again changes nothing but its time.
    expect(repo.saveReadings([{ ...entry, at: T + 120_000 }])[0]?.change).toBe('unchanged');
    expect(repo.getDevice(id)?.identityConflict?.seenAt).toBe(T + 120_000);
    // A reading elsewhere that does not name the old address is still a move.
    expect(repo.saveReadings([anEntry(clone, T + 180_000, '10.0.0.3')])[0]?.addressChanged).toEqual({ from: '10.0.0.1', to: '10.0.0.3' });
  });

  it('folds a never-read placeholder at the reading address into the device identified by serial', () => {
    const id = stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    const placeholder = repo.addDevice({ address: '10.0.0.9', port: 161, name: 'Front desk', source: 'imported' }).deviceId;
    const [result] = repo.saveReadings([
      anEntry(aReading({ target: '10.0.0.9', identity: { serial: 'S1', mac: '02:00:00:00:00:01', sysName: 'NPI1' } }), T + 1),
    ]);
    expect(result).toMatchObject({ deviceId: id, change: 'updated', mergedIds: [placeholder] });
    expect(repo.getDevice(placeholder)).toBeNull();
    expect(repo.listDevices().map((d) => [d.id, d.address, d.name])).toEqual([[id, '10.0.0.9', 'Front desk']]);
  });

  it('identifies a placeholder in place when no device with that serial is known', () => {
    const placeholder = repo.addDevice({ address: '10.0.0.9', port: 161, source: 'added' }).deviceId;
    const [result] = repo.saveReadings([anEntry(aReading({ target: '10.0.0.9', identity: { serial: 'S1' } }), T + 1)]);
    expect(result).toMatchObject({ deviceId: placeholder, change: 'updated', mergedIds: [] });
    expect(repo.getDevice(placeholder)?.identity.serial).toBe('S1');
    expect(repo.getDevice(placeholder)?.source).toBe('added');
  });

  it('keeps two devices apart when a different printer now answers at a known address', () => {
    const first = stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    const [second] = repo.saveReadings([anEntry(aReading({ target: '10.0.0.1', identity: { serial: 'S2', mac: '02:00:00:00:00:02' } }), T + 1)]);
    expect(second?.change).toBe('new');
    expect(second?.deviceId).not.toBe(first);
    expect(repo.listDevices()).toHaveLength(2);
  });

  it('never erases a known serial or MAC with a reading that lacks them', () => {
    const id = stored('S1', '02:00:00:00:00:01', '10.0.0.1');
    repo.saveReadings([anEntry(aReading({ target: '10.0.0.1', identity: { serial: 'S1', mac: null } }), T + 1)]);
    expect(repo.getDevice(id)?.identity).toMatchObject({ serial: 'S1', mac: '02:00:00:00:00:01' });
  });

  it('merges two readings of the same device in one round (polled by two names) into one row', () => {
    const a = aReading({ target: '10.0.0.1' });
    const results = repo.saveReadings([anEntry(a, T, '10.0.0.1'), anEntry(a, T, 'printer1.example.com')]);
    expect(results.map((r) => r.deviceId)).toEqual([results[0]?.deviceId, results[0]?.deviceId]);
    expect(repo.listDevices()).toHaveLength(1);
  });
});
