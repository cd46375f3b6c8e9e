import type { DeviceReading, LevelQuality, SupplyReading, TrayReading } from '../../src-shared/domain/device-reading';
import { visibleText } from '../../src-shared/domain/visible-text';
import { qualityWord } from '../../src-shared/wording/quality-words';

/**
 * Human-readable text of one reading, as `printdeck poll` prints it without --json. Device text
 * goes to a terminal: its control characters (escape sequences, bidi overrides) are shown as
 * [U+001B], never obeyed.
 */
export function formatReading(reading: DeviceReading): string {
  const lines: string[] = [];
  const { identity: id, status } = reading;
  lines.push(`${reading.target}  [${status.state}]  ${status.message}`);
  if (!reading.ok) return lines.join('\n');
  const what = [id.vendor, id.model].filter(Boolean).join(' ') || id.sysDescr || 'unknown device';
  lines.push(`  ${what}${field('serial', id.serial)}${field('MAC', id.mac)}${field('firmware', id.firmware)}`);
  const where = [field('name', id.sysName), field('location', id.location), field('contact', id.contact)].join('').trim();
  if (where) lines.push(`  ${where}`);
  if (id.uptimeSeconds !== null) lines.push(`  up ${formatDuration(id.uptimeSeconds)}`);
  if (status.conditions.length > 0) lines.push(`  conditions: ${status.conditions.join(', ')}`);
  section(lines, 'supplies', reading.supplies.map(formatSupply));
  section(lines, 'trays', reading.trays.map(formatTray));
  section(lines, 'counters', reading.counters.map((c) => `${c.name.padEnd(14)} ${c.value.toLocaleString('en-US')} ${c.unit}`));
  section(lines, 'alerts', reading.alerts.map((a) => `${a.severity.padEnd(9)} ${a.code ?? '-'}: ${a.description}${a.location ? ` (${a.location})` : ''}`));
  section(lines, 'too large to read (the device cannot send them)', (reading.unreadable ?? []).map((u) => (u.field === u.oid ? u.oid : `${u.field} (${u.oid})`)));
  return lines.map(visibleText).join('\n');
}

function field(name: string, value: string | null): string {
  return value ? `  ${name} ${value}` : '';
}

function section(lines: string[], title: string, rows: string[]): void {
  if (rows.length === 0) return;
  lines.push(`  ${title}:`);
  for (const row of rows) lines.push(`    ${row}`);
}

function percentText(percent: number | null, quality: LevelQuality): string {
  if (percent === null) return quality === 'coarse' ? 'some left' : 'unknown';
  // The console's word for the same quality ("approximate", not the data's "coarse").
  return `${Math.round(percent)} %${quality === 'exact' ? '' : ` (${qualityWord('en', quality).toLowerCase()})`}`;
}

function formatSupply(s: SupplyReading): string {
  const fill = s.class === 'receptacle' ? ' full' : '';
  return `${s.description.padEnd(34)} ${percentText(s.percent, s.quality)}${s.percent !== null ? fill : ''}`;
}

function formatTray(t: TrayReading): string {
  const size = t.level !== null && t.max !== null && t.level >= 0 && t.max > 0 ? `  ${t.level}/${t.max}` : '';
  return `${t.name.padEnd(20)} ${(t.media ?? '').padEnd(10)} ${percentText(t.percent, t.quality)}${size}`;
}

function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}
