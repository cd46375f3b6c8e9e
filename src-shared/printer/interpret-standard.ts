import type { AlertReading, CounterReading, DeviceStatus, SupplyReading, TrayReading } from '../domain/device-reading';
import { HR_DEVICE_TABLE, HR_PRINTER_TABLE } from '../mib/host-resources.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { asBytes, asNumber } from '../snmp/snmp-value';
import { decodeErrorState } from '../status/error-state.decoder';
import { deriveStatus } from '../status/status-deriver';
import type { SupplyQuirks } from '../supplies/supply-quirks';
import { readAlerts } from './alert-table.reader';
import { readCounters } from './counter-reader';
import { readIdentity, type StandardIdentity } from './identity-reader';
import { findPrinterDevice } from './printer-device';
import { readSupplies, readTrays } from './supply-table.reader';

/** What the standard MIBs (MIB-II, HOST-RESOURCES, Printer-MIB) say about one device. */
export interface StandardInterpretation {
  identity: StandardIdentity;
  status: DeviceStatus;
  supplies: SupplyReading[];
  trays: TrayReading[];
  counters: CounterReading[];
  alerts: AlertReading[];
  /** The device has a HOST-RESOURCES printer or answers the Printer-MIB. */
  isPrinter: boolean;
}

/** What a snapshot says about the printer's state: everything in StandardInterpretation but who it is. */
export type PrinterState = Pick<StandardInterpretation, 'status' | 'supplies' | 'trays' | 'counters' | 'alerts'>;

/**
 * Interprets a snapshot from a full read or one refreshed by a routine poll (same rules
 * either way: static columns stay in the snapshot, dynamic ones are overwritten). `quirks`
 * are the matched profile's supply quirks. Pure and cheap: called for every device on every
 * poll. Never throws; what the device does not answer comes out null or empty.
 */
export function interpretStandard(snapshot: MibSnapshot, quirks?: SupplyQuirks): StandardInterpretation {
  const printer = findPrinterDevice(snapshot);
  const state = interpretPrinterState(snapshot, printer.hrIndex, quirks);
  return {
    identity: readIdentity(snapshot, printer.hrIndex),
    status: state.status,
    supplies: state.supplies,
    trays: state.trays,
    counters: state.counters,
    alerts: state.alerts,
    isPrinter: printer.isPrinter,
  };
}

/** interpretStandard without the identity, for the printer at hrDeviceIndex `hr` (see findPrinterDevice). Never throws. */
export function interpretPrinterState(snapshot: MibSnapshot, hr: string | null, quirks?: SupplyQuirks): PrinterState {
  const supplies = readSupplies(snapshot, quirks);
  const trays = readTrays(snapshot);
  const { alerts, forStatus } = readAlerts(snapshot, supplies, trays);
  const status = deriveStatus({
    deviceStatus: hr === null ? null : asNumber(snapshot.get(`${HR_DEVICE_TABLE.hrDeviceStatus}.${hr}`)),
    printerStatus: hr === null ? null : asNumber(snapshot.get(`${HR_PRINTER_TABLE.hrPrinterStatus}.${hr}`)),
    conditions: hr === null ? [] : decodeErrorState(asBytes(snapshot.get(`${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.${hr}`))),
    alerts: forStatus,
    supplies,
    trays,
  });
  return { status, supplies, trays, counters: readCounters(snapshot, hr), alerts };
}
