/**
 * Printer-MIB v2 (RFC 3805) column OIDs, by MIB name. Every table here is indexed by
 * hrDeviceIndex (the printer's row in hrDeviceTable) plus the table's own index.
 */

/** prtGeneralTable (1.3.6.1.2.1.43.5.1): one row per printer. */
export const PRT_GENERAL_TABLE = {
  prtGeneralConfigChanges: '1.3.6.1.2.1.43.5.1.1.1',
  prtGeneralCurrentLocalization: '1.3.6.1.2.1.43.5.1.1.2',
  prtGeneralReset: '1.3.6.1.2.1.43.5.1.1.3',
  prtGeneralCurrentOperator: '1.3.6.1.2.1.43.5.1.1.4',
  prtGeneralServicePerson: '1.3.6.1.2.1.43.5.1.1.5',
  prtInputDefaultIndex: '1.3.6.1.2.1.43.5.1.1.6',
  prtOutputDefaultIndex: '1.3.6.1.2.1.43.5.1.1.7',
  prtMarkerDefaultIndex: '1.3.6.1.2.1.43.5.1.1.8',
  prtMediaPathDefaultIndex: '1.3.6.1.2.1.43.5.1.1.9',
  prtConsoleLocalization: '1.3.6.1.2.1.43.5.1.1.10',
  prtConsoleNumberOfDisplayLines: '1.3.6.1.2.1.43.5.1.1.11',
  prtConsoleNumberOfDisplayChars: '1.3.6.1.2.1.43.5.1.1.12',
  prtConsoleDisable: '1.3.6.1.2.1.43.5.1.1.13',
  prtAuxiliarySheetStartupPage: '1.3.6.1.2.1.43.5.1.1.14',
  prtAuxiliarySheetBannerPage: '1.3.6.1.2.1.43.5.1.1.15',
  prtGeneralPrinterName: '1.3.6.1.2.1.43.5.1.1.16',
  prtGeneralSerialNumber: '1.3.6.1.2.1.43.5.1.1.17',
  prtAlertCriticalEvents: '1.3.6.1.2.1.43.5.1.1.18',
  prtAlertAllEvents: '1.3.6.1.2.1.43.5.1.1.19',
} as const;

/** prtInputTable (1.3.6.1.2.1.43.8.2): paper trays and other media inputs. */
export const PRT_INPUT_TABLE = {
  prtInputType: '1.3.6.1.2.1.43.8.2.1.2',
  prtInputDimUnit: '1.3.6.1.2.1.43.8.2.1.3',
  prtInputMediaDimFeedDirDeclared: '1.3.6.1.2.1.43.8.2.1.4',
  prtInputMediaDimXFeedDirDeclared: '1.3.6.1.2.1.43.8.2.1.5',
  prtInputMediaDimFeedDirChosen: '1.3.6.1.2.1.43.8.2.1.6',
  prtInputMediaDimXFeedDirChosen: '1.3.6.1.2.1.43.8.2.1.7',
  prtInputCapacityUnit: '1.3.6.1.2.1.43.8.2.1.8',
  prtInputMaxCapacity: '1.3.6.1.2.1.43.8.2.1.9',
  prtInputCurrentLevel: '1.3.6.1.2.1.43.8.2.1.10',
  prtInputStatus: '1.3.6.1.2.1.43.8.2.1.11',
  prtInputMediaName: '1.3.6.1.2.1.43.8.2.1.12',
  prtInputName: '1.3.6.1.2.1.43.8.2.1.13',
  prtInputVendorName: '1.3.6.1.2.1.43.8.2.1.14',
  prtInputModel: '1.3.6.1.2.1.43.8.2.1.15',
  prtInputVersion: '1.3.6.1.2.1.43.8.2.1.16',
  prtInputSerialNumber: '1.3.6.1.2.1.43.8.2.1.17',
  prtInputDescription: '1.3.6.1.2.1.43.8.2.1.18',
  prtInputSecurity: '1.3.6.1.2.1.43.8.2.1.19',
  prtInputMediaWeight: '1.3.6.1.2.1.43.8.2.1.20',
  prtInputMediaType: '1.3.6.1.2.1.43.8.2.1.21',
  prtInputMediaColor: '1.3.6.1.2.1.43.8.2.1.22',
  prtInputMediaFormParts: '1.3.6.1.2.1.43.8.2.1.23',
} as const;

/** prtOutputTable (1.3.6.1.2.1.43.9.2): output bins. */
export const PRT_OUTPUT_TABLE = {
  prtOutputType: '1.3.6.1.2.1.43.9.2.1.2',
  prtOutputCapacityUnit: '1.3.6.1.2.1.43.9.2.1.3',
  prtOutputMaxCapacity: '1.3.6.1.2.1.43.9.2.1.4',
  prtOutputRemainingCapacity: '1.3.6.1.2.1.43.9.2.1.5',
  prtOutputStatus: '1.3.6.1.2.1.43.9.2.1.6',
  prtOutputName: '1.3.6.1.2.1.43.9.2.1.7',
  prtOutputVendorName: '1.3.6.1.2.1.43.9.2.1.8',
  prtOutputModel: '1.3.6.1.2.1.43.9.2.1.9',
  prtOutputVersion: '1.3.6.1.2.1.43.9.2.1.10',
  prtOutputSerialNumber: '1.3.6.1.2.1.43.9.2.1.11',
  prtOutputDescription: '1.3.6.1.2.1.43.9.2.1.12',
} as const;

/** prtMarkerTable (1.3.6.1.2.1.43.10.2): marking engines and their page counters. */
export const PRT_MARKER_TABLE = {
  prtMarkerMarkTech: '1.3.6.1.2.1.43.10.2.1.2',
  prtMarkerCounterUnit: '1.3.6.1.2.1.43.10.2.1.3',
  prtMarkerLifeCount: '1.3.6.1.2.1.43.10.2.1.4',
  prtMarkerPowerOnCount: '1.3.6.1.2.1.43.10.2.1.5',
  prtMarkerProcessColorants: '1.3.6.1.2.1.43.10.2.1.6',
  prtMarkerSpotColorants: '1.3.6.1.2.1.43.10.2.1.7',
  prtMarkerStatus: '1.3.6.1.2.1.43.10.2.1.15',
} as const;

/** prtMarkerSuppliesTable (1.3.6.1.2.1.43.11.1): toner, drums, waste boxes, fusers … */
export const PRT_MARKER_SUPPLIES_TABLE = {
  prtMarkerSuppliesMarkerIndex: '1.3.6.1.2.1.43.11.1.1.2',
  prtMarkerSuppliesColorantIndex: '1.3.6.1.2.1.43.11.1.1.3',
  prtMarkerSuppliesClass: '1.3.6.1.2.1.43.11.1.1.4',
  prtMarkerSuppliesType: '1.3.6.1.2.1.43.11.1.1.5',
  prtMarkerSuppliesDescription: '1.3.6.1.2.1.43.11.1.1.6',
  prtMarkerSuppliesSupplyUnit: '1.3.6.1.2.1.43.11.1.1.7',
  prtMarkerSuppliesMaxCapacity: '1.3.6.1.2.1.43.11.1.1.8',
  prtMarkerSuppliesLevel: '1.3.6.1.2.1.43.11.1.1.9',
} as const;

/** prtMarkerColorantTable (1.3.6.1.2.1.43.12.1): the colours the markers put down. */
export const PRT_MARKER_COLORANT_TABLE = {
  prtMarkerColorantMarkerIndex: '1.3.6.1.2.1.43.12.1.1.2',
  prtMarkerColorantRole: '1.3.6.1.2.1.43.12.1.1.3',
  prtMarkerColorantValue: '1.3.6.1.2.1.43.12.1.1.4',
  prtMarkerColorantTonality: '1.3.6.1.2.1.43.12.1.1.5',
} as const;

/** Root of prtAlertTable's rows: the table is replaced as a whole whenever it is re-read. */
export const PRT_ALERT_ENTRY = '1.3.6.1.2.1.43.18.1.1';

/** prtAlertTable (1.3.6.1.2.1.43.18.1): the printer's current alerts. */
export const PRT_ALERT_TABLE = {
  prtAlertSeverityLevel: '1.3.6.1.2.1.43.18.1.1.2',
  prtAlertTrainingLevel: '1.3.6.1.2.1.43.18.1.1.3',
  prtAlertGroup: '1.3.6.1.2.1.43.18.1.1.4',
  prtAlertGroupIndex: '1.3.6.1.2.1.43.18.1.1.5',
  prtAlertLocation: '1.3.6.1.2.1.43.18.1.1.6',
  prtAlertCode: '1.3.6.1.2.1.43.18.1.1.7',
  prtAlertDescription: '1.3.6.1.2.1.43.18.1.1.8',
  prtAlertTime: '1.3.6.1.2.1.43.18.1.1.9',
} as const;

/** Root of the whole Printer-MIB: a value below it means the device implements RFC 1759/3805. */
export const PRINTER_MIB_ROOT = '1.3.6.1.2.1.43';
