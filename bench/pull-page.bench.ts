/**
 * The pull page under load (issue 12 item 8; a script: it prints figures and asserts nothing).
 * A console with the drivers plug-in serves N simulated printers (simulator in a child process)
 * and one association per printer up to --associations; it polls the whole fleet round after
 * round. First a few rounds alone, then --clients visitors (a child process, so their own work
 * does not count against the console) each fetching the list page (a search) and an installer,
 * again and again, for --seconds. Prints the visitors' latency p50/p95/p99 per kind, requests
 * answered and failed, and the console's poll round times without and during the load.
 *
 *   npm run bench:pull -- [--devices 1000] [--associations 200] [--clients 200] [--seconds 20]
 * Loopback only; every loop is bounded in count and time.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { internalContext } from '../src-shared/auth/call-context';
import { driversContract } from '../src-shared/plugins/drivers/drivers.contract';
import { DRIVERS_PLUGIN_ID } from '../src-shared/plugins/drivers/drivers-ids';
import { createApiClient } from '../src-shared/rpc/api-client';
import { createInProcessTransport } from '../src-shared/rpc/in-process-transport';
import { resourcesDir } from '../src-main/cli/resources-path';
import { createCore } from '../src-main/core/create-core';
import type { SnmpSettings } from '../src-main/core/inventory/inventory.service';
import { driversPlugin } from '../src-main/plugins/drivers/drivers.plugin';
import { createServer } from '../src-main/server/server';
import { startSimulatorProcess } from '../src-main/simulator/simulator-process-client';

const SETTINGS: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 2_000, retries: 1 };
const POLL_CONCURRENCY = 64;
const QUIET_ROUNDS = 3;
const MAX_ROUNDS = 1_000;

interface VisitPlan {
  port: number;
  token: string;
  clients: number;
  seconds: number;
  associationIds: number[];
}

interface VisitReport {
  /** Each visitor's first request (its connection and the console's first read of the list included). */
  first: number[];
  /** How long each visitor's connection took to be accepted (TCP connect), apart. */
  connect: number[];
  list: number[];
  installer: number[];
  failed: number;
  statuses: Record<string, number>;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const latencies = (label: string, xs: readonly number[]): string =>
  `${label.padEnd(20)} p50 ${ms(percentile(xs, 50)).padStart(9)}  p95 ${ms(percentile(xs, 95)).padStart(9)}  p99 ${ms(percentile(xs, 99)).padStart(9)}  max ${ms(xs.length === 0 ? NaN : Math.max(...xs)).padStart(9)}  (${xs.length} requests)`;

function options(): { devices: number; associations: number; clients: number; seconds: number } {
  const { values } = parseArgs({ options: { devices: { type: 'string' }, associations: { type: 'string' }, clients: { type: 'string' }, seconds: { type: 'string' }, visit: { type: 'string' } } });
  const whole = (text: string | undefined, fallback: number): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive whole number: ${text}`);
    return n;
  };
  return { devices: whole(values.devices, 1_000), associations: whole(values.associations, 200), clients: whole(values.clients, 200), seconds: whole(values.seconds, 20) };
}

// ---------------------------------------------------------------------------------------------
// The visitors (child process): each loops list page → installer until the time is up.

function get(agent: Agent, plan: VisitPlan, path: string, onConnect?: (ms: number) => void): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: plan.port, path, agent, headers: { Authorization: `Bearer ${plan.token}`, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)', 'Accept-Language': 'ja,en;q=0.5' }, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    if (onConnect) req.once('socket', (socket) => socket.once('connect', () => onConnect(performance.now() - started)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });
}

async function visit(plan: VisitPlan): Promise<VisitReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.clients });
  const report: VisitReport = { first: [], connect: [], list: [], installer: [], failed: 0, statuses: {} };
  const end = performance.now() + plan.seconds * 1000;
  const count = (status: number): void => {
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    if (status !== 200) report.failed++;
  };
  const client = async (n: number): Promise<void> => {
    for (let i = 0; i < 100_000 && performance.now() < end; i++) {
      const list = await get(agent, plan, `/plugins/drivers/pull?q=${encodeURIComponent(`floor ${(n + i) % 12}`)}`, i === 0 ? (ms) => report.connect.push(ms) : undefined);
      count(list.status);
      if (list.status === 200) (i === 0 ? report.first : report.list).push(list.ms);
      const id = plan.associationIds[(n * 7 + i) % plan.associationIds.length] ?? 1;
      const script = await get(agent, plan, `/plugins/drivers/pull/install/${id}?os=linux`);
      count(script.status);
      if (script.status === 200) report.installer.push(script.ms);
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, (_, n) => client(n)));
  agent.destroy();
  return report;
}

function runVisitors(plan: VisitPlan): Promise<VisitReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--visit', JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as VisitReport));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the visitors exited with code ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-pull-bench-'));
  const sim = await startSimulatorProcess({ demo: { count: o.devices, seed: 7, healthy: true }, baseAddress: '127.33.0.1', port: 0 });
  const core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resourcesDir(__dirname), snmp: SETTINGS, version: 'bench', plugins: [driversPlugin()] });
  const server = await createServer({ core, rendererDir: join(dir, 'no-renderer'), log: () => undefined });
  try {
    console.log(`== pull page: ${o.devices} simulated printers polled round after round, ${o.associations} associations, ${o.clients} visitors for ${o.seconds} s (${cpus().length} cores; simulator pid ${sim.pid}; load average ${load()})`);
    const ctx = internalContext();
    const targets = sim.devices.map((d) => ({ ...SETTINGS, host: d.address, port: d.port }));
    const read = (await core.inventory.readTargets(targets, { concurrency: 128 })).filter((r) => r.reading.ok).length;
    console.log(`first full read: ${read}/${o.devices}`);

    const drivers = createApiClient(driversContract, createInProcessTransport(core.router, core.events), DRIVERS_PLUGIN_ID);
    const setId = (await drivers.sets.createDriverless({ name: 'IPP Everywhere (Linux)', os: 'linux' })).id;
    const devices = (await core.api.devices.list({}, ctx)).devices.slice(0, o.associations);
    const associationIds: number[] = [];
    for (const [i, device] of devices.entries()) {
      const saved = await drivers.associations.save({ association: { name: `Printer ${i} floor ${i % 12}`, deviceId: device.id, setId, queueName: `printer-${i}`, protocol: 'ipp', location: `Floor ${i % 12}` } });
      associationIds.push(saved.id);
    }
    const group = await core.api.accounts.createGroup({ name: 'Installers', description: '', permissions: { 'drivers.pullPage': 'view' }, directoryGroups: [] }, ctx);
    const user = await core.api.accounts.createUser({ name: 'visitor', displayName: 'Visitor', password: 'visitor-password-1', groupIds: [group.id], mustChangePassword: false }, ctx);
    const { secret } = await core.api.accounts.createToken({ userId: user.id, name: 'bench' }, ctx);

    // Devices that did not answer in a round: SNMP timeouts (the simulator, a process of its own, short of CPU) rather than a console that stalls.
    let unanswered = 0;
    const round = async (): Promise<number> => {
      const t = performance.now();
      const outcomes = await core.inventory.pollStored(SETTINGS, { concurrency: POLL_CONCURRENCY });
      unanswered = outcomes.filter((o) => !o.reading.ok).length;
      return performance.now() - t;
    };
    const quiet: number[] = [];
    // The console's event loop: how long a timer waits beyond its time (a stalled console answers nothing, polls nothing).
    const quietLoop = monitorEventLoopDelay({ resolution: 10 });
    quietLoop.enable();
    for (let i = 0; i < QUIET_ROUNDS; i++) quiet.push(await round());
    quietLoop.disable();
    console.log(`poll rounds without visitors: ${quiet.map((r) => Math.round(r)).join(', ')} ms (last: ${unanswered} devices did not answer; load average ${load()})`);

    const loaded: number[] = [];
    let visiting = true;
    const visitors = runVisitors({ port: server.port, token: secret, clients: o.clients, seconds: o.seconds, associationIds }).finally(() => {
      visiting = false;
    });
    const loadedLoop = monitorEventLoopDelay({ resolution: 10 });
    loadedLoop.enable();
    const cpuBefore = process.cpuUsage();
    const wallStart = performance.now();
    for (let i = 0; visiting && i < MAX_ROUNDS; i++) {
      loaded.push(await round());
      console.log(`  poll round ${i + 1} during the load: ${Math.round(loaded[i] ?? 0)} ms, ${unanswered} devices did not answer (load average ${load()})`);
    }
    const report = await visitors;
    loadedLoop.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - wallStart;
    console.log(`load average at the end: ${load()}`);

    console.log('\n-- results');
    console.log(latencies('first request', report.first));
    console.log(latencies('  its TCP connect', report.connect));
    console.log(latencies('list page (search)', report.list));
    console.log(latencies('installer (sh)', report.installer));
    console.log(`answered ${report.first.length + report.list.length + report.installer.length} in ${o.seconds} s (${Math.round((report.first.length + report.list.length + report.installer.length) / o.seconds)}/s), failed ${report.failed}; statuses ${JSON.stringify(report.statuses)}`);
    const median = (xs: readonly number[]): number => percentile(xs, 50);
    console.log(`poll round (${o.devices} devices): without visitors median ${ms(median(quiet))} (${quiet.length} rounds); during the load median ${ms(median(loaded))}, max ${ms(loaded.length === 0 ? NaN : Math.max(...loaded))} (${loaded.length} rounds)`);
    const loopText = (h: ReturnType<typeof monitorEventLoopDelay>): string => `p50 ${ms(h.percentile(50) / 1e6)}, p99 ${ms(h.percentile(99) / 1e6)}, max ${ms(h.max / 1e6)}`;
    console.log(`console event-loop delay: without visitors ${loopText(quietLoop)}; during the load ${loopText(loadedLoop)}`);
    console.log(`console CPU during the load: ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core`);
  } finally {
    await server.close();
    await core.dispose();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const visitArg = process.argv.indexOf('--visit');
if (visitArg >= 0) {
  const plan = JSON.parse(process.argv[visitArg + 1] ?? '{}') as VisitPlan;
  void visit(plan).then((report) => {
    process.send?.(report, () => process.exit(0));
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
