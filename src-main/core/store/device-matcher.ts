import type { Database } from './database';
import { DEVICE_COLUMNS, deviceRowOf, type DeviceRow, type DeviceTuple } from './device-rows';
import { normaliseMac, normaliseSerial, vendorsCompatible } from './identity-keys';

/** What a reading says about who answered at an address. */
export interface DeviceKeyQuery {
  serial: string | null;
  mac: string | null;
  address: string;
  port: number;
  /** When known, a serial match with a different vendor is not the same device. */
  vendor?: string | null;
}

/** Finds stored devices by the identity rule of README.md; prepared statements live as long as this object. */
export class DeviceMatcher {
  private readonly bySerialAndMac;
  private readonly bySerial;
  private readonly byMac;
  private readonly unidentifiedAtAddress;
  private readonly anyAtAddress;

  constructor(db: Database) {
    const select = `SELECT ${DEVICE_COLUMNS} FROM devices`;
    // Most recently read first, so that among stale duplicates the live row wins.
    const order = 'ORDER BY last_seen DESC NULLS LAST, id';
    // Value lists made into rows by deviceRowOf: cheaper than the driver's row objects.
    this.bySerialAndMac = db.prepare<[string, string], DeviceTuple>(`${select} WHERE serial = ? AND mac = ? ${order} LIMIT 1`).raw(true);
    this.bySerial = db.prepare<[string], DeviceTuple>(`${select} WHERE serial = ? ${order}`).raw(true);
    this.byMac = db.prepare<[string], DeviceTuple>(`${select} WHERE mac = ? ${order}`).raw(true);
    this.unidentifiedAtAddress = db
      .prepare<[string, number], DeviceTuple>(`${select} WHERE address = ? AND port = ? AND serial IS NULL AND mac IS NULL ORDER BY id`)
      .raw(true);
    this.anyAtAddress = db.prepare<[string, number], DeviceTuple>(`${select} WHERE address = ? AND port = ? ${order} LIMIT 1`).raw(true);
  }

  /**
   * The stored device a successful reading belongs to, or undefined for a new device:
   * serial+MAC, then serial (vendor compatible), then MAC (unless both serials are known and
   * differ), then an unidentified row at the same address and port. Never throws for bad input.
   */
  match(query: DeviceKeyQuery): DeviceRow | undefined {
    const serial = normaliseSerial(query.serial);
    const mac = normaliseMac(query.mac);
    const vendor = query.vendor ?? null;
    if (serial !== null && mac !== null) {
      const row = this.bySerialAndMac.get(serial, mac);
      if (row) return deviceRowOf(row);
    }
    if (serial !== null) {
      const row = this.bySerial.all(serial).find((r) => vendorsCompatible(r[8], vendor));
      if (row) return deviceRowOf(row);
    }
    if (mac !== null) {
      const row = this.byMac.all(mac).find((r) => r[1] === null || serial === null);
      if (row) return deviceRowOf(row);
    }
    return this.unidentifiedAt(query.address, query.port)[0];
  }

  /** Rows at this address and port that no reading has identified yet (added, imported, never read). */
  unidentifiedAt(address: string, port: number): DeviceRow[] {
    return this.unidentifiedAtAddress.all(address, port).map(deviceRowOf);
  }

  /** The device last read at this address and port: where a failed reading's error belongs. */
  lastAt(address: string, port: number): DeviceRow | undefined {
    const row = this.anyAtAddress.get(address, port);
    return row === undefined ? undefined : deviceRowOf(row);
  }
}
