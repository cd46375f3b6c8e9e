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
