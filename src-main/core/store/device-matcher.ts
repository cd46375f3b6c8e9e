import type { Database } from './database';
import { DEVICE_COLUMNS, type DeviceRow } from './device-rows';
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
    this.bySerialAndMac = db.prepare<[string, string], DeviceRow>(`${select} WHERE serial = ? AND mac = ? ${order} LIMIT 1`);
    this.bySerial = db.prepare<[string], DeviceRow>(`${select} WHERE serial = ? ${order}`);
    this.byMac = db.prepare<[string], DeviceRow>(`${select} WHERE mac = ? ${order}`);
    this.unidentifiedAtAddress = db.prepare<[string, number], DeviceRow>(
      `${select} WHERE address = ? AND port = ? AND serial IS NULL AND mac IS NULL ORDER BY id`,
    );
    this.anyAtAddress = db.prepare<[string, number], DeviceRow>(`${select} WHERE address = ? AND port = ? ${order} LIMIT 1`);
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
      if (row) return row;
    }
    if (serial !== null) {
      const row = this.bySerial.all(serial).find((r) => vendorsCompatible(r.vendor, vendor));
      if (row) return row;
    }
    if (mac !== null) {
      const row = this.byMac.all(mac).find((r) => r.serial === null || serial === null);
      if (row) return row;
    }
    return this.unidentifiedAt(query.address, query.port)[0];
  }

  /** Rows at this address and port that no reading has identified yet (added, imported, never read). */
  unidentifiedAt(address: string, port: number): DeviceRow[] {
    return this.unidentifiedAtAddress.all(address, port);
  }

  /** The device last read at this address and port: where a failed reading's error belongs. */
  lastAt(address: string, port: number): DeviceRow | undefined {
    return this.anyAtAddress.get(address, port);
  }
}
