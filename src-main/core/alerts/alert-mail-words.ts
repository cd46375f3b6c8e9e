import type { WatchedCondition } from '../../../src-shared/contract/monitoring.contract';

/** What people read for each watched condition (mails are English, like the log; the UI translates its own). */
export const CONDITION_LABELS: Record<WatchedCondition, string> = {
  lowPaper: 'Paper low',
  noPaper: 'Out of paper',
  lowToner: 'Toner low',
  noToner: 'Out of toner',
  doorOpen: 'Door open',
  jammed: 'Paper jam',
  offline: 'Offline',
  serviceRequested: 'Service call',
  inputTrayMissing: 'Tray missing',
  outputTrayMissing: 'Output tray missing',
  markerSupplyMissing: 'Supply missing',
  outputNearFull: 'Output nearly full',
  outputFull: 'Output full',
  inputTrayEmpty: 'Tray empty',
  overduePreventMaint: 'Maintenance overdue',
  notReachable: 'Not reachable',
};

/** How a subject counts devices in a condition: "1 paper jam", "2 paper jams", "1 toner out". */
const COUNTED: Record<WatchedCondition, readonly [one: string, more: string]> = {
  lowPaper: ['paper low', 'paper low'],
  noPaper: ['out of paper', 'out of paper'],
  lowToner: ['toner low', 'toner low'],
  noToner: ['toner out', 'toner out'],
  doorOpen: ['door open', 'doors open'],
  jammed: ['paper jam', 'paper jams'],
  offline: ['offline', 'offline'],
  serviceRequested: ['service call', 'service calls'],
  inputTrayMissing: ['tray missing', 'trays missing'],
  outputTrayMissing: ['output tray missing', 'output trays missing'],
  markerSupplyMissing: ['supply missing', 'supplies missing'],
  outputNearFull: ['output nearly full', 'outputs nearly full'],
  outputFull: ['output full', 'outputs full'],
  inputTrayEmpty: ['tray empty', 'trays empty'],
  overduePreventMaint: ['maintenance overdue', 'maintenance overdue'],
  notReachable: ['not reachable', 'not reachable'],
};

/** "2 paper jams", "1 toner out". */
export function countedCondition(condition: WatchedCondition, count: number): string {
  const [one, more] = COUNTED[condition];
  return `${count} ${count === 1 ? one : more}`;
}

/** The active conditions in words, "Paper jam, Door open", or "OK" when none is active. */
export function activeText(conditions: readonly WatchedCondition[]): string {
  return conditions.length === 0 ? 'OK' : conditions.map((c) => CONDITION_LABELS[c]).join(', ');
}

/** "New: Paper jam; cleared: Paper low", or "All clear (cleared: …)" when nothing is active any more. */
export function describeChange(item: { from: readonly WatchedCondition[]; to: readonly WatchedCondition[] }): string {
  const added = item.to.filter((c) => !item.from.includes(c)).map((c) => CONDITION_LABELS[c]);
  const cleared = item.from.filter((c) => !item.to.includes(c)).map((c) => CONDITION_LABELS[c]);
  const parts = [added.length > 0 ? `new: ${added.join(', ')}` : '', cleared.length > 0 ? `cleared: ${cleared.join(', ')}` : ''].filter(Boolean);
  const text = parts.join('; ');
  return item.to.length === 0 ? `All clear (${text})` : text.charAt(0).toUpperCase() + text.slice(1);
}
