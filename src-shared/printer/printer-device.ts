import { HR_DEVICE_PRINTER_TYPE, HR_DEVICE_TABLE, HR_PRINTER_TABLE } from '../mib/host-resources.oids';
import { PRT_GENERAL_TABLE, PRT_INPUT_TABLE, PRT_MARKER_SUPPLIES_TABLE, PRT_MARKER_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { asOid } from '../snmp/snmp-value';

/** Where a device's printer lives in the standard MIBs. */
export interface PrinterDevice {
  /** hrDeviceIndex of the printer (indexes hrPrinterTable and every Printer-MIB table), or null. */
  hrIndex: string | null;
  /** The device answers HOST-RESOURCES printer rows or the Printer-MIB: it is a printer. */
  isPrinter: boolean;
}

/** Printer-MIB columns that every implementation fills in at least one of. */
const PRINTER_MIB_PROBES = [
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel,
  PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription,
  PRT_INPUT_TABLE.prtInputCurrentLevel,
  PRT_INPUT_TABLE.prtInputName,
  PRT_MARKER_TABLE.prtMarkerLifeCount,
  PRT_GENERAL_TABLE.prtGeneralSerialNumber,
];

function firstArc(index: string): string {
  const dot = index.indexOf('.');
  return dot === -1 ? index : index.slice(0, dot);
}

/**
 * Finds the printer: the hrDeviceTable row typed hrDevicePrinter, else the hrPrinterTable
 * row, else the hrDeviceIndex the Printer-MIB rows use. A scanner or a bare print server with
 * none of these is not a printer. Never throws.
 */
export function findPrinterDevice(snapshot: MibSnapshot): PrinterDevice {
  for (const row of snapshot.column(HR_DEVICE_TABLE.hrDeviceType)) {
    if (asOid(row.value) === HR_DEVICE_PRINTER_TYPE) return { hrIndex: row.index, isPrinter: true };
  }
  const hrPrinter = snapshot.column(HR_PRINTER_TABLE.hrPrinterStatus)[0] ?? snapshot.column(HR_PRINTER_TABLE.hrPrinterDetectedErrorState)[0];
  if (hrPrinter) return { hrIndex: hrPrinter.index, isPrinter: true };
  for (const column of PRINTER_MIB_PROBES) {
    const row = snapshot.column(column)[0];
    if (row) return { hrIndex: firstArc(row.index), isPrinter: true };
  }
  return { hrIndex: null, isPrinter: false };
}
