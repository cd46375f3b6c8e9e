import type { DeviceReading } from '../src-shared/domain/device-reading';
import { openDatabase, type Database } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { aFailedReading, aReading, aToner, type ReadingOverrides } from '../test/helpers/reading-builders';

/**
 * The fleet the store-backed benches (metrics, ui) write straight into a store: a mix of
 * vendors, colour and mono, 5 % jammed, 10 % low on toner, 1 % not answering. Each bench
 * adds the supplies, trays, counters and alerts it measures to the shared part built here.
 */

export interface FleetModel {
  readonly vendor: string;
  readonly model: string;
  readonly colour: boolean;
}

export const FLEET_LOCATIONS = ['Reception', 'Finance', 'Engineering, 3rd floor', 'Warehouse', 'Sales', 'HR', 'Print room', 'Lab 2', 'Board room', 'Mail room'];

/** What a bench adds to device i's reading is built from (it answered). */
export interface FleetDevice {
  readonly kind: FleetModel;
  /** A supply level from 10 to 100 %, varied by `salt`. */
  readonly level: (salt: number) => number;
  readonly jammed: boolean;
  readonly lowToner: boolean;
  /** Black alone on mono devices; black, cyan, magenta and yellow on colour ones. */
  readonly toners: DeviceReading['supplies'];
  readonly pages: number;
}

/**
 * Device i of a fleet of `devices` on `addressPrefix`.x.y (a loopback range of the bench's own;
 * nothing polls it, monitoring is never started): 1 % fail; the others have their identity and
 * status here and what `parts` gives (supplies, trays, counters, alerts).
 */
export function fleetReading(
  i: number,
  fleet: { devices: number; addressPrefix: string; models: readonly [FleetModel, ...FleetModel[]] },
  parts: (device: FleetDevice) => Omit<ReadingOverrides, 'target' | 'identity' | 'status'>,
): DeviceReading {
  const target = `${fleet.addressPrefix}.${(i >> 8) & 255}.${i & 255}`;
  if (i % 100 === 42) return aFailedReading({}, target);
  const kind = fleet.models[i % fleet.models.length] ?? fleet.models[0];
  const hex = i.toString(16).padStart(6, '0');
  const level = (salt: number): number => 10 + ((i * 37 + salt * 53) % 91);
  const jammed = i % 20 === 7;
  const lowToner = !jammed && i % 10 === 3;
  const black = lowToner ? 4 : level(1);
  const toners = kind.colour ? [aToner(1, 'black', black), aToner(2, 'cyan', level(2)), aToner(3, 'magenta', level(3)), aToner(4, 'yellow', level(4))] : [aToner(1, 'black', black)];
  const pages = 1_000 + ((i * 7_919 + 1_234) % fleet.devices) * 37;
  return aReading({
    target,
    identity: {
      vendor: kind.vendor,
      model: kind.model,
      serial: `SN${String(i).padStart(8, '0')}`,
      mac: `02:00:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)}`,
      sysName: `PRN-${String(i).padStart(5, '0')}`,
      location: FLEET_LOCATIONS[i % FLEET_LOCATIONS.length] ?? null,
    },
    status: jammed
      ? { state: 'error', message: 'Paper jam', conditions: ['jammed'] }
      : lowToner
        ? { state: 'warning', message: 'Toner low: Black', conditions: ['lowToner'] }
        : { state: 'ok', message: 'Ready', conditions: [] },
    ...parts({ kind, level, jammed, lowToner, toners, pages }),
  });
}

/**
 * Writes `devices` readings (`reading(i)`) into a new store at `databaseFile` in one batch, lets
 * `more` add to the store (groups…) and closes it; returns the device ids in order.
 */
export function storeFleet(databaseFile: string, devices: number, reading: (i: number) => DeviceReading, more?: (db: Database, deviceIds: number[]) => void): number[] {
  const db = openDatabase(databaseFile);
  try {
    const at = Date.now();
    const ids = new DevicesRepository(db)
      .saveReadings(Array.from({ length: devices }, (_, i) => {
        const r = reading(i);
        return { target: { address: r.target, port: 161 }, reading: r, at };
      }))
      .map((saved) => saved.deviceId);
    more?.(db, ids);
    return ids;
  } finally {
    db.close();
  }
}
