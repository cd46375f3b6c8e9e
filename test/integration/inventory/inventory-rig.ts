import { resolve } from 'node:path';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { InventoryService, type SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { loadProfiles } from '../../../src-main/core/profiles/profile-loader';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient, SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { openDatabase, type Database } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator, type SimulatorOptions } from '../../../src-main/simulator/simulator';

/**
 * The inventory layer wired as a host wires it — real net-snmp client, real SQLite store,
 * real profiles — against simulated printers on loopback, with a clock the test controls.
 */

export const PROFILES_DIR = resolve(__dirname, '../../../resources/profiles');
/** Real printer recordings shared by all engineers (read in place, never copied). */
export const RECORDINGS_DIR = resolve(__dirname, '../../../../shared/fixtures/printers/snmprec');

/** Short timeouts: every device is on loopback, so a reply that is late is a reply that is lost. */
export const V2C: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 1_000, retries: 1 };

/** Each round one minute after the last, so history rows are ordered and distinct. */
export class SteppingClock {
  constructor(private at = 1_700_000_000_000) {}
  readonly now = (): number => (this.at += 60_000);
}

/** The store and the service over it; one per database connection. */
export interface InventoryStack {
  db: Database;
  devices: DevicesRepository;
  reader: DeviceReader;
  service: InventoryService;
  client: SnmpClient;
  /** Closes the client, then the database. */
  close(): Promise<void>;
}

/** Profiles from resources/profiles; rejects as loadProfiles does. */
export function projectProfiles(): Promise<DeviceProfile[]> {
  return loadProfiles(PROFILES_DIR);
}

/** A service on `databaseFile` (":memory:" for a throwaway store) with its own SNMP client. */
export function openStack(databaseFile: string, profiles: readonly DeviceProfile[], clock = new SteppingClock()): InventoryStack {
  const db = openDatabase(databaseFile);
  const client = createSnmpClient();
  const devices = new DevicesRepository(db, { now: clock.now });
  const reader = new DeviceReader({ snmp: client, profiles });
  const service = new InventoryService({ reader, devices, profiles, now: clock.now });
  return {
    db,
    devices,
    reader,
    service,
    client,
    close: async () => {
      await client.close();
      db.close();
    },
  };
}

/** A deterministic demo fleet in which every device answers (the demo's "silent" ones included). */
export function answeringDemoFleet(count: number, seed: number): SimulatedDeviceSpec[] {
  return buildDemoFleet(count, seed).map(({ faults: _faults, ...spec }) => spec);
}

/** Starts the simulator on system-chosen ports below `baseAddress` (a /16 of its own per test file). */
export function startFleet(baseAddress: string, devices: SimulatedDeviceSpec[], extra: Omit<SimulatorOptions, 'devices' | 'baseAddress'> = {}): Promise<Simulator> {
  return startSimulator({ port: 0, ...extra, baseAddress, devices });
}

/** Where simulated device `name` answers, with the given SNMP settings. */
export function targetOf(simulator: Simulator, name: string, settings: SnmpSettings = V2C): SnmpTarget {
  const device = simulator.devices.find((d) => d.name === name);
  if (!device) throw new RangeError(`no simulated device named "${name}"`);
  return { ...settings, host: device.address, port: device.port };
}

/** Every simulated device as a target, in simulator order. */
export function targetsOf(simulator: Simulator, settings: SnmpSettings = V2C): SnmpTarget[] {
  return simulator.devices.map((d) => ({ ...settings, host: d.address, port: d.port }));
}

/** Requests and UDP payload bytes a piece of work cost the client. */
export interface Traffic {
  requests: number;
  bytes: number;
}

/** Runs `work` and reports what it sent and received through `client` (nothing else may use the client meanwhile). */
export async function measure<T>(client: SnmpClient, work: () => Promise<T>): Promise<{ value: T; traffic: Traffic }> {
  const before = client.stats();
  const value = await work();
  const after = client.stats();
  return {
    value,
    traffic: {
      requests: after.requests - before.requests,
      bytes: after.bytesSent + after.bytesReceived - before.bytesSent - before.bytesReceived,
    },
  };
}
