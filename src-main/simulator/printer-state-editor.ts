import { PRINTER_CONDITIONS, type PrinterCondition } from '../../src-shared/domain/device-reading';
import type { MibStore } from './mib-store';

/**
 * Changes a simulated printer's state the way a real one shows it over SNMP: error bits,
 * the device and printer status that go with them, and prtAlertTable rows (RFC 3805).
 */

export const PRINTER_OIDS = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
  hrDeviceType: '1.3.6.1.2.1.25.3.2.1.2',
  hrDeviceStatus: '1.3.6.1.2.1.25.3.2.1.5',
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2',
  prtGeneralSerialNumber: '1.3.6.1.2.1.43.5.1.1.17',
  prtAlertCriticalEvents: '1.3.6.1.2.1.43.5.1.1.18',
  prtAlertAllEvents: '1.3.6.1.2.1.43.5.1.1.19',
  prtInputCurrentLevel: '1.3.6.1.2.1.43.8.2.1.10',
  prtMarkerLifeCount: '1.3.6.1.2.1.43.10.2.1.4',
  prtMarkerSuppliesMaxCapacity: '1.3.6.1.2.1.43.11.1.1.8',
  prtMarkerSuppliesLevel: '1.3.6.1.2.1.43.11.1.1.9',
  prtAlertEntry: '1.3.6.1.2.1.43.18.1.1',
} as const;

const HR_DEVICE_PRINTER = '1.3.6.1.2.1.25.3.1.5';
const HR_DEVICE_STATUS = { running: 2, warning: 3, down: 5 } as const;
const HR_PRINTER_STATUS = { other: 1, idle: 3 } as const;
const ALERT_SEVERITY = { other: 1, critical: 3, warning: 4 } as const;

/**
 * Conditions that stop printing. RFC 3805 §2.2.13.2 pairs these with hrDeviceStatus down(5)
 * and hrPrinterStatus other(1); the rest only warn: warning(3) while the printer stays idle.
 */
const CRITICAL: ReadonlySet<PrinterCondition> = new Set<PrinterCondition>([
  'noPaper',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputFull',
]);

export interface SimAlert {
  severity: 'critical' | 'warning' | 'other';
  /** IANA PrtAlertGroupTC (8 input, 6 cover, 11 markerSupplies, 13 mediaPath …). */
  group: number;
  groupIndex: number;
  location: number;
  /** IANA PrtAlertCodeTC (8 jam, 3 coverOpen, 808 inputMediaSupplyEmpty, 1104 markerTonerAlmostEmpty …). */
  code: number;
  description: string;
  /** PrtAlertTrainingLevelTC, untrained(3) by default. */
  trainingLevel?: number;
}

/** The hrPrinterDetectedErrorState bytes for `conditions` (bit 0 = MSB of the first byte). */
export function encodeErrorState(conditions: readonly PrinterCondition[]): Uint8Array {
  const bytes = new Uint8Array(2);
  for (const condition of conditions) {
    const bit = PRINTER_CONDITIONS.indexOf(condition);
    if (bit < 0) throw new RangeError(`unknown printer condition "${String(condition)}"`);
    bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  }
  return bytes;
}

/** The hrDeviceIndex of the printer row: first hrPrinterTable row, else an hrDevicePrinter row, else "1". */
export function printerDeviceIndex(store: MibStore): string {
  const printerRow = store.oidsUnder(PRINTER_OIDS.hrPrinterStatus)[0];
  if (printerRow) return printerRow.slice(PRINTER_OIDS.hrPrinterStatus.length + 1);
  for (const oid of store.oidsUnder(PRINTER_OIDS.hrDeviceType)) {
    const value = store.get(oid);
    if (value?.type === 'ObjectIdentifier' && value.value === HR_DEVICE_PRINTER) return oid.slice(PRINTER_OIDS.hrDeviceType.length + 1);
  }
  return '1';
}

/** Sets the error bits and a matching hrDeviceStatus / hrPrinterStatus; throws RangeError for unknown conditions. */
export function applyErrorState(store: MibStore, conditions: readonly PrinterCondition[]): void {
  const index = printerDeviceIndex(store);
  const critical = conditions.some((c) => CRITICAL.has(c));
  const deviceStatus = critical ? HR_DEVICE_STATUS.down : conditions.length > 0 ? HR_DEVICE_STATUS.warning : HR_DEVICE_STATUS.running;
  store.set(`${PRINTER_OIDS.hrPrinterDetectedErrorState}.${index}`, { type: 'OctetString', value: encodeErrorState(conditions) });
  store.set(`${PRINTER_OIDS.hrDeviceStatus}.${index}`, { type: 'Integer', value: deviceStatus });
  store.set(`${PRINTER_OIDS.hrPrinterStatus}.${index}`, { type: 'Integer', value: critical ? HR_PRINTER_STATUS.other : HR_PRINTER_STATUS.idle });
}

/** The prtAlertIndex a new alert gets: one above any row present (indexes are never reused). */
export function nextAlertIndex(store: MibStore, floor = 1): number {
  let max = floor - 1;
  for (const oid of store.oidsUnder(`${PRINTER_OIDS.prtAlertEntry}.2`)) {
    const n = Number(oid.slice(oid.lastIndexOf('.') + 1));
    if (n > max) max = n;
  }
  return max + 1;
}

/** Writes alert row `alertIndex` (columns 2–9) and counts it in prtAlertAllEvents/CriticalEvents. */
export function writeAlertRow(store: MibStore, alertIndex: number, alert: SimAlert, uptimeTicks: number): void {
  const row = `${printerDeviceIndex(store)}.${alertIndex}`;
  const column = (n: number): string => `${PRINTER_OIDS.prtAlertEntry}.${n}.${row}`;
  const integer = (value: number) => ({ type: 'Integer' as const, value });
  store.set(column(2), integer(ALERT_SEVERITY[alert.severity]));
  store.set(column(3), integer(alert.trainingLevel ?? 3));
  store.set(column(4), integer(alert.group));
  store.set(column(5), integer(alert.groupIndex));
  store.set(column(6), integer(alert.location));
  store.set(column(7), integer(alert.code));
  store.set(column(8), { type: 'OctetString', value: new Uint8Array(Buffer.from(alert.description, 'utf8')) });
  store.set(column(9), { type: 'TimeTicks', value: uptimeTicks });
  bumpCounter(store, `${PRINTER_OIDS.prtAlertAllEvents}.${printerDeviceIndex(store)}`);
  if (alert.severity === 'critical') bumpCounter(store, `${PRINTER_OIDS.prtAlertCriticalEvents}.${printerDeviceIndex(store)}`);
}

/** Removes every alert row (the alert counters keep counting, as on a real device). */
export function clearAlertRows(store: MibStore): void {
  for (const oid of store.oidsUnder(PRINTER_OIDS.prtAlertEntry)) store.remove(oid);
}

function bumpCounter(store: MibStore, oid: string): void {
  const value = store.get(oid);
  if (value?.type === 'Counter32') store.set(oid, { type: 'Counter32', value: (value.value + 1) % 2 ** 32 });
}
