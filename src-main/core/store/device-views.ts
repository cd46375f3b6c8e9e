import {
  DEVICE_STATES,
  PRINTER_CONDITIONS,
  type CounterReading,
  type LevelQuality,
  type PrinterCondition,
  type SupplyReading,
  type TrayReading,
} from '../../../src-shared/domain/device-reading';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import type { DeviceDetail, DeviceSummary } from '../../../src-shared/domain/device.schemas';
import {
  DEVICE_SOURCES,
  type AlertRow,
  type CounterRow,
  type DeviceRow,
  type SupplyRow,
  type TrayRow,
} from './device-rows';

// The shapes the store returns are the contract's (zod-inferred) types, so a service hands
// them on without copying; the mapping below is the one place rows become them.
export type { DeviceDetail, DeviceSummary } from '../../../src-shared/domain/device.schemas';

/** The list view of a supply: enough for a level bar. */
export type SupplySummary = DeviceSummary['supplies'][number];

/** An alert with the time it was first seen active. */
export type StoredAlert = DeviceDetail['alerts'][number];

/** An address the device was read at before its current one. */
export type PastAddress = DeviceDetail['pastAddresses'][number];

/** Maps a devices row to the list view; unknown stored codes read as 'unknown'/'discovered'. */
export function toSummary(row: DeviceRow, supplies: SupplySummary[], totalPages: number | null): DeviceSummary {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    port: row.port,
    source: oneOf(DEVICE_SOURCES, row.source, 'discovered'),
    identity: {
      vendor: row.vendor,
      model: row.model,
      serial: row.serial,
      mac: row.mac,
      firmware: row.firmware,
      sysName: row.sys_name,
      sysDescr: row.sys_descr,
      sysObjectID: row.sys_object_id,
      location: row.location,
      contact: row.contact,
      uptimeSeconds: row.uptime_s,
    },
    state: oneOf(DEVICE_STATES, row.state, 'unknown'),
    message: row.status_message,
    conditions: parseConditions(row.conditions),
    supplies,
    totalPages,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    lastAttempt: row.last_attempt,
    lastError:
      row.last_error_code === null ? null : { code: row.last_error_code, message: row.last_error_message ?? '' },
    profileId: row.profile_id,
    missedPolls: row.missed_polls,
    missingSince: row.missing_since,
    identityConflict:
      row.conflict_address === null || row.conflict_port === null
        ? null
        : { address: row.conflict_address, port: row.conflict_port, seenAt: row.conflict_seen ?? row.last_seen ?? row.first_seen },
  };
}

/**
 * The devices columns of a console list row, in the order DEVICE_LIST_COLUMNS selects them: read
 * as raw tuples, which for a large fleet costs half as much as row objects.
 */
export type DeviceListTuple = [
  id: DeviceRow['id'],
  name: DeviceRow['name'],
  address: DeviceRow['address'],
  port: DeviceRow['port'],
  vendor: DeviceRow['vendor'],
  model: DeviceRow['model'],
  serial: DeviceRow['serial'],
  mac: DeviceRow['mac'],
  firmware: DeviceRow['firmware'],
  sysName: DeviceRow['sys_name'],
  location: DeviceRow['location'],
  state: DeviceRow['state'],
  message: DeviceRow['status_message'],
  conditions: DeviceRow['conditions'],
  lastSeen: DeviceRow['last_seen'],
  errorCode: DeviceRow['last_error_code'],
  errorMessage: DeviceRow['last_error_message'],
];
export const DEVICE_LIST_COLUMNS =
  'id, name, address, port, vendor, model, serial, mac, firmware, sys_name, location, state, status_message, conditions, last_seen, last_error_code, last_error_message';

/**
 * Maps a devices row (DeviceListTuple) to the console's list row, field for field as toSummary
 * maps it (`supplies`: the marker supplies only). Never throws.
 */
export function toListRow(row: DeviceListTuple, supplies: SupplySummary[], totalPages: number | null): DeviceListRow {
  const [id, name, address, port, vendor, model, serial, mac, firmware, sysName, location, state, message, conditions, lastSeen, errorCode, errorMessage] = row;
  return {
    id,
    name,
    address,
    port,
    identity: { vendor, model, serial, mac, firmware, sysName, location },
    state: oneOf(DEVICE_STATES, state, 'unknown'),
    message,
    conditions: parseConditions(conditions),
    supplies,
    totalPages,
    lastSeen,
    lastError: errorCode === null ? null : { code: errorCode, message: errorMessage ?? '' },
  };
}

/** The supplies columns the list view needs. */
export type SupplySummaryRow = Pick<SupplyRow, 'idx' | 'type' | 'class' | 'color' | 'description' | 'percent' | 'quality'>;

/** Maps a supplies row to the list view; unknown stored codes read as null/'unknown'. */
export function toSupplySummary(row: SupplySummaryRow): SupplySummary {
  return {
    index: row.idx,
    type: row.type,
    class: supplyClass(row.class),
    color: row.color,
    description: row.description,
    percent: row.percent,
    quality: quality(row.quality),
  };
}

/** Maps a supplies row back to the SupplyReading it was saved from; never throws. */
export function toSupply(row: SupplyRow): SupplyReading {
  return { ...toSupplySummary(row), level: row.level, max: row.max, unit: row.unit };
}

/** Maps a trays row back to the TrayReading it was saved from; never throws. */
export function toTray(row: TrayRow): TrayReading {
  return {
    index: row.idx,
    name: row.name,
    type: row.type,
    media: row.media,
    level: row.level,
    max: row.max,
    percent: row.percent,
    quality: quality(row.quality),
  };
}

/** Maps a counters row back to the CounterReading it was saved from; never throws. */
export function toCounter(row: CounterRow): CounterReading {
  return { name: row.name, unit: row.unit, value: row.value };
}

/** Maps an alerts row to the alert with the time it was first seen; never throws. */
export function toAlert(row: AlertRow): StoredAlert {
  return {
    severity: row.severity,
    group: row.alert_group,
    code: row.code,
    description: row.description,
    location: row.location,
    firstSeen: row.first_seen,
  };
}

/** Parses the stored conditions JSON, dropping anything that is not a known condition. */
export function parseConditions(json: string): PrinterCondition[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter((c): c is PrinterCondition => oneOf(PRINTER_CONDITIONS, c, null) !== null) : [];
}

const QUALITIES = ['exact', 'coarse', 'unknown'] as const satisfies readonly LevelQuality[];
const SUPPLY_CLASSES = ['consumed', 'receptacle', 'other'] as const;

function quality(text: string): LevelQuality {
  return oneOf(QUALITIES, text, 'unknown');
}

function supplyClass(text: string | null): SupplyReading['class'] {
  return oneOf(SUPPLY_CLASSES, text, null);
}

/** A stored state code as a device state; an unknown code reads as 'unknown'. */
export function toDeviceState(text: string): DeviceSummary['state'] {
  return oneOf(DEVICE_STATES, text, 'unknown');
}

function oneOf<T extends string, F>(values: readonly T[], value: unknown, fallback: F): T | F {
  return values.find((v) => v === value) ?? fallback;
}
