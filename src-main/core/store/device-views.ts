import {
  DEVICE_STATES,
  PRINTER_CONDITIONS,
  type CounterReading,
  type LevelQuality,
  type PrinterCondition,
  type SupplyReading,
  type TrayReading,
} from '../../../src-shared/domain/device-reading';
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

function oneOf<T extends string, F>(values: readonly T[], value: unknown, fallback: F): T | F {
  return values.find((v) => v === value) ?? fallback;
}
