import { effectiveState } from '../core/monitor/round-reporter';
import type { FleetMetricsQueries } from '../core/store/fleet-metrics.queries';

/** The two exposition formats; a scraper says which it wants in Accept. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** The store queries the fleet's series are read from. */
export type FleetSource = Pick<FleetMetricsQueries, 'consistently' | 'eachDevice' | 'eachSupply' | 'eachCounter' | 'eachAlertCount' | 'eachStaticGroupMember'>;

interface FamilyInfo {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
}

/**
 * The fleet's metric families, in the order they are written. Labels are bounded: a device is
 * its id (`device`) and the name a person knows it by (`name`); address, vendor, model, serial
 * and location are on printdeck_device_info only (a dashboard joins on `device`), so a new DHCP
 * address does not start every series anew. Status messages are never labels.
 */
export const FLEET_FAMILIES = {
  info: { name: 'printdeck_device_info', type: 'gauge', help: 'A device the console knows (always 1): its address, vendor, model, serial number and location.' },
  up: { name: 'printdeck_device_up', type: 'gauge', help: 'Whether the last poll read the device (1), or failed or it was never read (0).' },
  state: { name: 'printdeck_device_state', type: 'gauge', help: 'The state the console shows for the device, always 1: ok, warning, error, offline or unknown.' },
  missed: { name: 'printdeck_device_missed_polls', type: 'gauge', help: 'Polls of the device that failed in a row (0 after a good one).' },
  lastSeen: { name: 'printdeck_device_last_seen_timestamp_seconds', type: 'gauge', help: 'When the device was last read (devices never read are left out).' },
  alerts: { name: 'printdeck_device_alerts', type: 'gauge', help: 'Alerts the device has active, by severity (critical, warning, other); devices without alerts are left out.' },
  group: { name: 'printdeck_device_group', type: 'gauge', help: 'The device is a member of this static group, always 1 (smart groups are filters on the other labels).' },
  supply: { name: 'printdeck_supply_level_percent', type: 'gauge', help: 'In percent: what is left of a consumable (class consumed: toner, ink, drum), or how full a receptacle is (class receptacle: waste toner); supplies of unknown level are left out.' },
  pages: { name: 'printdeck_page_count_total', type: 'counter', help: 'A page counter as the device reports it (counter: total, mono, color, print, copy, fax; unit: impressions, sheets).' },
} as const satisfies Record<string, FamilyInfo>;

/** Lines are gathered in blocks and joined once per block: no array of every line, no deep string of appends. */
const LINES_PER_CHUNK = 4096;

/** One family's text: its header, then its samples, in chunks of about LINES_PER_CHUNK lines. */
class FamilyText {
  readonly chunks: string[] = [];
  private lines: string[];

  constructor(family: FamilyInfo, format: ExpositionFormat) {
    // OpenMetrics names a counter family without _total and its samples with it.
    const name = format === 'openmetrics' && family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    this.lines = [`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`];
  }

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= LINES_PER_CHUNK) this.flush();
  }

  flush(): string[] {
    if (this.lines.length > 0) this.chunks.push(`${this.lines.join('\n')}\n`);
    this.lines = [];
    return this.chunks;
  }
}

/**
 * The fleet's series as exposition text, read from the store now in one read transaction:
 * each row becomes its line as it is read, so the fleet is held once, as the text (returned in
 * chunks, to be written one after another). `constantLabels` (the console label) go first on
 * every series. Throws only on a database failure.
 */
export function writeFleetExposition(source: FleetSource, format: ExpositionFormat, constantLabels: ReadonlyArray<readonly [string, string]> = []): string[] {
  const text = Object.fromEntries(Object.entries(FLEET_FAMILIES).map(([key, family]) => [key, new FamilyText(family, format)])) as Record<keyof typeof FLEET_FAMILIES, FamilyText>;
  const prefix = constantLabels.map(([key, value]) => `${key}="${escapeLabel(value)}",`).join('');
  const { info, up, state, missed, lastSeen, alerts, group, supply, pages } = FLEET_FAMILIES;
  source.consistently(() => {
    // `device="…",name="…"` of each device, written once and reused by its supplies, counters, alerts and groups.
    const deviceLabels = new Map<number, string>();
    source.eachDevice((d) => {
      const labels = `${prefix}device="${d.id}",name="${escapeLabel(d.name)}"`;
      deviceLabels.set(d.id, labels);
      const address = d.port === 161 ? d.address : `${d.address}:${d.port}`;
      text.info.add(`${info.name}{${labels},address="${escapeLabel(address)}",vendor="${escapeLabel(d.vendor ?? '')}",model="${escapeLabel(d.model ?? '')}",serial="${escapeLabel(d.serial ?? '')}",location="${escapeLabel(d.location ?? '')}"} 1`);
      text.up.add(`${up.name}{${labels}} ${d.lastErrorCode === null && d.lastSeen !== null ? 1 : 0}`);
      text.state.add(`${state.name}{${labels},state="${effectiveState(d.state, d.lastSeen, d.lastErrorCode !== null)}"} 1`);
      text.missed.add(`${missed.name}{${labels}} ${d.missedPolls}`);
      if (d.lastSeen !== null) text.lastSeen.add(`${lastSeen.name}{${labels}} ${d.lastSeen / 1000}`);
    });
    source.eachAlertCount((a) => {
      const labels = deviceLabels.get(a.deviceId);
      if (labels !== undefined) text.alerts.add(`${alerts.name}{${labels},severity="${escapeLabel(a.severity)}"} ${a.count}`);
    });
    source.eachStaticGroupMember((m) => {
      const labels = deviceLabels.get(m.deviceId);
      if (labels !== undefined) text.group.add(`${group.name}{${labels},group="${escapeLabel(m.groupName)}"} 1`);
    });
    source.eachSupply(([deviceId, index, type, color, supplyClass, percent]) => {
      const labels = deviceLabels.get(deviceId);
      if (labels !== undefined) text.supply.add(`${supply.name}{${labels},supply="${escapeLabel(index)}",type="${escapeLabel(type ?? '')}",color="${escapeLabel(color ?? '')}",class="${escapeLabel(supplyClass ?? '')}"} ${formatValue(percent)}`);
    });
    source.eachCounter(([deviceId, counter, unit, value]) => {
      const labels = deviceLabels.get(deviceId);
      if (labels !== undefined) text.pages.add(`${pages.name}{${labels},counter="${escapeLabel(counter)}",unit="${escapeLabel(unit)}"} ${formatValue(value)}`);
    });
  });
  return Object.values(text).flatMap((family) => family.flush());
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** A label value as both formats write it: backslash, double quote and line feed escaped. */
export function escapeLabel(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
