import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { Database } from './database';
import { DeviceMatcher } from './device-matcher';
import { DevicePartsWriter } from './device-parts.writer';
import { DEVICE_COLUMNS, type DeviceRow, type DeviceSource } from './device-rows';
import { normaliseMac, normaliseSerial } from './identity-keys';

/** One device's outcome of a poll or discovery round, as saveReadings receives it. */
export interface RoundEntry {
  /** Where the reading came from; becomes the device's current address when it succeeded. */
  target: { address: string; port: number };
  reading: DeviceReading;
  /** Static MIB values from a full read, stored as given; undefined keeps the stored one. */
  snapshot?: Uint8Array | string;
  /** Device profile chosen for the device; undefined keeps the stored one, null clears it. */
  profileId?: string | null;
  at: number;
  /** How a device first met in this round came into the store ('discovered' when it was read, 'added' when not). */
  source?: DeviceSource;
  /**
   * Endpoints the caller found still answering with this reading's identity in this round
   * (the store cannot ask the network). A row matched by identity that sits at one of them is
   * not moved here: the reading is an identity conflict, recorded on that row.
   */
  stillAnswering?: ReadonlyArray<{ address: string; port: number }>;
}

export interface SaveResult {
  deviceId: number;
  change: 'new' | 'updated' | 'unchanged';
  addressChanged: { from: string; to: string } | null;
  /** Never-identified rows at the same address that turned out to be this device, now deleted. */
  mergedIds: number[];
  /**
   * The reading carried the identity of device `deviceId`, which still answers at `heldAt`:
   * nothing of the reading was saved; the device records `alsoAt` as its conflict. Absent otherwise.
   */
  identityConflict?: { heldAt: string; alsoAt: string };
  /** Other devices whose identity conflict named this address, cleared because it answered as this device. Absent when none. */
  conflictsCleared?: number[];
}

const WRITABLE_COLUMNS = DEVICE_COLUMNS.split(', ').filter((c) => c !== 'id');

/** Columns whose change makes a reading count as 'updated'; the rest move every round. */
const TRACKED_COLUMNS = WRITABLE_COLUMNS.filter(
  (c) => !['uptime_s', 'last_seen', 'last_attempt', 'address_since'].includes(c),
) as (keyof DeviceRow)[];

/** Saves one reading at a time; the caller wraps a round in one transaction. */
export class ReadingWriter {
  private readonly matcher: DeviceMatcher;
  private readonly parts: DevicePartsWriter;
  private readonly insertDevice;
  private readonly updateDevice;
  private readonly touchDevice;
  private readonly touchUnchanged;
  private readonly recordFailure;
  private readonly deleteDevice;
  private readonly upsertAddress;
  private readonly insertStatus;
  private readonly upsertSnapshot;
  private readonly markConflict;
  private readonly clearConflicts;

  constructor(db: Database) {
    this.matcher = new DeviceMatcher(db);
    this.parts = new DevicePartsWriter(db);
    this.insertDevice = db.prepare<[DeviceRow]>(
      `INSERT INTO devices (${WRITABLE_COLUMNS.join(', ')}) VALUES (${WRITABLE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.updateDevice = db.prepare<[DeviceRow]>(
      `UPDATE devices SET ${WRITABLE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.touchDevice = db.prepare<[number | null, number, number, number, number]>(
      'UPDATE devices SET uptime_s = ?, last_seen = ?, last_attempt = ?, address_since = ? WHERE id = ?',
    );
    this.touchUnchanged = db.prepare<[number | null, number, number, number]>(
      'UPDATE devices SET uptime_s = ?, last_seen = ?, last_attempt = ? WHERE id = ? AND last_error_code IS NULL',
    );
    this.recordFailure = db.prepare<[number, string, string, number, number]>(
      `UPDATE devices SET last_attempt = ?, last_error_code = ?, last_error_message = ?,
         missed_polls = missed_polls + 1, missing_since = coalesce(missing_since, ?) WHERE id = ?`,
    );
    this.deleteDevice = db.prepare<[number]>('DELETE FROM devices WHERE id = ?');
    this.upsertAddress = db.prepare<[number, string, number, number, number]>(
      `INSERT INTO device_addresses (device_id, address, port, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id, address, port) DO UPDATE SET
         first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`,
    );
    this.insertStatus = db.prepare<[number, number, string, string, string]>(
      'INSERT INTO status_history (device_id, at, state, message, conditions) VALUES (?, ?, ?, ?, ?)',
    );
    this.markConflict = db.prepare<[string, number, number, number]>(
      'UPDATE devices SET conflict_address = ?, conflict_port = ?, conflict_seen = ? WHERE id = ?',
    );
    this.clearConflicts = db.prepare<[string, number, number], { id: number }>(
      `UPDATE devices SET conflict_address = NULL, conflict_port = NULL, conflict_seen = NULL
       WHERE conflict_address = ? AND conflict_port = ? AND id != ? RETURNING id`,
    );
    this.upsertSnapshot = db.prepare<[number, Uint8Array | string, number]>(
      `INSERT INTO device_snapshots (device_id, snapshot, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at
       WHERE snapshot IS NOT excluded.snapshot`,
    );
  }

  /**
   * Records that a device answered a routine poll with nothing new but its uptime. Must run
   * inside a transaction. Returns false when the device is gone or carries an error (the
   * caller must then save a full reading, which clears it).
   */
  touch(deviceId: number, uptimeSeconds: number | null, at: number): boolean {
    return this.touchUnchanged.run(uptimeSeconds, at, at, deviceId).changes > 0;
  }

  /** Saves one entry; must run inside a transaction. Throws only on database failure. */
  save(entry: RoundEntry): SaveResult {
    return entry.reading.ok ? this.saveSuccess(entry) : this.saveFailure(entry);
  }

  private saveSuccess(entry: RoundEntry): SaveResult {
    const { target, reading, at } = entry;
    const { identity, status } = reading;
    const found = this.matcher.match({
      serial: identity.serial,
      mac: identity.mac,
      vendor: identity.vendor,
      address: target.address,
      port: target.port,
    });
    const elsewhere = found !== undefined && (found.address !== target.address || found.port !== target.port);
    if (elsewhere && entry.stillAnswering?.some((e) => e.address === found.address && e.port === found.port)) {
      return this.saveConflict(found, target, at);
    }
    const base = found ?? newDeviceRow(target, at, entry.source ?? 'discovered');
    const next: DeviceRow = {
      ...base,
      serial: normaliseSerial(identity.serial) ?? base.serial,
      mac: normaliseMac(identity.mac) ?? base.mac,
      vendor: identity.vendor ?? base.vendor,
      model: identity.model ?? base.model,
      firmware: identity.firmware,
      name: base.name_set_by_user === 1 ? base.name : nonEmpty(identity.sysName),
      sys_name: identity.sysName,
      sys_descr: identity.sysDescr,
      sys_object_id: identity.sysObjectID,
      location: identity.location,
      contact: identity.contact,
      uptime_s: identity.uptimeSeconds,
      state: status.state,
      status_message: status.message,
      conditions: JSON.stringify(status.conditions),
      last_seen: at,
      last_attempt: at,
      last_error_code: null,
      last_error_message: null,
      missed_polls: 0,
      missing_since: null,
      profile_id: entry.profileId === undefined ? base.profile_id : entry.profileId,
    };
    // The address a conflict named now answers as this device (its own address fell silent): no conflict left.
    if (next.conflict_address === target.address && next.conflict_port === target.port) {
      next.conflict_address = null;
      next.conflict_port = null;
      next.conflict_seen = null;
    }

    const mergedIds: number[] = [];
    // Placeholders are only created at addresses no device holds, so a device read again at
    // its own address cannot have one to absorb: a routine round skips the query.
    const atOwnAddress = found !== undefined && found.address === target.address && found.port === target.port;
    const placeholders = atOwnAddress ? [] : this.matcher.unidentifiedAt(target.address, target.port);
    for (const placeholder of placeholders) {
      if (placeholder.id === found?.id) continue;
      // Keep what a person gave the placeholder: its name and how long it has been known.
      if (next.name_set_by_user === 0 && placeholder.name_set_by_user === 1) {
        next.name = placeholder.name;
        next.name_set_by_user = 1;
      }
      next.first_seen = Math.min(next.first_seen, placeholder.first_seen);
      this.deleteDevice.run(placeholder.id);
      mergedIds.push(placeholder.id);
    }

    let addressChanged: SaveResult['addressChanged'] = null;
    if (found !== undefined && (found.address !== target.address || found.port !== target.port)) {
      this.upsertAddress.run(found.id, found.address, found.port, found.address_since, found.last_seen ?? found.address_since);
      addressChanged = { from: endpoint(found.address, found.port), to: endpoint(target.address, target.port) };
      next.address = target.address;
      next.port = target.port;
      next.address_since = at;
    }

    const isNew = found === undefined;
    let changed = isNew || mergedIds.length > 0 || TRACKED_COLUMNS.some((c) => base[c] !== next[c]);
    if (isNew) next.id = Number(this.insertDevice.run(next).lastInsertRowid);
    else if (changed) this.updateDevice.run(next);
    // The usual case: only the clocks moved, so leave the indexed columns alone.
    else this.touchDevice.run(next.uptime_s, at, at, next.address_since, next.id);
    const id = next.id;
    // Whichever device this address answers as, it no longer claims another device's identity.
    const conflictsCleared = this.clearConflicts.all(target.address, target.port, id).map((r) => r.id);

    if (isNew || base.state !== next.state || base.status_message !== next.status_message || base.conditions !== next.conditions) {
      this.insertStatus.run(id, at, next.state, next.status_message, next.conditions);
    }
    if (entry.snapshot !== undefined) changed = this.upsertSnapshot.run(id, entry.snapshot, at).changes > 0 || changed;
    changed = this.parts.supplies(id, reading.supplies, at, isNew) || changed;
    changed = this.parts.trays(id, reading.trays, isNew) || changed;
    changed = this.parts.counters(id, reading.counters, at, isNew) || changed;
    changed = this.parts.alerts(id, reading.alerts, at, isNew) || changed;
    const result: SaveResult = { deviceId: id, change: isNew ? 'new' : changed ? 'updated' : 'unchanged', addressChanged, mergedIds };
    if (conflictsCleared.length > 0) result.conflictsCleared = conflictsCleared;
    return result;
  }

  /** Records that `target` answered with the identity of `holder`, which still answers at its own address; the reading itself is not kept. */
  private saveConflict(holder: DeviceRow, target: { address: string; port: number }, at: number): SaveResult {
    const known = holder.conflict_address === target.address && holder.conflict_port === target.port;
    this.markConflict.run(target.address, target.port, at, holder.id);
    return {
      deviceId: holder.id,
      change: known ? 'unchanged' : 'updated',
      addressChanged: null,
      mergedIds: [],
      identityConflict: { heldAt: endpoint(holder.address, holder.port), alsoAt: endpoint(target.address, target.port) },
    };
  }

  /** A failed read changes only the attempt and error: the last good data stays for the list. */
  private saveFailure(entry: RoundEntry): SaveResult {
    const { target, reading, at } = entry;
    const code = reading.error?.code ?? 'read-failed';
    const message = reading.error?.message ?? 'the device could not be read';
    const known = this.matcher.lastAt(target.address, target.port);
    if (known === undefined) {
      const row: DeviceRow = {
        ...newDeviceRow(target, at, entry.source ?? 'added'),
        last_attempt: at,
        last_error_code: code,
        last_error_message: message,
        missed_polls: 1,
        missing_since: at,
      };
      const deviceId = Number(this.insertDevice.run(row).lastInsertRowid);
      return { deviceId, change: 'new', addressChanged: null, mergedIds: [] };
    }
    this.recordFailure.run(at, code, message, at, known.id);
    const same = known.last_error_code === code && known.last_error_message === message;
    return { deviceId: known.id, change: same ? 'unchanged' : 'updated', addressChanged: null, mergedIds: [] };
  }
}

/** The row of a device the store has not met: known only by the address it was reached at. */
export function newDeviceRow(target: { address: string; port: number }, at: number, source: DeviceSource): DeviceRow {
  return {
    id: 0,
    serial: null,
    mac: null,
    address: target.address,
    port: target.port,
    address_since: at,
    name: null,
    name_set_by_user: 0,
    vendor: null,
    model: null,
    firmware: null,
    sys_name: null,
    sys_descr: null,
    sys_object_id: null,
    location: null,
    contact: null,
    uptime_s: null,
    state: 'unknown',
    status_message: '',
    conditions: '[]',
    first_seen: at,
    last_seen: null,
    last_attempt: null,
    last_error_code: null,
    last_error_message: null,
    source,
    profile_id: null,
    missed_polls: 0,
    missing_since: null,
    conflict_address: null,
    conflict_port: null,
    conflict_seen: null,
  };
}

/** "10.0.0.5", or with the port when it is not SNMP's 161 ("10.0.0.5:1161", "[::1]:1161"). */
export function endpoint(address: string, port: number): string {
  if (port === 161) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function nonEmpty(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
