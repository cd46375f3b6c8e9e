import { HR_DEVICE_TABLE, HR_PRINTER_TABLE } from '../mib/host-resources.oids';
import { IF_TABLE, SYSTEM_GROUP } from '../mib/mib2.oids';
import {
  PRT_ALERT_TABLE,
  PRT_GENERAL_TABLE,
  PRT_INPUT_TABLE,
  PRT_MARKER_COLORANT_TABLE,
  PRT_MARKER_SUPPLIES_TABLE,
  PRT_MARKER_TABLE,
} from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { isTooBig } from '../snmp/snmp-value';
import { findPrinterDevice } from './printer-device';

/**
 * What to read from a device for interpretStandard, split by how often it changes.
 *
 * Static — full read only: sysDescr, sysObjectID, sysContact, sysName, sysLocation; ifType and
 * ifPhysAddress (MAC); hrDeviceType (which row is the printer); prtGeneralSerialNumber; supply
 * class, type, description, unit, capacity and colorant; tray type, capacity, name,
 * description and media; marker counter units; the colorant names. The full read also learns
 * the table layout — which rows exist — that the routine poll relies on.
 *
 * Dynamic — every routine poll, as instance OIDs in one GET (typically 15–25 varbinds, about
 * 1.2 KB request + response): sysUpTime (a reboot shows as a drop), hrDeviceStatus,
 * hrPrinterStatus and hrPrinterDetectedErrorState of the printer row, prtMarkerLifeCount and
 * PowerOnCount of each marker, every supply level and every tray level. Only OIDs the full
 * read found are asked for. The alert table is walked whole (its rows come and go); empty, as
 * it usually is, that is one short request and reply.
 *
 * A new cartridge of another size (capacity) or a tray loaded with other media is picked up by
 * the next full read, which the scheduler repeats (e.g. daily and after a reboot).
 */

export interface FullReadPlan {
  /** Instance OIDs to GET in one request. */
  scalars: string[];
  /** Column groups walked together, one group per table; only the columns interpretStandard reads. */
  tables: string[][];
}

export interface RoutineReadPlan {
  /** Instance OIDs to GET: what changes, for the rows the full read found. */
  get: string[];
  /** prtAlertTable columns to walk; [] for a device without the Printer-MIB. */
  walk: string[];
}

/** prtAlertTable columns interpretStandard reads (index, location and time are not needed). */
const ALERT_COLUMNS = [
  PRT_ALERT_TABLE.prtAlertSeverityLevel,
  PRT_ALERT_TABLE.prtAlertTrainingLevel,
  PRT_ALERT_TABLE.prtAlertGroup,
  PRT_ALERT_TABLE.prtAlertGroupIndex,
  PRT_ALERT_TABLE.prtAlertCode,
  PRT_ALERT_TABLE.prtAlertDescription,
];

/** prtMarkerSuppliesTable columns interpretStandard reads. */
const SUPPLY_COLUMNS = [
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesColorantIndex,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesClass,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesType,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesSupplyUnit,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesMaxCapacity,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel,
];

/**
 * The supplies table and the colorant table its rows refer to: what is read in a profile's
 * `supplyContexts` when the default context has no supplies (both are in FULL_READ_PLAN too).
 */
export const SUPPLY_TABLES: readonly (readonly string[])[] = [SUPPLY_COLUMNS, [PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue]];

/** True when the snapshot has supply rows (a level or a description), as readSupplies counts them. */
export function hasSupplies(snapshot: MibSnapshot): boolean {
  return snapshot.column(PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel).length > 0 || snapshot.column(PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription).length > 0;
}

export const FULL_READ_PLAN: FullReadPlan = {
  scalars: Object.values(SYSTEM_GROUP),
  tables: [
    [IF_TABLE.ifType, IF_TABLE.ifPhysAddress],
    [HR_DEVICE_TABLE.hrDeviceType, HR_DEVICE_TABLE.hrDeviceStatus],
    [HR_PRINTER_TABLE.hrPrinterStatus, HR_PRINTER_TABLE.hrPrinterDetectedErrorState],
    [PRT_GENERAL_TABLE.prtGeneralSerialNumber],
    [
      PRT_INPUT_TABLE.prtInputType,
      PRT_INPUT_TABLE.prtInputMaxCapacity,
      PRT_INPUT_TABLE.prtInputCurrentLevel,
      PRT_INPUT_TABLE.prtInputMediaName,
      PRT_INPUT_TABLE.prtInputName,
      PRT_INPUT_TABLE.prtInputDescription,
    ],
    [PRT_MARKER_TABLE.prtMarkerCounterUnit, PRT_MARKER_TABLE.prtMarkerLifeCount, PRT_MARKER_TABLE.prtMarkerPowerOnCount],
    SUPPLY_COLUMNS,
    [PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue],
    ALERT_COLUMNS,
  ],
};

/** Instance OIDs below `column` for the rows the snapshot has in any of `rowColumns`. */
function rowOids(snapshot: MibSnapshot, column: string, rowColumns: readonly string[], out: string[]): void {
  const seen = new Set<string>();
  for (const rowColumn of rowColumns) {
    for (const row of snapshot.column(rowColumn)) {
      if (seen.has(row.index)) continue;
      seen.add(row.index);
      const oid = `${column}.${row.index}`;
      // A value too large to read stays marked as such: asking again every poll would only split the GET.
      const value = snapshot.get(oid);
      if (value !== undefined && !isTooBig(value)) out.push(oid);
    }
  }
}

/** The routine poll for a device a full read has filled `snapshot` for. Never throws. */
export function routineReadPlan(snapshot: MibSnapshot): RoutineReadPlan {
  const get: string[] = [];
  if (snapshot.has(SYSTEM_GROUP.sysUpTime)) get.push(SYSTEM_GROUP.sysUpTime);
  const printer = findPrinterDevice(snapshot);
  const hr = printer.hrIndex;
  if (hr !== null) {
    for (const column of [HR_DEVICE_TABLE.hrDeviceStatus, HR_PRINTER_TABLE.hrPrinterStatus, HR_PRINTER_TABLE.hrPrinterDetectedErrorState]) {
      const oid = `${column}.${hr}`;
      if (snapshot.has(oid)) get.push(oid);
    }
  }
  const markers = [PRT_MARKER_TABLE.prtMarkerLifeCount];
  rowOids(snapshot, PRT_MARKER_TABLE.prtMarkerLifeCount, markers, get);
  rowOids(snapshot, PRT_MARKER_TABLE.prtMarkerPowerOnCount, markers, get);
  const S = PRT_MARKER_SUPPLIES_TABLE;
  rowOids(snapshot, S.prtMarkerSuppliesLevel, [S.prtMarkerSuppliesLevel, S.prtMarkerSuppliesDescription], get);
  const I = PRT_INPUT_TABLE;
  rowOids(snapshot, I.prtInputCurrentLevel, [I.prtInputCurrentLevel, I.prtInputMaxCapacity, I.prtInputName], get);
  return { get, walk: usesPrinterMib(snapshot) ? [...ALERT_COLUMNS] : [] };
}

/** Devices without any Printer-MIB table (scanners, bare hrPrinter agents) have no alert table to walk. */
function usesPrinterMib(snapshot: MibSnapshot): boolean {
  return (
    snapshot.column(PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription).length > 0 ||
    snapshot.column(PRT_INPUT_TABLE.prtInputCurrentLevel).length > 0 ||
    snapshot.column(PRT_MARKER_TABLE.prtMarkerLifeCount).length > 0 ||
    snapshot.column(PRT_GENERAL_TABLE.prtGeneralSerialNumber).length > 0 ||
    snapshot.column(PRT_ALERT_TABLE.prtAlertCode).length > 0
  );
}
