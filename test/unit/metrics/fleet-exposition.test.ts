import { describe, expect, it } from 'vitest';
import type { AlertCountRow, CounterMetricsRow, DeviceMetricsRow, GroupMemberRow, SupplyMetricsRow } from '../../../src-main/core/store/fleet-metrics.queries';
import { escapeLabel, writeFleetExposition, type FleetSource } from '../../../src-main/server/fleet-exposition';
import { formatAsked } from '../../../src-main/server/metrics-route';

/** The fleet's exposition text from store rows (a fake source: rows as the store gives them). */

function aDevice(overrides: Partial<DeviceMetricsRow> = {}): DeviceMetricsRow {
  return { id: 1, name: 'PRN-1', address: '10.0.0.5', port: 161, vendor: 'HP', model: 'M454dw', serial: 'CN1', location: 'Floor 2', state: 'ok', lastSeen: 1_700_000_000_000, lastErrorCode: null, missedPolls: 0, ...overrides };
}

interface Rows {
  supplies: SupplyMetricsRow[];
  counters: CounterMetricsRow[];
  alerts: AlertCountRow[];
  groups: GroupMemberRow[];
}

function aSource(devices: DeviceMetricsRow[], more: Partial<Rows> = {}): FleetSource & { transactions: number } {
  const source = {
    transactions: 0,
    consistently<T>(read: () => T): T {
      source.transactions++;
      return read();
    },
    eachDevice: (visit: (row: DeviceMetricsRow) => void) => devices.forEach((d) => visit(d)),
    eachSupply: (visit: (row: SupplyMetricsRow) => void) => (more.supplies ?? []).forEach((r) => visit(r)),
    eachCounter: (visit: (row: CounterMetricsRow) => void) => (more.counters ?? []).forEach((r) => visit(r)),
    eachAlertCount: (visit: (row: AlertCountRow) => void) => (more.alerts ?? []).forEach((r) => visit(r)),
    eachStaticGroupMember: (visit: (row: GroupMemberRow) => void) => (more.groups ?? []).forEach((r) => visit(r)),
  };
  return source;
}

const text = (chunks: string[]): string => chunks.join('');

describe('the fleet exposition', () => {
  it('writes each device once per family, with the console label first and the effective state', () => {
    const source = aSource(
      [aDevice(), aDevice({ id: 2, name: '10.0.0.9:1161', address: '10.0.0.9', port: 1161, vendor: null, model: null, serial: null, location: null, state: 'ok', lastErrorCode: 'snmp-timeout', missedPolls: 4 }), aDevice({ id: 3, name: 'new', lastSeen: null, state: 'ok' })],
      {
        supplies: [[1, '1.1', 'toner', 'black', 'consumed', 42.5]],
        counters: [[1, 'total', 'impressions', 12345]],
        alerts: [{ deviceId: 1, severity: 'critical', count: 2 }],
        groups: [{ deviceId: 1, groupName: 'Floor 2' }],
      },
    );
    const out = text(writeFleetExposition(source, 'prometheus', [['console', 'berlin']]));
    expect(source.transactions).toBe(1);
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('printdeck_device_state{'))).toEqual([
      'printdeck_device_state{console="berlin",device="1",name="PRN-1",state="ok"} 1',
      'printdeck_device_state{console="berlin",device="2",name="10.0.0.9:1161",state="offline"} 1',
      'printdeck_device_state{console="berlin",device="3",name="new",state="unknown"} 1',
    ]);
    expect(lines.filter((l) => l.startsWith('printdeck_device_up{')).map((l) => l.slice(-1))).toEqual(['1', '0', '0']);
    expect(lines).toContain('printdeck_device_info{console="berlin",device="2",name="10.0.0.9:1161",address="10.0.0.9:1161",vendor="",model="",serial="",location=""} 1');
    // Last seen before its failed poll, and never (no line).
    expect(lines.filter((l) => l.startsWith('printdeck_device_last_seen_timestamp_seconds{')).map((l) => /device="(\d+)"/.exec(l)?.[1])).toEqual(['1', '2']);
    expect(lines).toContain('printdeck_device_missed_polls{console="berlin",device="2",name="10.0.0.9:1161"} 4');
    expect(lines).toContain('printdeck_supply_level_percent{console="berlin",device="1",name="PRN-1",supply="1.1",type="toner",color="black",class="consumed"} 42.5');
    expect(lines).toContain('printdeck_page_count_total{console="berlin",device="1",name="PRN-1",counter="total",unit="impressions"} 12345');
    expect(lines).toContain('printdeck_device_alerts{console="berlin",device="1",name="PRN-1",severity="critical"} 2');
    expect(lines).toContain('printdeck_device_group{console="berlin",device="1",name="PRN-1",group="Floor 2"} 1');
    expect(out).toContain('# TYPE printdeck_page_count_total counter\n');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('names an OpenMetrics counter family without _total and its samples with it', () => {
    const out = text(writeFleetExposition(aSource([aDevice()], { counters: [[1, 'total', 'impressions', 7]] }), 'openmetrics'));
    expect(out).toContain('# HELP printdeck_page_count A page counter');
    expect(out).toContain('# TYPE printdeck_page_count counter\nprintdeck_page_count_total{');
    expect(out).toContain('\nprintdeck_page_count_total{device="1",name="PRN-1",counter="total",unit="impressions"} 7\n');
  });

  it('escapes backslashes, double quotes and line feeds in label values, and nothing else', () => {
    expect(escapeLabel('Front desk "A" \\ west\nnext')).toBe('Front desk \\"A\\" \\\\ west\\nnext');
    expect(escapeLabel('Empfang 2. OG — 東京')).toBe('Empfang 2. OG — 東京');
    const out = text(writeFleetExposition(aSource([aDevice({ name: 'a"b', location: 'x\\y' })]), 'prometheus'));
    expect(out).toContain('name="a\\"b"');
    expect(out).toContain('location="x\\\\y"');
  });

  it('leaves out rows of devices it did not list (none within one transaction) and splits long text into chunks', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => aDevice({ id: i + 1, name: `PRN-${i + 1}` }));
    const chunks = writeFleetExposition(aSource(many, { supplies: [[99_999, '1.1', 'toner', 'black', 'consumed', 1]] }), 'prometheus');
    expect(chunks.length).toBeGreaterThan(5);
    expect(text(chunks)).not.toContain('device="99999"');
    expect(text(chunks).split('\n').filter((l) => l.startsWith('printdeck_device_up{'))).toHaveLength(5_000);
  });
});

describe('the format a scraper asks for', () => {
  it("is OpenMetrics when Accept names it with a q above 0, as Prometheus's does; else the text format", () => {
    expect(formatAsked('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).toBe('openmetrics');
    expect(formatAsked('application/openmetrics-text; version=1.0.0; q=0')).toBe('prometheus');
    expect(formatAsked('text/plain')).toBe('prometheus');
    expect(formatAsked('*/*')).toBe('prometheus');
    expect(formatAsked(undefined)).toBe('prometheus');
  });
});
