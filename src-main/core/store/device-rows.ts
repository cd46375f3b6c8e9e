/** Row shapes as SQLite returns them (snake_case columns), shared by the writers and queries. */

export const DEVICE_SOURCES = ['added', 'imported', 'discovered'] as const;
/** How a device first came into the store. */
export type DeviceSource = (typeof DEVICE_SOURCES)[number];

export interface DeviceRow {
  id: number;
  serial: string | null;
  mac: string | null;
  address: string;
  port: number;
  address_since: number;
  name: string | null;
  name_set_by_user: number;
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  sys_name: string | null;
  sys_descr: string | null;
  sys_object_id: string | null;
  location: string | null;
  contact: string | null;
  uptime_s: number | null;
  state: string;
  status_message: string;
  conditions: string;
  first_seen: number;
  last_seen: number | null;
  last_attempt: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  source: string;
  profile_id: string | null;
  /** Failed reads in a row (0 after a good one). */
  missed_polls: number;
  /** When the current run of failed reads began; null while the device answers. */
  missing_since: number | null;
  /** Another address that answered with this device's serial and MAC while it answered here (identity conflict); null when none. */
  conflict_address: string | null;
  conflict_port: number | null;
  /** When that address last answered so. */
  conflict_seen: number | null;
}

export const DEVICE_COLUMNS =
  'id, serial, mac, address, port, address_since, name, name_set_by_user, vendor, model, firmware, sys_name, ' +
  'sys_descr, sys_object_id, location, contact, uptime_s, state, status_message, conditions, first_seen, ' +
  'last_seen, last_attempt, last_error_code, last_error_message, source, profile_id, missed_polls, missing_since, ' +
  'conflict_address, conflict_port, conflict_seen';

/** A devices row selected as a value list (DEVICE_COLUMNS, in order). */
export type DeviceTuple = [
  id: number, serial: string | null, mac: string | null, address: string, port: number, addressSince: number,
  name: string | null, nameSetByUser: number, vendor: string | null, model: string | null, firmware: string | null,
  sysName: string | null, sysDescr: string | null, sysObjectId: string | null, location: string | null,
  contact: string | null, uptimeS: number | null, state: string, statusMessage: string, conditions: string,
  firstSeen: number, lastSeen: number | null, lastAttempt: number | null, lastErrorCode: string | null,
  lastErrorMessage: string | null, source: string, profileId: string | null, missedPolls: number,
  missingSince: number | null, conflictAddress: string | null, conflictPort: number | null, conflictSeen: number | null,
];

/**
 * The row of a DeviceTuple. Every saved reading looks its device up, and better-sqlite3 builds
 * a row object key by key, which costs more than the lookup: the matcher selects value lists
 * and makes the object here (same keys, same order).
 */
export function deviceRowOf(t: DeviceTuple): DeviceRow {
  return {
    id: t[0],
    serial: t[1],
    mac: t[2],
    address: t[3],
    port: t[4],
    address_since: t[5],
    name: t[6],
    name_set_by_user: t[7],
    vendor: t[8],
    model: t[9],
    firmware: t[10],
    sys_name: t[11],
    sys_descr: t[12],
    sys_object_id: t[13],
    location: t[14],
    contact: t[15],
    uptime_s: t[16],
    state: t[17],
    status_message: t[18],
    conditions: t[19],
    first_seen: t[20],
    last_seen: t[21],
    last_attempt: t[22],
    last_error_code: t[23],
    last_error_message: t[24],
    source: t[25],
    profile_id: t[26],
    missed_polls: t[27],
    missing_since: t[28],
    conflict_address: t[29],
    conflict_port: t[30],
    conflict_seen: t[31],
  };
}

export interface SupplyRow {
  device_id: number;
  idx: string;
  position: number;
  type: string | null;
  class: string | null;
  color: string | null;
  description: string;
  level: number | null;
  max: number | null;
  unit: string | null;
  percent: number | null;
  quality: string;
  recorded_at: number | null;
  recorded_level: number | null;
  recorded_percent: number | null;
}

export interface TrayRow {
  device_id: number;
  idx: string;
  position: number;
  name: string;
  type: string | null;
  media: string | null;
  level: number | null;
  max: number | null;
  percent: number | null;
  quality: string;
}

export interface CounterRow {
  device_id: number;
  name: string;
  position: number;
  unit: string;
  value: number;
  recorded_at: number | null;
  recorded_value: number | null;
}

export interface AlertRow {
  id: number;
  device_id: number;
  position: number;
  severity: string;
  alert_group: string | null;
  code: string | null;
  description: string;
  location: string | null;
  first_seen: number;
}
