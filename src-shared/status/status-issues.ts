/**
 * What can be wrong with a printer, as data: how bad it is, how it ranks in the one-line
 * message, and how it is worded. Conditions (hrPrinterDetectedErrorState bits), alerts
 * (prtAlertTable) and hrDeviceStatus all become issues of these kinds; the status message is
 * the issues' wording, most important first.
 */

import { emptyWords, STATUS_JOINERS } from './status-words';

export type IssueSeverity = 'error' | 'warning';

/** How subjects (which toner, which tray) are put into the message. */
type Wording =
  | 'suffix' // "Toner low: Cyan, Magenta"
  | 'empty' // "Tray 2 empty"
  | 'text' // the alert's own description
  | 'plain'; // the label alone

interface IssueSpec {
  readonly severity: IssueSeverity;
  /** Lower ranks first; errors always precede warnings. */
  readonly rank: number;
  readonly label: string;
  readonly wording: Wording;
}

export const ISSUES = {
  jammed: { severity: 'error', rank: 10, label: 'Paper jam', wording: 'suffix' },
  doorOpen: { severity: 'error', rank: 20, label: 'Door open', wording: 'plain' },
  noToner: { severity: 'error', rank: 30, label: 'Toner empty', wording: 'suffix' },
  markerSupplyMissing: { severity: 'error', rank: 40, label: 'Supply missing', wording: 'suffix' },
  wasteFull: { severity: 'error', rank: 50, label: 'Waste container full', wording: 'plain' },
  supplyEmpty: { severity: 'error', rank: 55, label: 'Replace', wording: 'suffix' },
  noPaper: { severity: 'error', rank: 60, label: 'Out of paper', wording: 'empty' },
  inputTrayMissing: { severity: 'error', rank: 70, label: 'Tray missing', wording: 'suffix' },
  outputFull: { severity: 'error', rank: 80, label: 'Output tray full', wording: 'plain' },
  serviceRequested: { severity: 'error', rank: 90, label: 'Service requested', wording: 'plain' },
  offline: { severity: 'error', rank: 100, label: 'Offline', wording: 'plain' },
  failure: { severity: 'error', rank: 110, label: 'Printer error', wording: 'text' },
  deviceDown: { severity: 'error', rank: 120, label: 'Printer down', wording: 'plain' },
  loadPaper: { severity: 'warning', rank: 200, label: 'Load paper', wording: 'suffix' },
  lowToner: { severity: 'warning', rank: 210, label: 'Toner low', wording: 'suffix' },
  lowPaper: { severity: 'warning', rank: 220, label: 'Paper low', wording: 'suffix' },
  inputTrayEmpty: { severity: 'warning', rank: 230, label: 'Tray empty', wording: 'empty' },
  wasteAlmostFull: { severity: 'warning', rank: 240, label: 'Waste container almost full', wording: 'plain' },
  supplyLow: { severity: 'warning', rank: 250, label: 'Replace soon', wording: 'suffix' },
  outputNearFull: { severity: 'warning', rank: 260, label: 'Output tray almost full', wording: 'plain' },
  outputTrayMissing: { severity: 'warning', rank: 270, label: 'Output tray missing', wording: 'plain' },
  overduePreventMaint: { severity: 'warning', rank: 280, label: 'Maintenance overdue', wording: 'plain' },
  attention: { severity: 'warning', rank: 290, label: 'Needs attention', wording: 'text' },
  deviceWarning: { severity: 'warning', rank: 300, label: 'Needs attention', wording: 'plain' },
} as const satisfies Record<string, IssueSpec>;

export type IssueKey = keyof typeof ISSUES;

/** One thing wrong, with the parts (toners, trays) it concerns. */
export interface Issue {
  key: IssueKey;
  severity: IssueSeverity;
  subjects: string[];
  /** Wording of 'text' issues (an alert's description). */
  text: string | null;
}

/** Adds an issue, merging it into one of the same kind: worst severity, subjects united. Never throws. */
export function addIssue(issues: Issue[], key: IssueKey, severity: IssueSeverity, subjects: readonly string[] = [], text: string | null = null): void {
  const same = issues.find((i) => i.key === key && i.text === text);
  if (!same) {
    issues.push({ key, severity, subjects: [...subjects], text });
    return;
  }
  if (severity === 'error') same.severity = 'error';
  for (const subject of subjects) if (!same.subjects.includes(subject)) same.subjects.push(subject);
}

/** Sort order of issues: errors first, then by rank. Never throws. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return ISSUES[a.key].rank - ISSUES[b.key].rank;
}

/** The words of one issue: "Toner low: Cyan", "Tray 2 empty", "Paper jam". Never throws. */
export function issueMessage(issue: Issue): string {
  const spec: IssueSpec = ISSUES[issue.key];
  // The same joiners and words status-message.ts reads back (and translates).
  const subjects = issue.subjects.join(STATUS_JOINERS.en.subjects);
  switch (spec.wording) {
    case 'suffix':
      return subjects === '' ? spec.label : `${spec.label}${STATUS_JOINERS.en.label}${subjects}`;
    case 'empty':
      return subjects === '' ? spec.label : emptyWords('en', subjects);
    case 'text':
      return issue.text ?? spec.label;
    case 'plain':
      return spec.label;
    default:
      return unreachable(spec.wording, spec.label);
  }
}

/** Compile-time exhaustiveness check; at run time falls back to the label. */
function unreachable(_wording: never, label: string): string {
  return label;
}
