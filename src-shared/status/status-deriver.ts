import type { DeviceStatus, PrinterCondition, SupplyReading, TrayReading } from '../domain/device-reading';
import type { PrtAlertCodeName, PrtAlertGroupName, PrtAlertTrainingLevelName } from '../mib/iana-printer.codes';
import { HR_DEVICE_STATUS, HR_PRINTER_STATUS } from '../mib/host-resources.oids';
import type { PrtAlertSeverityLevelName } from '../mib/printer-mib.codes';
import { isManualFeed } from '../supplies/tray-normaliser';
import { alertMeaning } from './alert-issues';
import { moreWords, QUIET_STATUS_WORDS, STATUS_JOINERS } from './status-words';
import { addIssue, compareIssues, ISSUES, issueMessage, type Issue, type IssueKey, type IssueSeverity } from './status-issues';
import {
  isColorantSupply,
  isManualFeedNoise,
  paperPicture,
  supplySubject,
  tonerSubjects,
  wearSubjects,
  type PaperPicture,
} from './status-subjects';

/**
 * One status per device from everything the standard MIBs say. The state is the worst issue
 * (errors: jams, open doors, empty toner or paper, missing parts, service, offline, critical
 * alerts, hrDeviceStatus down; warnings: low toner or paper, nearly full output or waste,
 * maintenance, warning alerts, hrDeviceStatus warning). With no issue the device is ok and
 * the message comes from hrPrinterStatus ("Ready", "Printing", "Warming up"); with no status
 * information at all it is unknown. Supply and tray levels never raise the state by
 * themselves — the device's own judgment does — but they name WHICH toner or tray.
 */

/** An alert row as the deriver needs it: decoded codes and the part it refers to. */
export interface StatusAlert {
  severity: PrtAlertSeverityLevelName | null;
  training: PrtAlertTrainingLevelName | null;
  code: PrtAlertCodeName | null;
  group: PrtAlertGroupName | null;
  /** The device's description, or the code in words when it gave none. */
  description: string;
  /** The supply (markerSupplies group) or tray (input group) the alert is about, when known. */
  supply: SupplyReading | null;
  tray: TrayReading | null;
}

export interface StatusInput {
  /** hrDeviceStatus of the printer's hrDeviceTable row. */
  deviceStatus: number | null;
  /** hrPrinterStatus. */
  printerStatus: number | null;
  /** Decoded hrPrinterDetectedErrorState. */
  conditions: readonly PrinterCondition[];
  alerts: readonly StatusAlert[];
  supplies: readonly SupplyReading[];
  trays: readonly TrayReading[];
}

/** At most this many issues are spelled out in the message; the rest are counted. */
const MAX_MESSAGES = 3;

const PAPER_KEYS: ReadonlySet<IssueKey> = new Set(['noPaper', 'lowPaper', 'inputTrayEmpty']);
const TRAY_KEYS: ReadonlySet<IssueKey> = new Set(['noPaper', 'lowPaper', 'inputTrayEmpty', 'inputTrayMissing', 'loadPaper', 'jammed']);
const SUPPLY_KEYS: ReadonlySet<IssueKey> = new Set(['noToner', 'lowToner', 'markerSupplyMissing', 'supplyEmpty', 'supplyLow']);

interface Work {
  issues: Issue[];
  paper: PaperPicture;
  /** A paper condition was dropped as manual-feed noise: it may be why hrDeviceStatus says warning. */
  droppedNoise: boolean;
}

function addCondition(work: Work, condition: PrinterCondition, input: StatusInput): void {
  switch (condition) {
    case 'lowPaper':
    case 'noPaper':
    case 'inputTrayEmpty': {
      const which = condition === 'lowPaper' ? 'low' : 'empty';
      if (isManualFeedNoise(work.paper, which)) {
        work.droppedNoise = true;
        return;
      }
      addIssue(work.issues, condition, ISSUES[condition].severity, which === 'low' ? work.paper.lowTrays : work.paper.emptyTrays);
      return;
    }
    case 'lowToner':
    case 'noToner':
      addIssue(work.issues, condition, ISSUES[condition].severity, tonerSubjects(input.supplies, condition === 'noToner' ? 'empty' : 'low'));
      return;
    case 'doorOpen':
    case 'jammed':
    case 'offline':
    case 'serviceRequested':
    case 'inputTrayMissing':
    case 'outputTrayMissing':
    case 'markerSupplyMissing':
    case 'outputNearFull':
    case 'outputFull':
    case 'overduePreventMaint':
      addIssue(work.issues, condition, ISSUES[condition].severity);
      return;
    default:
      ignoreUnknown(condition);
  }
}

function alertSeverity(alert: StatusAlert): IssueSeverity | null {
  // Binary change events (a tray was opened, then closed) and "other" are history, not state.
  if (alert.training === 'noInterventionRequired') return null;
  if (alert.severity === 'critical') return 'error';
  if (alert.severity === 'warning') return 'warning';
  return null;
}

function addAlert(work: Work, alert: StatusAlert, input: StatusInput): void {
  const severity = alertSeverity(alert);
  if (severity === null) return;
  const supply = alert.supply;
  const meaning = alertMeaning(alert.code, alert.group, {
    colorant: supply !== null && isColorantSupply(supply),
    receptacle: supply?.class === 'receptacle',
  });
  if (meaning === 'info') return;
  if (meaning === null) {
    addIssue(work.issues, severity === 'error' ? 'failure' : 'attention', severity, [], alert.description);
    return;
  }
  if (PAPER_KEYS.has(meaning)) {
    const manualTray = alert.tray !== null && isManualFeed(alert.tray);
    const noise = manualTray ? work.paper.autoTrayHasPaper : alert.tray === null && isManualFeedNoise(work.paper, meaning === 'lowPaper' ? 'low' : 'empty');
    if (noise) {
      work.droppedNoise = true;
      return;
    }
  }
  let subjects: string[] = [];
  if (TRAY_KEYS.has(meaning) && alert.tray) subjects = [alert.tray.name];
  else if (SUPPLY_KEYS.has(meaning) && supply) {
    subjects = [supplySubject(supply)];
    // A "toner" alert located at a drum or a kit: say "Replace soon: Drum Unit", not "Toner low".
    if (!isColorantSupply(supply) && (meaning === 'lowToner' || meaning === 'noToner')) {
      addIssue(work.issues, meaning === 'lowToner' ? 'supplyLow' : 'supplyEmpty', severity, subjects);
      return;
    }
  }
  else if (meaning === 'noToner' || meaning === 'lowToner') subjects = tonerSubjects(input.supplies, meaning === 'noToner' ? 'empty' : 'low');
  else if (meaning === 'supplyEmpty' || meaning === 'supplyLow') {
    // "Replace" needs an object; without the supply row the device's own words say it best.
    addIssue(work.issues, severity === 'error' ? 'failure' : 'attention', severity, [], alert.description);
    return;
  }
  addIssue(work.issues, meaning, severity, subjects);
}

function addDeviceStatus(work: Work, input: StatusInput): void {
  if (input.deviceStatus === HR_DEVICE_STATUS.down) {
    if (!work.issues.some((i) => i.severity === 'error')) addIssue(work.issues, 'deviceDown', 'error');
    return;
  }
  if (input.deviceStatus !== HR_DEVICE_STATUS.warning || work.issues.length > 0 || work.droppedNoise) return;
  // The device warns without saying why: name the lowest toner or worn part when levels show one.
  const toners = tonerSubjects(input.supplies, 'low');
  if (toners.length > 0) return addIssue(work.issues, 'lowToner', 'warning', toners);
  const worn = wearSubjects(input.supplies);
  if (worn.length > 0) return addIssue(work.issues, 'supplyLow', 'warning', worn);
  addIssue(work.issues, 'deviceWarning', 'warning');
}

function quietStatus(input: StatusInput): Pick<DeviceStatus, 'state' | 'message'> {
  const words = QUIET_STATUS_WORDS.en;
  if (input.deviceStatus === HR_DEVICE_STATUS.testing) return { state: 'ok', message: words.testing };
  switch (input.printerStatus) {
    case HR_PRINTER_STATUS.printing:
      return { state: 'ok', message: words.printing };
    case HR_PRINTER_STATUS.warmup:
      return { state: 'ok', message: words.warmingUp };
    case HR_PRINTER_STATUS.idle:
      return { state: 'ok', message: words.ready };
    default:
      // other / unknown / absent printer status: a running device with nothing wrong is ready.
      if (input.deviceStatus === HR_DEVICE_STATUS.running || input.deviceStatus === HR_DEVICE_STATUS.warning) {
        return { state: 'ok', message: words.ready };
      }
      return { state: 'unknown', message: words.unknown };
  }
}

/** Pairs where the first says all the second would ("Toner empty: Cyan" makes "Toner low: Cyan" noise). */
const SUBSUMES: ReadonlyArray<readonly [IssueKey, IssueKey]> = [
  ['noToner', 'lowToner'],
  ['noPaper', 'lowPaper'],
  ['noPaper', 'inputTrayEmpty'],
  ['supplyEmpty', 'supplyLow'],
  ['wasteFull', 'wasteAlmostFull'],
  ['outputFull', 'outputNearFull'],
];

/** Removes subjects of weaker issues that a stronger one already names; drops weaker issues left with nothing to say. */
function dropSubsumed(issues: Issue[]): Issue[] {
  let out = issues;
  for (const [strongKey, weakKey] of SUBSUMES) {
    const strong = out.find((i) => i.key === strongKey);
    const weak = out.find((i) => i.key === weakKey);
    if (!strong || !weak) continue;
    const hadSubjects = weak.subjects.length > 0;
    weak.subjects = weak.subjects.filter((s) => !strong.subjects.includes(s));
    if (!hadSubjects || weak.subjects.length === 0) out = out.filter((i) => i !== weak);
  }
  return out;
}

/** The device's state, a message a person understands (most important first) and its conditions. Never throws. */
export function deriveStatus(input: StatusInput): DeviceStatus {
  const work: Work = { issues: [], paper: paperPicture(input.trays), droppedNoise: false };
  for (const condition of input.conditions) addCondition(work, condition, input);
  for (const alert of input.alerts) addAlert(work, alert, input);
  addDeviceStatus(work, input);
  const conditions = [...input.conditions];
  const issues = dropSubsumed(work.issues).sort(compareIssues);
  const first = issues[0];
  if (!first) return { ...quietStatus(input), conditions };
  const messages = [...new Set(issues.map(issueMessage))];
  const more = messages.length - MAX_MESSAGES;
  // status-message.ts reads this grammar back to word it in the console's language.
  const message = messages.slice(0, MAX_MESSAGES).join(STATUS_JOINERS.en.issues) + (more > 0 ? moreWords('en', more) : '');
  return { state: first.severity, message, conditions };
}

/** Compile-time exhaustiveness; at run time a condition from outside PRINTER_CONDITIONS is ignored. */
function ignoreUnknown(_condition: never): void {}
