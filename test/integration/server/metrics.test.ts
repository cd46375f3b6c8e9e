import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import type { DeviceDetail } from '../../../src-shared/domain/device.schemas';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import { checkConfig, eventually, hasPrometheus, hasPromtool, startPrometheus, type PrometheusRig } from '../../helpers/prometheus';
import { aDemoPrinter, startSettingsRig, type SettingsRig } from '../settings/settings-rig';
import { http, signIn, type HttpReply } from './server-rig';

/**
 * GET /metrics of the headless server: a real core on a temp folder reading three simulated
 * printers (loopback UDP) and one address where nothing answers, the server on 127.0.0.1 with
 * a system-chosen port. What the exposition says is compared with what the contract says of
 * the same devices; then Debian's Prometheus scrapes it with a token (and a second one
 * federates the first), and the example configurations pass promtool.
 */

const CONSOLE = 'test-site';
const SILENT = '127.160.9.9';
const RENAMED = 'Front desk "A" \\ west';
const MONITORING = resolve(__dirname, '../../../resources/monitoring');

let rig: SettingsRig;
let server: RunningServer;
let devices: DeviceDetail[];
const serverLog: string[] = [];
const secrets: string[] = [];
const tokens = { viewer: '', tasks: '', revoked: '' };
const passwords = { viewer: `pw-${randomBytes(12).toString('base64url')}` };

beforeAll(async () => {
  rig = await startSettingsRig('127.160.0.1', [aDemoPrinter('hp-color-laser'), aDemoPrinter('brother-mono-mfp'), aDemoPrinter('canon-color-mfp')]);
  const { core, api } = rig;
  server = await createServer({ core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), consoleName: CONSOLE, log: (line) => void serverLog.push(line) });

  const viewer = await core.api.accounts.createUser({ name: 'prom', displayName: 'Prometheus', password: passwords.viewer, groupIds: [core.auth.builtinGroupId('viewer')], mustChangePassword: false }, internalContext());
  const tasksOnly = await core.api.accounts.createGroup({ name: 'Tasks only', description: '', permissions: { tasks: 'view' }, directoryGroups: [] }, internalContext());
  const tasker = await core.api.accounts.createUser({ name: 'tasker', displayName: 'Tasker', password: `pw-${randomBytes(12).toString('base64url')}`, groupIds: [tasksOnly.id], mustChangePassword: false }, internalContext());
  tokens.viewer = (await core.api.accounts.createToken({ userId: viewer.id, name: 'prometheus' }, internalContext())).secret;
  tokens.tasks = (await core.api.accounts.createToken({ userId: tasker.id, name: 'tasks' }, internalContext())).secret;
  const revoked = await core.api.accounts.createToken({ userId: viewer.id, name: 'old' }, internalContext());
  await core.api.accounts.revokeToken({ id: revoked.token.id }, internalContext());
  tokens.revoked = revoked.secret;
  secrets.push(tokens.viewer, tokens.tasks, tokens.revoked, passwords.viewer);

  // With the server listening, so its counters see them: a refresh (a task execution) that
  // cannot read one address, and a monitoring round.
  const { id: silentId } = await api.devices.add({ address: `${SILENT}:${rig.simulator.devices[0]?.port ?? 161}` });
  const firstId = rig.ids.get('hp-color-laser-0');
  if (firstId === undefined) throw new Error('the HP printer was not added');
  await api.devices.rename({ id: firstId, name: RENAMED });
  await api.devices.refresh({ ids: [...rig.ids.values(), silentId] });
  await core.monitor.runRound();
  devices = await Promise.all((await api.devices.list({})).devices.map((d) => api.devices.get({ id: d.id })));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rig?.close();
});

const bearer = (secret: string): Record<string, string> => ({ Authorization: `Bearer ${secret}` });

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of an exposition (both formats); label values unescaped. */
function samplesOf(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key = '', raw = ''] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

const find = (samples: Sample[], name: string, labels: Record<string, string>): Sample[] => samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

function one(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = find(samples, name, labels);
  if (found.length !== 1) throw new Error(`expected one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return found[0]?.value ?? NaN;
}

async function scrape(headers: Record<string, string> = bearer(tokens.viewer)): Promise<HttpReply> {
  return http(server.port, '/metrics', { headers });
}

describe('GET /metrics', () => {
  it('gives every device its state, supply levels and page counters as the console shows them, labelled with device id, name and console', async () => {
    const reply = await scrape();
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(reply.headers['cache-control']).toBe('no-store');
    const samples = samplesOf(reply.body);
    expect(samples.filter((s) => s.name.startsWith('printdeck_') && s.labels.console !== CONSOLE)).toEqual([]);
    expect(devices).toHaveLength(4);
    for (const device of devices) {
      const id = String(device.id);
      const silent = device.address === SILENT;
      const address = `${device.address}${device.port === 161 ? '' : `:${device.port}`}`;
      const name = device.name ?? device.identity.sysName ?? address;
      expect(one(samples, 'printdeck_device_up', { device: id }), `up of ${name}`).toBe(silent ? 0 : 1);
      expect(find(samples, 'printdeck_device_state', { device: id }).map((s) => s.labels.state), `state of ${name}`).toEqual([silent ? 'offline' : device.state]);
      expect(find(samples, 'printdeck_device_info', { device: id }).map((s) => s.labels)).toEqual([
        { console: CONSOLE, device: id, name, address, vendor: device.identity.vendor ?? '', model: device.identity.model ?? '', serial: device.identity.serial ?? '', location: device.identity.location ?? '' },
      ]);
      expect(one(samples, 'printdeck_device_missed_polls', { device: id })).toBe(device.missedPolls);
      const supplies = device.supplies.filter((s) => s.percent !== null);
      if (!silent) expect(supplies.length, `${name} has supplies of known level`).toBeGreaterThan(0);
      expect(
        find(samples, 'printdeck_supply_level_percent', { device: id }).map((s) => [s.labels.supply, s.labels.type, s.labels.color, s.labels.class, s.labels.name, s.value]).sort(),
        `supplies of ${name}`,
      ).toEqual(supplies.map((s) => [s.index, s.type ?? '', s.color ?? '', s.class ?? '', name, s.percent]).sort());
      expect(
        find(samples, 'printdeck_page_count_total', { device: id }).map((s) => [s.labels.counter, s.labels.unit, s.value]).sort(),
        `counters of ${name}`,
      ).toEqual(device.counters.map((c) => [c.name, c.unit, c.value]).sort());
    }
    // A name with a quote and a backslash comes back as it was.
    expect(find(samples, 'printdeck_device_up', { name: RENAMED })).toHaveLength(1);
    // The console's own work since the server started: the refresh task, the round, the settings.
    expect(one(samples, 'printdeck_task_executions_total', { kind: 'refresh', state: 'partly-failed' })).toBe(1);
    expect(one(samples, 'printdeck_task_execution_duration_seconds_count', { kind: 'refresh' })).toBe(1);
    expect(one(samples, 'printdeck_polled_devices_total', { outcome: 'read' })).toBe(3);
    expect(one(samples, 'printdeck_polled_devices_total', { outcome: 'failed' })).toBe(1);
    expect(one(samples, 'printdeck_poll_round_duration_seconds_count', {})).toBe(1);
    expect(one(samples, 'printdeck_poll_last_round_devices', { outcome: 'failed' })).toBe(1);
    expect(one(samples, 'printdeck_poll_interval_seconds', {})).toBe(rig.core.monitor.intervalMs / 1000);
    expect(one(samples, 'printdeck_console_info', { version: 'test' })).toBe(1);
    expect(one(samples, 'printdeck_mail_outbox', { state: 'queued' })).toBe(0);
    expect(find(samples, 'process_resident_memory_bytes', {})).toHaveLength(1);
  });

  it('declares each family once, before its samples, and names no status message in a label', async () => {
    const { body } = await scrape();
    const declared = new Map<string, string>();
    for (const [, name = '', type = ''] of body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      expect(declared.has(name), `${name} declared twice`).toBe(false);
      declared.set(name, type);
    }
    for (const sample of samplesOf(body)) {
      const family = [sample.name, sample.name.replace(/_(bucket|sum|count)$/, '')].find((n) => declared.has(n));
      expect(family, `${sample.name} has a # TYPE`).toBeDefined();
    }
    expect(declared.get('printdeck_page_count_total')).toBe('counter');
    expect(declared.get('printdeck_poll_round_duration_seconds')).toBe('histogram');
    const messages = devices.map((d) => d.message).filter((m) => m !== '');
    for (const message of messages) expect(body.includes(`"${message}"`), `a label holds "${message}"`).toBe(false);
  });

  it('answers OpenMetrics when asked, as Prometheus asks, gzip when accepted, and HEAD without a body', async () => {
    const openMetrics = await scrape({ ...bearer(tokens.viewer), Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1' });
    expect(openMetrics.status).toBe(200);
    expect(openMetrics.headers['content-type']).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(openMetrics.body.endsWith('# EOF\n')).toBe(true);
    expect(openMetrics.body.match(/# EOF/g)).toHaveLength(1);
    expect(openMetrics.body).toMatch(/^# TYPE printdeck_page_count counter$/m);
    expect(openMetrics.body).toMatch(/^# TYPE printdeck_task_executions counter$/m);
    expect(samplesOf(openMetrics.body.replace(/# EOF\n$/, '')).filter((s) => s.name === 'printdeck_page_count_total').length).toBeGreaterThan(0);
    // The text format again afterwards: OpenMetrics renamed nothing in it.
    expect((await scrape()).body).toMatch(/^# TYPE printdeck_task_executions_total counter$/m);

    const zipped = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolveZipped, reject) => {
      get({ host: '127.0.0.1', port: server.port, path: '/metrics', headers: { ...bearer(tokens.viewer), 'Accept-Encoding': 'gzip' }, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveZipped({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(zipped.encoding).toBe('gzip');
    const unzipped = gunzipSync(zipped.body).toString('utf8');
    expect(find(samplesOf(unzipped), 'printdeck_device_info', {})).toHaveLength(devices.length);

    const head = await http(server.port, '/metrics', { method: 'HEAD', headers: bearer(tokens.viewer) });
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('also answers a signed-in browser session of a user who may view the device list', async () => {
    const cookie = await signIn(server.port, 'prom', passwords.viewer);
    secrets.push(cookie.replace(/^[^=]*=/, ''));
    const reply = await scrape({ Cookie: cookie });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('printdeck_device_up{');
  });

  it('refuses without a token, with a wrong, revoked or non-Bearer one (401), and a user without the device list (403); each refusal in the system log, once a minute', async () => {
    const wrong = bearer(`pdt_${randomBytes(24).toString('base64url')}`);
    const refusals: Array<[string, Record<string, string>, number]> = [
      ['no credentials', {}, 401],
      ['a wrong token', wrong, 401],
      ['the same wrong token again', wrong, 401],
      ['a revoked token', bearer(tokens.revoked), 401],
      ['basic auth', { Authorization: `Basic ${Buffer.from('prom:secret').toString('base64')}` }, 401],
      ['a user who may only view tasks', bearer(tokens.tasks), 403],
    ];
    for (const [what, headers, status] of refusals) {
      const reply = await scrape(headers);
      expect([what, reply.status], reply.body).toEqual([what, status]);
      expect(reply.body).not.toContain('printdeck_');
      if (status === 401) expect(reply.headers['www-authenticate']).toBe('Bearer realm="printdeck"');
    }
    expect((await http(server.port, '/metrics', { method: 'POST', headers: bearer(tokens.viewer) })).status).toBe(405);

    const { entries } = await rig.core.api.audit.list({ action: 'metrics.scrape', limit: 50 }, internalContext());
    const logged = entries.map((e) => [e.userName, e.host, e.outcome, e.errorCode, e.message]).reverse();
    expect(logged).toEqual([
      ['anonymous', 'web', 'refused', 'unauthorized', 'no API token and no session'],
      ['anonymous', 'api-token', 'refused', 'unauthorized', 'an unknown, revoked or expired API token'],
      ['anonymous', 'api-token', 'refused', 'unauthorized', 'an Authorization header that is not "Bearer <API token>"'],
      ['tasker', 'api-token', 'refused', 'forbidden', 'needs "deviceList" at "view" to read /metrics'],
    ]);
    // The wrong token twice and the revoked one are one kind of refusal from one address: logged once within the minute.
    expect(entries.every((e) => e.address === '127.0.0.1')).toBe(true);
    const everything = JSON.stringify(entries) + serverLog.join('\n');
    for (const secret of secrets) expect(everything.includes(secret), 'a secret in the logs').toBe(false);
  });
});

describe.skipIf(!hasPrometheus)(`Prometheus scraping the console${hasPrometheus ? '' : ' (skipped: /usr/bin/prometheus is not installed; apt-get install prometheus)'}`, () => {
  let site: PrometheusRig | null = null;
  let central: PrometheusRig | null = null;
  afterAll(async () => {
    await central?.stop();
    await site?.stop();
  });

  it('scrapes /metrics with the token every second, and its query API returns the supply levels; a central Prometheus federates them', async () => {
    site = await startPrometheus(
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: printdeck',
        '    metrics_path: /metrics',
        '    authorization:',
        '      type: Bearer',
        '      credentials_file: printdeck.token',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${server.port}']`,
        '',
      ].join('\n'),
      { 'printdeck.token': `${tokens.viewer}\n` },
    );
    const rigSite = site;
    const supplies = devices.flatMap((d) => d.supplies.filter((s) => s.percent !== null).map((s) => ({ device: String(d.id), supply: s.index, percent: s.percent })));
    const levels = await eventually(
      'the supply levels in Prometheus',
      30_000,
      async () => {
        const result = await rigSite.query(`printdeck_supply_level_percent{console="${CONSOLE}"}`);
        return result.length === supplies.length ? result : null;
      },
      () => rigSite.log().slice(-3000),
    );
    expect(levels.map((s) => ({ device: s.metric.device, supply: s.metric.supply, percent: s.value })).sort(byKey)).toEqual([...supplies].sort(byKey));
    expect(levels.every((s) => s.metric.job === 'printdeck' && s.metric.instance === `127.0.0.1:${server.port}`)).toBe(true);
    expect(await rigSite.targets()).toEqual([{ job: 'printdeck', health: 'up', lastError: '' }]);
    expect((await rigSite.query('sum(printdeck_device_up)'))[0]?.value).toBe(3);
    expect((await rigSite.query(`count(printdeck_page_count_total{counter="total"})`))[0]?.value).toBe(3);
    // What the dashboard's "devices down" table asks: the silent address, joined with its info.
    const down = await rigSite.query('(printdeck_device_up == 0) * on (console, device) group_left (address) printdeck_device_info');
    expect(down.map((s) => s.metric.address?.split(':')[0])).toEqual([SILENT]);

    central = await startPrometheus(
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: printdeck-federate',
        '    honor_labels: true',
        '    metrics_path: /federate',
        '    params:',
        "      'match[]':",
        `        - '{job="printdeck"}'`,
        '    static_configs:',
        `      - targets: ['${rigSite.url.replace('http://', '')}']`,
        '        labels:',
        '          site: test',
        '',
      ].join('\n'),
    );
    const rigCentral = central;
    const federated = await eventually('the supply levels federated', 30_000, async () => {
      const result = await rigCentral.query(`printdeck_supply_level_percent{site="test", console="${CONSOLE}", job="printdeck"}`);
      return result.length === supplies.length ? result : null;
    }, () => rigCentral.log().slice(-3000));
    expect(federated.map((s) => ({ device: s.metric.device, supply: s.metric.supply, percent: s.value })).sort(byKey)).toEqual([...supplies].sort(byKey));
  }, 90_000);
});

const byKey = (a: { device?: string; supply?: string }, b: { device?: string; supply?: string }): number => `${a.device ?? ''}/${a.supply ?? ''}`.localeCompare(`${b.device ?? ''}/${b.supply ?? ''}`);

describe('the monitoring examples in resources/monitoring', () => {
  it.skipIf(!hasPromtool)(`pass promtool check config${hasPromtool ? '' : ' (skipped: /usr/bin/promtool is not installed; apt-get install prometheus)'}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printdeck-promtool-'));
    try {
      for (const file of ['prometheus-site.yml', 'prometheus-federation.yml']) {
        copyFileSync(join(MONITORING, file), join(dir, file));
        // The files a config names beside itself (token, certificate) must exist for promtool.
        for (const [, name = ''] of readFileSync(join(dir, file), 'utf8').matchAll(/^\s*(?:credentials_file|ca_file): (\S+)$/gm)) writeFileSync(join(dir, name), 'placeholder\n');
        expect(await checkConfig(join(dir, file))).toContain('SUCCESS');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Grafana dashboard asks only for series the console serves, and filters by console', async () => {
    const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }>; templating: { list: Array<{ name: string; definition?: string }> } };
    const served = new Set(samplesOf((await scrape()).body).map((s) => s.name));
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      for (const [name = ''] of expr.matchAll(/printdeck_[a-z_]+/g)) expect(served.has(name), `${panel}: ${name} is not served`).toBe(true);
      if (expr.includes('printdeck_') && !expr.startsWith('up{')) expect(expr, panel).toContain('console=~"$console"');
    }
    expect(dashboard.templating.list.find((v) => v.name === 'console')?.definition).toBe('label_values(printdeck_console_info, console)');
  });
});
