import type { AlertDestination, WatchedCondition } from '../../../src-shared/contract/monitoring.contract';
import type { OutgoingMail } from '../mail/mail-port';
import { localTime } from '../monitor/round-reporter';
import { activeText, countedCondition, describeChange } from './alert-mail-words';

export { CONDITION_LABELS, describeChange } from './alert-mail-words';

/** One device's change as a mail lists it: from what the destination was last told to what is active now. */
export interface MailItem {
  conditionName: string;
  deviceId: number;
  deviceName: string;
  /** "10.0.0.5", or "10.0.0.5:1161" off the standard port. */
  address: string;
  /** "Canon iR-ADV C3530"; '' when unknown. */
  model: string;
  /** sysLocation; '' when unknown. */
  location: string;
  from: readonly WatchedCondition[];
  to: readonly WatchedCondition[];
  /** When the device entered the state it is mailed in (first seen, before the hold-down). */
  since: number;
  at: number;
  /** Logged outside monitored hours; mailed now in the digest. */
  digest: boolean;
}

/** The console's address of a device ("…/#/devices/42"), or null when no console address is set. */
export type DeviceLink = (deviceId: number) => string | null;

const NO_LINKS: DeviceLink = () => null;

/**
 * The one mail a destination gets for an evaluation. The subject says what happened ("2 paper
 * jams, 1 toner out — Floor 3"). Standard: per device its location, model, address, what is
 * active, since when and a link to it in the console, as text and an HTML table. Short (mobile):
 * plain text within maxChars that ends "+N more" when devices did not fit.
 */
export function composeAlertMail(destination: AlertDestination, items: readonly MailItem[], reference: string, link: DeviceLink = NO_LINKS): OutgoingMail {
  const kind = items.some((i) => i.digest) ? 'alert-digest' : 'alert';
  const subject = alertSubject(items);
  if (destination.format === 'short') {
    return { kind, to: [destination.address], subject, text: shortText(items, destination.maxChars), reference };
  }
  const blocks = items.map((i) => {
    const url = link(i.deviceId);
    const lines = [
      `${i.deviceName}: ${activeText(i.to)}`,
      `  Change:    ${describeChange(i)}`,
      `  Since:     ${localTime(i.since)}`,
      `  Location:  ${i.location || '—'}`,
      `  Model:     ${i.model || '—'}`,
      `  Address:   ${i.address}`,
      `  Condition: ${i.conditionName}`,
    ];
    if (url) lines.push(`  Open:      ${url}`);
    return lines.join('\n');
  });
  const text = [kind === 'alert-digest' ? 'Changes while outside monitored hours:' : 'Printer changes:', '', ...blocks.flatMap((b) => [b, ''])].join('\n');
  const header = ['Device', 'Active now', 'Change', 'Since', 'Location', 'Model', 'Address', 'Condition'];
  const rows = items.map((i) => {
    const url = link(i.deviceId);
    const device = url ? `<a href="${escapeHtml(url)}">${escapeHtml(i.deviceName)}</a>` : escapeHtml(i.deviceName);
    return [device, ...[activeText(i.to), describeChange(i), localTime(i.since), i.location || '—', i.model || '—', i.address, i.conditionName].map(escapeHtml)];
  });
  const html =
    '<table border="1" cellpadding="4" cellspacing="0"><thead><tr>' +
    header.map((h) => `<th>${escapeHtml(h)}</th>`).join('') +
    '</tr></thead><tbody>' +
    rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>';
  return { kind, to: [destination.address], subject, text, html, reference };
}

/**
 * What happened, in the subject: the new conditions counted ("2 paper jams, 1 toner out"), then
 * devices all clear; where: the location all devices share, or the one device's name.
 */
export function alertSubject(items: readonly MailItem[]): string {
  const added = new Map<WatchedCondition, number>();
  let allClear = 0;
  let better = 0;
  for (const item of items) {
    const fresh = item.to.filter((c) => !item.from.includes(c));
    for (const c of fresh) added.set(c, (added.get(c) ?? 0) + 1);
    if (item.to.length === 0) allClear += 1;
    else if (fresh.length === 0) better += 1;
  }
  // Most frequent first; ties in the order the devices brought them (Map keeps insertion order, sort is stable).
  const parts = [...added].sort((a, b) => b[1] - a[1]).map(([c, n]) => countedCondition(c, n));
  if (allClear > 0) parts.push(`${allClear} all clear`);
  if (better > 0) parts.push(`${better} partly cleared`);
  const what = parts.length > 0 ? parts.join(', ') : `${items.length} changed`;
  const only = items.length === 1 ? items[0] : undefined;
  const locations = new Set(items.map((i) => i.location));
  const [location] = locations;
  const where = only ? ` — ${only.deviceName}${only.location ? ` (${only.location})` : ''}` : locations.size === 1 && location ? ` — ${location}` : '';
  return `${items.some((i) => i.digest) ? 'Digest: ' : ''}${what}${where}`;
}

/** "PRN-1 (Floor 3): Paper jam | PRN-2: OK", within `maxChars`: whole devices, then "+N more" for those left out. */
export function shortText(items: readonly MailItem[], maxChars: number): string {
  // A location all devices share is in the subject already: every character counts here.
  const located = new Set(items.map((i) => i.location)).size > 1;
  const parts = items.map((i) => `${i.deviceName}${located && i.location ? ` (${i.location})` : ''}: ${activeText(i.to)}`);
  const more = (left: number): string => (left > 0 ? ` +${left} more` : '');
  for (let shown = parts.length; shown >= 1; shown--) {
    const text = parts.slice(0, shown).join(' | ') + more(parts.length - shown);
    if (text.length <= maxChars) return text;
  }
  // Not even the first device fits whole: without its location, else cut, and still say how many follow.
  const suffix = more(parts.length - 1);
  const bare = items[0] ? `${items[0].deviceName}: ${activeText(items[0].to)}` : '';
  if (bare.length + suffix.length <= maxChars) return `${bare}${suffix}`;
  const room = maxChars - suffix.length - 1;
  const first = bare;
  return room > 0 ? `${first.slice(0, room)}…${suffix}` : `${first}${suffix}`.slice(0, maxChars);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
