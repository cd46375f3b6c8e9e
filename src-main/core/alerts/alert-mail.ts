import type { AlertDestination, WatchedCondition } from '../../../src-shared/contract/monitoring.contract';
import type { OutgoingMail } from '../mail/mail-port';
import { localTime } from '../monitor/round-reporter';

/** One device's change as a mail lists it: from what the destination was last told to what is active now. */
export interface MailItem {
  conditionName: string;
  deviceName: string;
  address: string;
  from: readonly WatchedCondition[];
  to: readonly WatchedCondition[];
  at: number;
  /** Logged outside monitored hours; mailed now in the digest. */
  digest: boolean;
}

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

/** "New: Paper jam; cleared: Paper low", or "All clear" when nothing is active any more. */
export function describeChange(item: Pick<MailItem, 'from' | 'to'>): string {
  const added = item.to.filter((c) => !item.from.includes(c)).map((c) => CONDITION_LABELS[c]);
  const cleared = item.from.filter((c) => !item.to.includes(c)).map((c) => CONDITION_LABELS[c]);
  const parts = [added.length > 0 ? `new: ${added.join(', ')}` : '', cleared.length > 0 ? `cleared: ${cleared.join(', ')}` : ''].filter(Boolean);
  const text = parts.join('; ');
  return item.to.length === 0 ? `All clear (${text})` : text.charAt(0).toUpperCase() + text.slice(1);
}

/** The one mail a destination gets for an evaluation: standard (subject + table) or short (plain text within maxChars). */
export function composeAlertMail(destination: AlertDestination, items: readonly MailItem[], reference: string): OutgoingMail {
  const kind = items.some((i) => i.digest) ? 'alert-digest' : 'alert';
  if (destination.format === 'short') {
    return { kind, to: [destination.address], subject: 'Printdeck', text: shortText(items, destination.maxChars), reference };
  }
  const subject = `${kind === 'alert-digest' ? 'Printdeck digest' : 'Printdeck alert'}: ${items.length === 1 ? oneLine(items[0]) : `${items.length} changes`}`;
  const header = ['Device', 'Address', 'Condition', 'Change', 'Active now', 'Time'];
  const rows = items.map((i) => [i.deviceName, i.address, i.conditionName, describeChange(i), i.to.map((c) => CONDITION_LABELS[c]).join(', ') || '—', localTime(i.at)]);
  const text = [
    kind === 'alert-digest' ? 'Changes while outside monitored hours:' : 'Printer changes:',
    '',
    ...rows.map((r) => r.map((cell, k) => `${header[k]}: ${cell}`).join('\n')).flatMap((block) => [block, '']),
  ].join('\n');
  const html =
    '<table border="1" cellpadding="4" cellspacing="0"><thead><tr>' +
    header.map((h) => `<th>${escapeHtml(h)}</th>`).join('') +
    '</tr></thead><tbody>' +
    rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>';
  return { kind, to: [destination.address], subject, text, html, reference };
}

/** "PRN-1: Paper jam | PRN-2: OK", cut to `maxChars` with "…" when longer. */
export function shortText(items: readonly MailItem[], maxChars: number): string {
  const text = items.map((i) => `${i.deviceName}: ${i.to.length === 0 ? 'OK' : i.to.map((c) => CONDITION_LABELS[c]).join(', ')}`).join(' | ');
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}

function oneLine(item: MailItem | undefined): string {
  return item ? `${item.deviceName} — ${describeChange(item)}` : '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
