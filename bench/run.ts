/**
 * `npm run bench`: reads 1,000 and 10,000 simulated printers the way the console does and
 * prints figures beside the issue 13 targets (it asserts nothing). The simulator runs in a child
 * process so that it and the poller each have a core, and so does the raw net-snmp baseline:
 * its rounds alternate with ours, so each ratio compares rounds run under the same machine load.
 * Sizes can be overridden: BENCH_SIZES=1000,5000 npm run bench; BENCH_BASE_ADDRESS moves the
 * simulated fleet (default 127.30.0.1) so that two runs can share a machine. BENCH_QUICK=1 runs only the
 * 10,000-device size (and `npm run bench` only this file): the RSS and routine-poll ratio.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { join, resolve } from 'node:path';
import { DeviceReader } from '../src-main/core/inventory/device-reader';
import { InventoryService, type SnmpSettings } from '../src-main/core/inventory/inventory.service';
import { loadProfiles } from '../src-main/core/profiles/profile-loader';
import { HEAP_GROWING_PERCENT, moderateHeapGrowth } from '../src-main/core/monitor/heap-growth';
import { createSnmpClient } from '../src-main/core/snmp/create-snmp-client';
import { openDatabase } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { startSimulatorProcess } from '../src-main/simulator/simulator-process-client';
import { profiled } from './cpu-profile';
import { startRawBaseline, type RawBaseline } from './raw-net-snmp-process';

const QUICK = Boolean(process.env.BENCH_QUICK);
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '10000' : '1000,10000')).split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 512);
/** Full reads walk ~10 tables each: fewer devices at once keep requests in flight comparable. */
const FULL_READ_CONCURRENCY = Number(process.env.BENCH_FULL_CONCURRENCY ?? 128);
const ROUTINE_ROUNDS = 3;
/** Share of devices that print between two routine polls (counters move, some toner drops). */
const PRINTING = Number(process.env.BENCH_PRINTING ?? 0.25);
const SETTINGS: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 2000, retries: 1 };
const PROFILES_DIR = resolve(__dirname, '../../resources/profiles');
/** Issue 13 targets, for the 10,000-device fleet. */
const TARGET_FLEET = 10_000;
const TARGET_PEAK_MB = 250;
const TARGET_RATIO_PERCENT = 70;

let peakRss = 0;
let lastTrace = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (process.env.BENCH_TRACE && performance.now() - lastTrace > 2000) {
    lastTrace = performance.now();
    const m = process.memoryUsage();
    console.log(`    [trace] rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} array buffers ${mb(m.arrayBuffers)}`);
  }
}, 25);

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** "target ≤ 250 MB: met" or "…: NOT met (by 31 MB)". */
function verdict(met: boolean, target: string, shortBy: string): string {
  return `target ${target}: ${met ? 'met' : `NOT met (by ${shortBy})`}`;
}

async function benchSize(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-bench-'));
  const file = join(dir, 'printdeck.db');
  const sim = await startSimulatorProcess({ demo: { count, seed: 7, healthy: true }, baseAddress: process.env.BENCH_BASE_ADDRESS ?? '127.30.0.1', port: 1161 });
  const profiles = await loadProfiles(PROFILES_DIR);
  const db = openDatabase(file);
  const devices = new DevicesRepository(db);
  const client = createSnmpClient();
  const service = new InventoryService({ reader: new DeviceReader({ snmp: client, profiles }), devices, profiles, now: Date.now });
  let baseline: RawBaseline | null = null;
  try {
    console.log(`\n== ${count.toLocaleString('en-US')} simulated printers (simulator pid ${sim.pid}, up in ${Math.round(sim.startupMs)} ms; load average ${load()})`);
    global.gc?.();
    const baseRss = process.memoryUsage.rss();
    peakRss = baseRss;

    const targets = sim.devices.map((d) => ({ ...SETTINGS, host: d.address, port: d.port }));
    let t = performance.now();
    let cpu = process.cpuUsage();
    // Only the count is kept: holding 10,000 readings for the rest of the run would inflate RSS.
    const fullOk = (await service.readTargets(targets, { concurrency: FULL_READ_CONCURRENCY })).filter((o) => o.reading.ok).length;
    const fullMs = performance.now() - t;
    const fullCpu = process.cpuUsage(cpu);
    const peakAfterFull = peakRss;
    if (process.env.BENCH_MEMORY) {
      global.gc?.();
      const m = process.memoryUsage();
      if (process.env.BENCH_HEAPSNAPSHOT) console.log(`  heap snapshot: ${writeHeapSnapshot(process.env.BENCH_HEAPSNAPSHOT)}`);
      console.log(`  after full read + GC: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}, SNMP sessions ${client.stats().sessions ?? '?'}`);
      await new Promise((r) => setTimeout(r, 11_000));
      global.gc?.();
      const m2 = process.memoryUsage();
      console.log(`  11 s later + GC:       rss ${mb(m2.rss)}, heap used ${mb(m2.heapUsed)} of ${mb(m2.heapTotal)}, SNMP sessions ${client.stats().sessions ?? '?'}`);
    }
    console.log(`full read incl. store:     ${rate(count, fullMs)}  (${Math.round(fullMs)} ms, ${fullOk}/${count} read, ${((fullCpu.user + fullCpu.system) / 1000 / count).toFixed(3)} ms CPU/device)`);

    // The same requests through plain net-snmp, one session per device, in a child process;
    // its rounds alternate with ours so each ratio is taken under the same load.
    baseline = await startRawBaseline(file, PROFILES_DIR);
    const routineMs: number[] = [];
    const bytes: number[] = [];
    const cpuPerDevice: number[] = [];
    const rawCpuPerDevice: number[] = [];
    const ratios: number[] = [];
    const rawRates: number[] = [];
    let routineOk = 0;
    for (let round = 0; round < ROUTINE_ROUNDS; round++) {
      const printed = await sim.printPages(PRINTING, 100 + round);
      const before = client.stats();
      cpu = process.cpuUsage();
      t = performance.now();
      const poll = (): ReturnType<typeof service.pollStored> => service.pollStored(SETTINGS, { concurrency: CONCURRENCY });
      const outcomes = round === ROUTINE_ROUNDS - 1 ? await profiled('the last routine poll', poll) : await poll();
      const ms = performance.now() - t;
      routineMs.push(ms);
      const c = process.cpuUsage(cpu);
      cpuPerDevice.push((c.user + c.system) / 1000 / count);
      const after = client.stats();
      bytes.push((after.bytesSent - before.bytesSent + after.bytesReceived - before.bytesReceived) / count);
      routineOk = outcomes.filter((o) => o.reading.ok).length;
      const same = outcomes.filter((o) => o.saved.change === 'unchanged').length;
      const r = await baseline.round(CONCURRENCY);
      rawRates.push(r.perSecond);
      rawCpuPerDevice.push(r.cpuMs / count);
      const ratio = ((count / ms) * 1000) / r.perSecond;
      ratios.push(ratio);
      console.log(
        `  routine round ${round + 1}: ${Math.round(ms)} ms (raw net-snmp right after: ${Math.round(r.ms)} ms${r.failed > 0 ? `, ${r.failed} requests failed` : ''}) → ${(ratio * 100).toFixed(0)} % of raw; ` +
          `${printed} devices printed since the last poll, ${count - same} readings changed; peak RSS so far ${mb(peakRss)}; load average ${load()}`,
      );
    }
    const ourMs = median(routineMs);
    console.log(`routine poll incl. store (${Math.round(PRINTING * 100)} % of devices printing between polls):  ${rate(count, ourMs)}  (median of ${ROUTINE_ROUNDS}: ${Math.round(ourMs)} ms, ${routineOk}/${count} read)`);
    console.log(`CPU per device and routine poll: Printdeck incl. store ${median(cpuPerDevice).toFixed(3)} ms, raw net-snmp ${median(rawCpuPerDevice).toFixed(3)} ms`);
    console.log(`UDP bytes per device per routine poll (both directions): ${Math.round(median(bytes))}`);
    const ratio = median(ratios) * 100;
    const ratioTarget = count === TARGET_FLEET ? `; ${verdict(ratio >= TARGET_RATIO_PERCENT, `≥ ${TARGET_RATIO_PERCENT} %`, `${(TARGET_RATIO_PERCENT - ratio).toFixed(0)} points`)}` : '';
    console.log(`raw net-snmp, same requests, no store: ${Math.round(median(rawRates)).toLocaleString('en-US')}/s  → routine poll = ${ratio.toFixed(0)} % of raw (median of the per-round ratios)${ratioTarget}`);
    const peakMb = peakRss / 1048576;
    const rssTarget = count === TARGET_FLEET ? `; ${verdict(peakMb <= TARGET_PEAK_MB, `≤ ${TARGET_PEAK_MB} MB`, `${(peakMb - TARGET_PEAK_MB).toFixed(0)} MB`)}` : '';
    console.log(`peak RSS of the poller: ${mb(peakRss)} (${mb(baseRss)} before the first read, ${mb(peakAfterFull)} peak during the full read; simulator and raw baseline excluded)${rssTarget}`);
    console.log(`database size after ${1 + ROUTINE_ROUNDS} rounds: ${mb(statSync(file).size + walSize(dir))}`);
    const simStats = await sim.stats();
    console.log(`simulator: ${simStats.requests.toLocaleString('en-US')} requests, ${simStats.dropped} dropped, RSS ${mb(simStats.rssBytes)}, CPU ${(simStats.cpuMicros / 1e6).toFixed(1)} s`);
  } finally {
    await baseline?.close();
    await client.close();
    db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function walSize(dir: string): number {
  try {
    return statSync(join(dir, 'printdeck.db-wal')).size;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  // The console's setting (createCore's monitoring applies it); BENCH_HEAP_GROWTH=default leaves V8's own.
  const growth = process.env.BENCH_HEAP_GROWTH === 'default' ? 'V8 default' : moderateHeapGrowth(Number(process.env.BENCH_HEAP_GROWTH ?? HEAP_GROWING_PERCENT)) ? `${process.env.BENCH_HEAP_GROWTH ?? HEAP_GROWING_PERCENT} % over live` : 'as started';
  console.log(`Printdeck inventory benchmark (heap growth: ${growth}) — node ${process.version}, devices in flight: ${FULL_READ_CONCURRENCY} (full read), ${CONCURRENCY} (routine poll)`);
  const started = performance.now();
  for (const size of SIZES) await benchSize(size);
  clearInterval(sampler);
  console.log(`\ninventory benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
