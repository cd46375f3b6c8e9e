/**
 * WebSocket API under load (a script: it prints figures and asserts nothing). A store with N
 * devices is served by the headless server; a flooding client in a child process (so its own
 * work does not count against the server) first sends 1,000 `devices.list` at once and
 * disconnects, then keeps up a mixed load (1 in 4 `devices.list`, the rest `system.info`) at a
 * fixed rate. Meanwhile a probe in the server's process times `GET /` and a small call on a
 * connection of its own. Prints latency p50/p99 of both (quiet, and during the load), what the
 * flooder got back (answered, "busy"), the server's CPU after the disconnect, and RSS: peak
 * while loaded, after, and after a GC (run with --expose-gc). Issue 15 item 4 saw 15 s of CPU
 * and RSS 80 → 498 MB for the disconnected burst, and 1.87 GB with `GET /` timing out under
 * the mixed load.
 *
 *   npm run bench:websocket -- [--devices 5000] [--seconds 10] [--rate 1000]
 * Loopback only; every loop is bounded in count and time.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { internalContext } from '../src-shared/auth/call-context';
import type { DeviceReading } from '../src-shared/domain/device-reading';
import type { Router } from '../src-shared/rpc/router';
import { resourcesDir } from '../src-main/cli/resources-path';
import { createCore } from '../src-main/core/create-core';
import { openDatabase } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { createServer } from '../src-main/server/server';
import { aCounter, aReading, aToner, aTray } from '../test/helpers/reading-builders';

const BURST = 1_000;
/** How long the flooder keeps reading replies after its last request, at most. */
const DRAIN_MS = 30_000;
const PROBE_EVERY_MS = 25;

interface FloodPlan {
  port: number;
  secret: string;
  mode: 'burst-and-leave' | 'steady';
  count: number;
  rate: number;
}

interface FloodReport {
  sent: number;
  answered: number;
  busy: number;
  failed: number;
  /** Replies that never came before the flooder stopped waiting. */
  missing: number;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const latencies = (label: string, xs: readonly number[]): string =>
  `${label.padEnd(22)} p50 ${ms(percentile(xs, 50)).padStart(9)}  p99 ${ms(percentile(xs, 99)).padStart(9)}  max ${ms(Math.max(...xs)).padStart(9)}  (${xs.length} samples)`;

function options(): { devices: number; seconds: number; rate: number } {
  const { values } = parseArgs({ options: { devices: { type: 'string' }, seconds: { type: 'string' }, rate: { type: 'string' } } });
  const whole = (text: string | undefined, fallback: number): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive whole number: ${text}`);
    return n;
  };
  return { devices: whole(values.devices, 5_000), seconds: whole(values.seconds, 10), rate: whole(values.rate, 1_000) };
}

/** Device i of the fleet: vendors and levels vary, so the list is as large as a real one. */
function fleetReading(i: number): DeviceReading {
  const target = `127.91.${(i >> 8) & 255}.${i & 255}`;
  const level = (salt: number): number => 10 + ((i * 37 + salt * 53) % 91);
  return aReading({
    target,
    identity: { vendor: i % 2 === 0 ? 'HP' : 'Brother', model: `Model ${i % 40}`, serial: `SN${String(i).padStart(8, '0')}`, sysName: `PRN-${String(i).padStart(5, '0')}`, location: `Floor ${i % 12}` },
    supplies: [aToner(1, 'black', level(1)), aToner(2, 'cyan', level(2)), aToner(3, 'magenta', level(3)), aToner(4, 'yellow', level(4))],
    trays: [aTray({ index: '1.1', name: 'Manual' }), aTray({ index: '1.2' })],
    counters: [aCounter({ value: 1_000 + i * 37 })],
  });
}

// ---------------------------------------------------------------------------------------------
// The flooder (child process): sends, counts replies by their first bytes, never parses big ones.

async function flood(plan: FloodPlan): Promise<FloodReport> {
  const socket = new WebSocket(`ws://127.0.0.1:${plan.port}/api`, { headers: { Authorization: `Bearer ${plan.secret}` } });
  const report: FloodReport = { sent: 0, answered: 0, busy: 0, failed: 0, missing: 0 };
  socket.on('message', (data: Buffer) => {
    const head = data.subarray(0, 120).toString('latin1');
    if (!head.startsWith('{"kind":"response"')) return;
    if (head.includes('"ok":true')) report.answered++;
    else if (head.includes('"code":"busy"')) report.busy++;
    else report.failed++;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const send = (): void => {
    const id = ++report.sent;
    const method = plan.mode === 'burst-and-leave' || id % 4 === 0 ? 'devices.list' : 'system.info';
    socket.send(JSON.stringify({ kind: 'request', id, method, params: {} }));
  };
  if (plan.mode === 'burst-and-leave') {
    for (let i = 0; i < plan.count; i++) send();
    // Leaves at once: whatever the server still computes for it is wasted.
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
    report.missing = plan.count - report.answered - report.busy - report.failed;
    return report;
  }
  const perTick = Math.max(1, Math.round(plan.rate / 100));
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      for (let i = 0; i < perTick && report.sent < plan.count; i++) send();
      if (report.sent >= plan.count) {
        clearInterval(ticker);
        resolve();
      }
    }, 10);
  });
  const deadline = Date.now() + DRAIN_MS;
  while (report.answered + report.busy + report.failed < report.sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  report.missing = report.sent - report.answered - report.busy - report.failed;
  socket.terminate();
  return report;
}

function runFlooder(plan: FloodPlan): Promise<FloodReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--flood', JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as FloodReport));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the flooder exited with code ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server side and the probe.

function getPage(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('GET / timed out after 10 s')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** One connection for small calls; resolves each with its round-trip time. */
async function probeConnection(port: number, secret: string): Promise<{ call(method: string): Promise<number>; close(): void }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { Authorization: `Bearer ${secret}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<number, () => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { kind: string; id?: number };
    if (message.kind === 'response' && message.id !== undefined) waiting.get(message.id)?.();
  });
  let nextId = 1;
  return {
    call: (method) => {
      const id = nextId++;
      const started = performance.now();
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} not answered within 10 s`)), 10_000);
        waiting.set(id, () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(performance.now() - started);
        });
        socket.send(JSON.stringify({ kind: 'request', id, method, params: {} }));
      });
    },
    close: () => socket.terminate(),
  };
}

/** Probes GET / and system.info alternately until `until` resolves (bounded by `maxMs`). */
async function probeWhile(port: number, secret: string, until: Promise<unknown>, maxMs: number): Promise<{ page: number[]; call: number[]; failures: string[] }> {
  const probe = await probeConnection(port, secret);
  const out = { page: [] as number[], call: [] as number[], failures: [] as string[] };
  let done = false;
  void until.finally(() => (done = true));
  const deadline = Date.now() + maxMs;
  try {
    for (let i = 0; !done && Date.now() < deadline; i++) {
      try {
        if (i % 2 === 0) out.page.push(await getPage(port));
        else out.call.push(await probe.call('system.info'));
      } catch (error) {
        out.failures.push(error instanceof Error ? error.message : String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  } finally {
    probe.close();
  }
  return out;
}

/** Waits until the process has used under 5 % of a core over 250 ms (at most maxMs); returns the CPU used since `start`. */
async function cpuUntilQuiet(start: NodeJS.CpuUsage, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  let last = process.cpuUsage();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = process.cpuUsage(last);
    last = process.cpuUsage();
    if ((now.user + now.system) / 1000 < 12.5) break;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function rssSampler(): { peak(): number; reset(): void; stop(): void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return {
    peak: () => peak,
    reset: () => (peak = process.memoryUsage.rss()),
    stop: () => clearInterval(timer),
  };
}

async function collectGarbage(): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 'no GC hook (run with --expose-gc)';
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return mb(process.memoryUsage.rss());
}

async function main(): Promise<void> {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-ws-bench-'));
  const cleanup: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    const databaseFile = join(dir, 'printdeck.db');
    const db = openDatabase(databaseFile);
    const at = Date.now();
    new DevicesRepository(db).saveReadings(Array.from({ length: o.devices }, (_, i) => {
      const reading = fleetReading(i);
      return { target: { address: reading.target, port: 161 }, reading, at };
    }));
    db.close();
    // A page of its own: GET / is timed as a static file, not as the "build the renderer first" notice.
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Printdeck</title>');

    // Not started: nothing is polled, the list stays as stored.
    const core = await createCore({ databaseFile, resourcesDir: resourcesDir(__dirname), version: 'bench', log: (line) => console.error(line) });
    cleanup.push(() => core.dispose());
    const { secret } = await core.api.accounts.createToken({ userId: core.auth.ensureAdministrator().id, name: 'websocket bench' }, internalContext());
    let listed = 0;
    const router: Router = {
      accessOf: (method) => core.router.accessOf(method),
      handle: (method, params, context) => {
        if (method === 'devices.list') listed++;
        return core.router.handle(method, params, context);
      },
    };
    const server = await createServer({ core: { router, events: core.events, auth: core.auth, audit: core.audit }, rendererDir, log: (line) => console.error(line) });
    cleanup.push(() => server.close());

    const t = performance.now();
    const { devices } = await core.api.devices.list({}, internalContext());
    const listMs = performance.now() - t;
    console.log(`\nWebSocket API load: ${o.devices.toLocaleString('en-US')} devices; devices.list ${ms(listMs)} in the core, ${(JSON.stringify(devices).length / 1e6).toFixed(1)} MB of JSON; node ${process.version}`);

    const rss = rssSampler();
    cleanup.push(() => rss.stop());
    const quiet = await probeWhile(server.port, secret, new Promise((resolve) => setTimeout(resolve, 3_000)), 3_000);
    console.log(`\nquiet server (RSS ${mb(process.memoryUsage.rss())}):`);
    console.log(`  ${latencies('GET /', quiet.page)}`);
    console.log(`  ${latencies('system.info', quiet.call)}`);

    rss.reset();
    listed = 0;
    const rssBefore = process.memoryUsage.rss();
    const cpuBefore = process.cpuUsage();
    const burst = await runFlooder({ port: server.port, secret, mode: 'burst-and-leave', count: BURST, rate: 0 });
    const cpuMs = await cpuUntilQuiet(cpuBefore, 60_000);
    console.log(`\n${BURST.toLocaleString('en-US')} devices.list sent at once, then the client left:`);
    console.log(`  replies it saw before leaving: ${burst.answered} answered, ${burst.busy} busy; devices.list computed: ${listed}`);
    console.log(`  server process CPU from the burst until quiet: ${ms(cpuMs)}; RSS ${mb(rssBefore)} → peak ${mb(rss.peak())} → ${mb(process.memoryUsage.rss())} after; after GC ${await collectGarbage()}`);

    rss.reset();
    listed = 0;
    const count = o.rate * o.seconds;
    const steady = runFlooder({ port: server.port, secret, mode: 'steady', count, rate: o.rate });
    const loaded = await probeWhile(server.port, secret, steady, o.seconds * 1000 + DRAIN_MS);
    const report = await steady;
    console.log(`\nmixed load, ${o.rate.toLocaleString('en-US')} requests/s for ${o.seconds} s (1 in 4 devices.list) from one client, probed meanwhile:`);
    console.log(`  ${latencies('GET /', loaded.page)}`);
    console.log(`  ${latencies('system.info', loaded.call)}`);
    if (loaded.failures.length > 0) console.log(`  probe failures: ${loaded.failures.length} (first: ${loaded.failures[0] ?? ''})`);
    console.log(`  the flooder: ${report.sent} sent, ${report.answered} answered, ${report.busy} busy, ${report.failed} failed otherwise, ${report.missing} unanswered; devices.list computed: ${listed}`);
    console.log(`  RSS peak ${mb(rss.peak())}; ${mb(process.memoryUsage.rss())} after; after GC ${await collectGarbage()}; process peak (maxRSS) ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

const floodArgument = process.argv.indexOf('--flood');
if (floodArgument >= 0) {
  flood(JSON.parse(process.argv[floodArgument + 1] ?? '{}') as FloodPlan)
    .then((report) => process.send?.(report, () => process.exit(0)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
