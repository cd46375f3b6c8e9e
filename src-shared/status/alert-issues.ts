import type { PrtAlertCodeName, PrtAlertGroupName } from '../mib/iana-printer.codes';
import type { IssueKey } from './status-issues';

/**
 * Which issue an alert row means, from its PrtAlertCodeTC code and, for the generic
 * "subunit…" codes, its group (a subunitEmpty in the input group is an empty tray, in the
 * supplies group an empty toner). 'info' marks events that need nobody (cover closed, power
 * up, media changed); null means "no specific issue": the alert's own text is shown.
 */
export type AlertMeaning = IssueKey | 'info' | null;

const BY_CODE: Partial<Record<PrtAlertCodeName, IssueKey | 'info'>> = {
  jam: 'jammed',
  coverOpen: 'doorOpen',
  interlockOpen: 'doorOpen',
  doorOpen: 'doorOpen',
  markerTonerEmpty: 'noToner',
  markerInkEmpty: 'noToner',
  markerPrintRibbonEmpty: 'noToner',
  markerTonerAlmostEmpty: 'lowToner',
  markerInkAlmostEmpty: 'lowToner',
  markerPrintRibbonAlmostEmpty: 'lowToner',
  markerWasteTonerReceptacleFull: 'wasteFull',
  markerWasteInkReceptacleFull: 'wasteFull',
  markerWasteTonerReceptacleAlmostFull: 'wasteAlmostFull',
  markerWasteInkReceptacleAlmostFull: 'wasteAlmostFull',
  markerOpcLifeOver: 'supplyEmpty',
  markerDeveloperEmpty: 'supplyEmpty',
  markerOpcLifeAlmostOver: 'supplyLow',
  markerDeveloperAlmostEmpty: 'supplyLow',
  markerTonerCartridgeMissing: 'markerSupplyMissing',
  inputMediaTrayMissing: 'inputTrayMissing',
  inputMediaSupplyLow: 'lowPaper',
  inputMediaSupplyEmpty: 'noPaper',
  inputManualInputRequest: 'loadPaper',
  outputMediaTrayMissing: 'outputTrayMissing',
  outputMediaTrayAlmostFull: 'outputNearFull',
  outputMediaTrayFull: 'outputFull',
  coverClosed: 'info',
  interlockClosed: 'info',
  configurationChange: 'info',
  subunitClosed: 'info',
  subunitTurnedOn: 'info',
  subunitPowerSaver: 'info',
  subunitWarmingUp: 'info',
  subunitAdded: 'info',
  subunitResourceAdded: 'info',
  doorClosed: 'info',
  powerUp: 'info',
  powerDown: 'info',
  printerNMSReset: 'info',
  printerManualReset: 'info',
  printerReadyToPrint: 'info',
  inputMediaSizeChange: 'info',
  inputMediaWeightChange: 'info',
  inputMediaTypeChange: 'info',
  inputMediaColorChange: 'info',
  inputMediaFormPartsChange: 'info',
  markerAdjustingPrintQuality: 'info',
  interpreterMemoryIncrease: 'info',
  interpreterMemoryDecrease: 'info',
  interpreterCartridgeAdded: 'info',
  interpreterCartridgeDeleted: 'info',
  interpreterResourceAdded: 'info',
  interpreterResourceDeleted: 'info',
  alertRemovalOfBinaryChangeEntry: 'info',
};

/** What the alerting part is, as far as the code mapping cares. */
export interface AlertSubjectKind {
  /** The supply is a toner / ink (not a drum, fuser, waste box …). */
  colorant: boolean;
  /** The supply is a receptacle (waste box). */
  receptacle: boolean;
}

function bySubunit(code: PrtAlertCodeName, group: PrtAlertGroupName | null, kind: AlertSubjectKind): AlertMeaning {
  const supplies = group === 'markerSupplies';
  switch (code) {
    case 'subunitEmpty':
      if (group === 'input') return 'noPaper';
      if (supplies) return kind.receptacle ? 'info' : kind.colorant ? 'noToner' : 'supplyEmpty';
      return null;
    case 'subunitAlmostEmpty':
      if (group === 'input') return 'lowPaper';
      if (supplies) return kind.receptacle ? 'info' : kind.colorant ? 'lowToner' : 'supplyLow';
      return null;
    case 'subunitFull':
      if (group === 'output') return 'outputFull';
      return supplies ? 'wasteFull' : null;
    case 'subunitAlmostFull':
      if (group === 'output') return 'outputNearFull';
      return supplies ? 'wasteAlmostFull' : null;
    case 'subunitMissing':
    case 'subunitRemoved':
      if (group === 'input') return 'inputTrayMissing';
      if (group === 'output') return 'outputTrayMissing';
      return supplies ? 'markerSupplyMissing' : null;
    case 'subunitLifeOver':
    case 'subunitAtLimit':
      return supplies || group === 'marker' ? 'supplyEmpty' : null;
    case 'subunitLifeAlmostOver':
    case 'subunitNearLimit':
      return supplies || group === 'marker' ? 'supplyLow' : null;
    case 'subunitOpened':
      return group === 'cover' ? 'doorOpen' : null;
    case 'subunitOffline':
    case 'subunitTurnedOff':
      return group === 'generalPrinter' ? 'offline' : null;
    default:
      return null;
  }
}

/** The issue an alert stands for (see AlertMeaning); null for unknown codes. Never throws. */
export function alertMeaning(code: PrtAlertCodeName | null, group: PrtAlertGroupName | null, kind: AlertSubjectKind): AlertMeaning {
  if (code === null) return null;
  return BY_CODE[code] ?? bySubunit(code, group, kind);
}
