import { namesByCode } from './code-table';

/**
 * IANA-PRINTER-MIB enumerations (the registry RFC 3805 delegates to IANA), as name → code
 * tables with their reverse maps. Codes a device sends that are not listed decode to null
 * (callers then show "code<N>").
 */

/** PrtAlertCodeTC: what an alert is about. */
export const PRT_ALERT_CODES = {
  other: 1,
  unknown: 2,
  coverOpen: 3,
  coverClosed: 4,
  interlockOpen: 5,
  interlockClosed: 6,
  configurationChange: 7,
  jam: 8,
  subunitMissing: 9,
  subunitLifeAlmostOver: 10,
  subunitLifeOver: 11,
  subunitAlmostEmpty: 12,
  subunitEmpty: 13,
  subunitAlmostFull: 14,
  subunitFull: 15,
  subunitNearLimit: 16,
  subunitAtLimit: 17,
  subunitOpened: 18,
  subunitClosed: 19,
  subunitTurnedOn: 20,
  subunitTurnedOff: 21,
  subunitOffline: 22,
  subunitPowerSaver: 23,
  subunitWarmingUp: 24,
  subunitAdded: 25,
  subunitRemoved: 26,
  subunitResourceAdded: 27,
  subunitResourceRemoved: 28,
  subunitRecoverableFailure: 29,
  subunitUnrecoverableFailure: 30,
  subunitRecoverableStorageError: 31,
  subunitUnrecoverableStorageError: 32,
  subunitMotorFailure: 33,
  subunitMemoryExhausted: 34,
  subunitUnderTemperature: 35,
  subunitOverTemperature: 36,
  subunitTimingFailure: 37,
  subunitThermistorFailure: 38,
  doorOpen: 501,
  doorClosed: 502,
  powerUp: 503,
  powerDown: 504,
  printerNMSReset: 505,
  printerManualReset: 506,
  printerReadyToPrint: 507,
  inputMediaTrayMissing: 801,
  inputMediaSizeChange: 802,
  inputMediaWeightChange: 803,
  inputMediaTypeChange: 804,
  inputMediaColorChange: 805,
  inputMediaFormPartsChange: 806,
  inputMediaSupplyLow: 807,
  inputMediaSupplyEmpty: 808,
  inputMediaChangeRequest: 809,
  inputManualInputRequest: 810,
  inputTrayPositionFailure: 811,
  inputTrayElevationFailure: 812,
  inputCannotFeedSizeSelected: 813,
  outputMediaTrayMissing: 901,
  outputMediaTrayAlmostFull: 902,
  outputMediaTrayFull: 903,
  outputMailboxSelectFailure: 904,
  markerFuserUnderTemperature: 1001,
  markerFuserOverTemperature: 1002,
  markerFuserTimingFailure: 1003,
  markerFuserThermistorFailure: 1004,
  markerAdjustingPrintQuality: 1005,
  markerTonerEmpty: 1101,
  markerInkEmpty: 1102,
  markerPrintRibbonEmpty: 1103,
  markerTonerAlmostEmpty: 1104,
  markerInkAlmostEmpty: 1105,
  markerPrintRibbonAlmostEmpty: 1106,
  markerWasteTonerReceptacleAlmostFull: 1107,
  markerWasteInkReceptacleAlmostFull: 1108,
  markerWasteTonerReceptacleFull: 1109,
  markerWasteInkReceptacleFull: 1110,
  markerOpcLifeAlmostOver: 1111,
  markerOpcLifeOver: 1112,
  markerDeveloperAlmostEmpty: 1113,
  markerDeveloperEmpty: 1114,
  markerTonerCartridgeMissing: 1115,
  mediaPathMediaTrayMissing: 1301,
  mediaPathMediaTrayAlmostFull: 1302,
  mediaPathMediaTrayFull: 1303,
  mediaPathCannotDuplexMediaSelected: 1304,
  interpreterMemoryIncrease: 1501,
  interpreterMemoryDecrease: 1502,
  interpreterCartridgeAdded: 1503,
  interpreterCartridgeDeleted: 1504,
  interpreterResourceAdded: 1505,
  interpreterResourceDeleted: 1506,
  interpreterResourceUnavailable: 1507,
  interpreterComplexPageEncountered: 1509,
  alertRemovalOfBinaryChangeEntry: 1801,
} as const;
export type PrtAlertCodeName = keyof typeof PRT_ALERT_CODES;
export const PRT_ALERT_CODE_NAMES = namesByCode(PRT_ALERT_CODES);

/** PrtAlertGroupTC: which table (sub-unit) an alert refers to; prtAlertGroupIndex is its row. */
export const PRT_ALERT_GROUPS = {
  other: 1,
  hostResourcesMIBStorageTable: 3,
  hostResourcesMIBDeviceTable: 4,
  generalPrinter: 5,
  cover: 6,
  localization: 7,
  input: 8,
  output: 9,
  marker: 10,
  markerSupplies: 11,
  markerColorant: 12,
  mediaPath: 13,
  channel: 14,
  interpreter: 15,
  consoleDisplayBuffer: 16,
  consoleLights: 17,
  alert: 18,
  finDevice: 30,
  finSupply: 31,
  finSupplyMediaInput: 32,
  finAttribute: 33,
} as const;
export type PrtAlertGroupName = keyof typeof PRT_ALERT_GROUPS;
export const PRT_ALERT_GROUP_NAMES = namesByCode(PRT_ALERT_GROUPS);

/** PrtAlertTrainingLevelTC: who is expected to deal with an alert. */
export const PRT_ALERT_TRAINING_LEVELS = {
  other: 1,
  unknown: 2,
  untrained: 3,
  trained: 4,
  fieldService: 5,
  management: 6,
  noInterventionRequired: 7,
} as const;
export type PrtAlertTrainingLevelName = keyof typeof PRT_ALERT_TRAINING_LEVELS;
export const PRT_ALERT_TRAINING_LEVEL_NAMES = namesByCode(PRT_ALERT_TRAINING_LEVELS);

/** PrtMarkerSuppliesTypeTC (35 and 36 were registered after RFC 3805). */
export const PRT_MARKER_SUPPLIES_TYPES = {
  other: 1,
  unknown: 2,
  toner: 3,
  wasteToner: 4,
  ink: 5,
  inkCartridge: 6,
  inkRibbon: 7,
  wasteInk: 8,
  opc: 9,
  developer: 10,
  fuserOil: 11,
  solidWax: 12,
  ribbonWax: 13,
  wasteWax: 14,
  fuser: 15,
  coronaWire: 16,
  fuserOilWick: 17,
  cleanerUnit: 18,
  fuserCleaningPad: 19,
  transferUnit: 20,
  tonerCartridge: 21,
  fuserOiler: 22,
  water: 23,
  wasteWater: 24,
  glueWaterAdditive: 25,
  wastePaper: 26,
  bindingSupply: 27,
  bandingSupply: 28,
  stitchingWire: 29,
  shrinkWrap: 30,
  paperWrap: 31,
  staples: 32,
  inserts: 33,
  covers: 34,
  matteToner: 35,
  matteInk: 36,
} as const;
export type PrtMarkerSuppliesTypeName = keyof typeof PRT_MARKER_SUPPLIES_TYPES;
export const PRT_MARKER_SUPPLIES_TYPE_NAMES = namesByCode(PRT_MARKER_SUPPLIES_TYPES);

/** Supply types that are receptacles filling up, for devices that leave prtMarkerSuppliesClass out. */
export const RECEPTACLE_SUPPLY_TYPES: ReadonlySet<number> = new Set([
  PRT_MARKER_SUPPLIES_TYPES.wasteToner,
  PRT_MARKER_SUPPLIES_TYPES.wasteInk,
  PRT_MARKER_SUPPLIES_TYPES.wasteWax,
  PRT_MARKER_SUPPLIES_TYPES.wasteWater,
  PRT_MARKER_SUPPLIES_TYPES.wastePaper,
]);

/** Supply types that put colour on paper: the ones "Toner low: Cyan" talks about. */
export const COLORANT_SUPPLY_TYPES: ReadonlySet<number> = new Set([
  PRT_MARKER_SUPPLIES_TYPES.toner,
  PRT_MARKER_SUPPLIES_TYPES.ink,
  PRT_MARKER_SUPPLIES_TYPES.inkCartridge,
  PRT_MARKER_SUPPLIES_TYPES.inkRibbon,
  PRT_MARKER_SUPPLIES_TYPES.solidWax,
  PRT_MARKER_SUPPLIES_TYPES.ribbonWax,
  PRT_MARKER_SUPPLIES_TYPES.tonerCartridge,
  PRT_MARKER_SUPPLIES_TYPES.matteToner,
  PRT_MARKER_SUPPLIES_TYPES.matteInk,
]);

/** PrtInputTypeTC. */
export const PRT_INPUT_TYPES = {
  other: 1,
  unknown: 2,
  sheetFeedAutoRemovableTray: 3,
  sheetFeedAutoNonRemovableTray: 4,
  sheetFeedManual: 5,
  continuousRoll: 6,
  continuousFanFold: 7,
} as const;
export type PrtInputTypeName = keyof typeof PRT_INPUT_TYPES;
export const PRT_INPUT_TYPE_NAMES = namesByCode(PRT_INPUT_TYPES);

/** PrtOutputTypeTC. */
export const PRT_OUTPUT_TYPES = {
  other: 1,
  unknown: 2,
  removableBin: 3,
  unRemovableBin: 4,
  continuousRollDevice: 5,
  mailBox: 6,
  continuousFanFold: 7,
} as const;
export type PrtOutputTypeName = keyof typeof PRT_OUTPUT_TYPES;
export const PRT_OUTPUT_TYPE_NAMES = namesByCode(PRT_OUTPUT_TYPES);
