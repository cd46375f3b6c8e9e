import { namesByCode } from './code-table';

/** HOST-RESOURCES-MIB (RFC 2790): the device table and the printer table. */

/** hrDeviceTable (1.3.6.1.2.1.25.3.2) columns; rows are indexed by hrDeviceIndex. */
export const HR_DEVICE_TABLE = {
  hrDeviceIndex: '1.3.6.1.2.1.25.3.2.1.1',
  hrDeviceType: '1.3.6.1.2.1.25.3.2.1.2',
  hrDeviceDescr: '1.3.6.1.2.1.25.3.2.1.3',
  hrDeviceID: '1.3.6.1.2.1.25.3.2.1.4',
  hrDeviceStatus: '1.3.6.1.2.1.25.3.2.1.5',
  hrDeviceErrors: '1.3.6.1.2.1.25.3.2.1.6',
} as const;

/** hrPrinterTable (1.3.6.1.2.1.25.3.5) columns; rows share the hrDeviceIndex of the printer. */
export const HR_PRINTER_TABLE = {
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2',
} as const;

/** Root of the hrDeviceTypes registrations; a type is this OID plus one arc. */
export const HR_DEVICE_TYPES_ROOT = '1.3.6.1.2.1.25.3.1';

/** hrDeviceType values (the last arc below HR_DEVICE_TYPES_ROOT). */
export const HR_DEVICE_TYPES = {
  hrDeviceOther: 1,
  hrDeviceUnknown: 2,
  hrDeviceProcessor: 3,
  hrDeviceNetwork: 4,
  hrDevicePrinter: 5,
  hrDeviceDiskStorage: 6,
  hrDeviceVideo: 10,
  hrDeviceAudio: 11,
  hrDeviceCoprocessor: 12,
  hrDeviceKeyboard: 13,
  hrDeviceModem: 14,
  hrDeviceParallelPort: 15,
  hrDevicePointing: 16,
  hrDeviceSerialPort: 17,
  hrDeviceTape: 18,
  hrDeviceClock: 19,
  hrDeviceVolatileMemory: 20,
  hrDeviceNonVolatileMemory: 21,
} as const;
export type HrDeviceTypeName = keyof typeof HR_DEVICE_TYPES;
export const HR_DEVICE_TYPE_NAMES = namesByCode(HR_DEVICE_TYPES);

/** The hrDeviceType OID of a printer row. */
export const HR_DEVICE_PRINTER_TYPE = `${HR_DEVICE_TYPES_ROOT}.${HR_DEVICE_TYPES.hrDevicePrinter}`;

/** hrDeviceStatus values. */
export const HR_DEVICE_STATUS = {
  unknown: 1,
  running: 2,
  warning: 3,
  testing: 4,
  down: 5,
} as const;
export type HrDeviceStatusName = keyof typeof HR_DEVICE_STATUS;
export const HR_DEVICE_STATUS_NAMES = namesByCode(HR_DEVICE_STATUS);

/** hrPrinterStatus values. */
export const HR_PRINTER_STATUS = {
  other: 1,
  unknown: 2,
  idle: 3,
  printing: 4,
  warmup: 5,
} as const;
export type HrPrinterStatusName = keyof typeof HR_PRINTER_STATUS;
export const HR_PRINTER_STATUS_NAMES = namesByCode(HR_PRINTER_STATUS);
