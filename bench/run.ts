/**
 * `npm run bench`: reads 1,000 and 10,000 simulated printers the way the console does and
 * prints figures (it asserts nothing). The simulator runs in a child process so that it and
 * the poller each have a core. Sizes can be overridden: BENCH_SIZES=1000,5000 npm run bench.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { join, resolve } from 'node:path';
import { routineReadPlan } from '../src-shared/printer/read-plan';
import { profileReadOids } from '../src-shared/profiles/profile-reader';
import { DeviceReader } from '../src-main/core/inventory/device-reader';
import { unpackSnapshot } from '../src-main/core/inventory/snapshot-storage';
import { InventoryService, type SnmpSettings } from '../src-main/core/inventory/inventory.service';
import { loadProfiles } from '../src-main/core/profiles/profile-loader';
import { createNetSnmpClient } from '../src-main/core/snmp/net-snmp-client';
import { openDatabase } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { startSimulatorProcess } from '../src-main/simulator/simulator-process-client';
import { profiled } from './cpu-profile';
import { rawRoutineRound, type RawJob } from './raw-net-snmp';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 512);
/** Full reads walk ~10 tables each: fewer devices at once keep requests in flight comparable. */
const FULL_READ_CONCURRENCY = Number(process.env.BENCH_FULL_CONCURRENCY ?? 128);
const ROUTINE_ROUNDS = 3;
/** Share of devices that print between two routine polls (counters move, some toner drops). */
const PRINTING = Number(process.env.BENCH_PRINTING ?? 0.25);
const SETTINGS: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 2000, retries: 1 };

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 25);

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function benchSize(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-bench-'));
  const sim = await startSimulatorProcess({ demo: { count, seed: 7, healthy: true }, baseAddress: '127.30.0.1', port: 1161 });
  const profiles = await loadProfiles(resolve(__dirname, '../../resources/profiles'));
  const db = openDatabase(join(dir, 'printdeck.db'));
  const devices = new DevicesRepository(db);
  const client = createNetSnmpClient();
  const service = new InventoryService({ reader: new DeviceReader({ snmp: client, profiles }), devices, profiles, now: Date.now });
  try {
    console.log(`\n== ${count.toLocaleString('en-US')} simulated printers (simulator pid ${sim.pid}, up in ${Math.round(sim.startupMs)} ms)`);
    global.gc?.();
    const baseRss = process.memoryUsage.rss();
    peakRss = baseRss;

    const targets = sim.devices.map((d) => ({ ...SETTINGS, host: d.address, port: d.port }));
    let t = performance.now();
    // Only the count is kept: holding 10,000 readings for the rest of the run would inflate RSS.
    const fullOk = (await service.readTargets(targets, { concurrency: FULL_READ_CONCURRENCY })).filter((o) => o.reading.ok).length;
    const fullMs = performance.now() - t;
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
    console.log(`full read incl. store:     ${rate(count, fullMs)}  (${Math.round(fullMs)} ms, ${fullOk}/${count} read)`);

    const routineMs: number[] = [];
    const bytes: number[] = [];
    const cpu: number[] = [];
    let routineOk = 0;
    for (let round = 0; round < ROUTINE_ROUNDS; round++) {
      const printed = await sim.printPages(PRINTING, 100 + round);
      const before = client.stats();
      const cpuBefore = process.cpuUsage();
      t = performance.now();
      const poll = (): ReturnType<typeof service.pollStored> => service.pollStored(SETTINGS, { concurrency: CONCURRENCY });
      const outcomes = round === ROUTINE_ROUNDS - 1 ? await profiled('the last routine poll', poll) : await poll();
      routineMs.push(performance.now() - t);
      const c = process.cpuUsage(cpuBefore);
      cpu.push((c.user + c.system) / 1000 / count);
      const after = client.stats();
      bytes.push((after.bytesSent - before.bytesSent + after.bytesReceived - before.bytesReceived) / count);
      routineOk = outcomes.filter((o) => o.reading.ok).length;
      const same = outcomes.filter((o) => o.saved.change === 'unchanged').length;
      console.log(`  routine round ${round + 1}: ${Math.round(routineMs[round] ?? 0)} ms; ${printed} devices printed since the last poll, ${count - same} readings changed; peak RSS so far ${mb(peakRss)}`);
    }
    const ourMs = median(routineMs);
    console.log(`routine poll incl. store (${Math.round(PRINTING * 100)} % of devices printing between polls):  ${rate(count, ourMs)}  (median of ${ROUTINE_ROUNDS}: ${Math.round(ourMs)} ms, ${routineOk}/${count} read, ${median(cpu).toFixed(3)} ms CPU/device)`);
    console.log(`UDP bytes per device per routine poll (both directions): ${Math.round(median(bytes))}`);
    const peakOurs = peakRss;
    console.log(`peak RSS of the poller: ${mb(peakOurs)} (${mb(baseRss)} before the first read, ${mb(peakAfterFull)} peak during the full read; simulator process excluded)`);
    console.log(`database size after ${1 + ROUTINE_ROUNDS} rounds: ${mb(statSync(join(dir, 'printdeck.db')).size + walSize(dir))}`);

    // The same requests through plain net-snmp, one session per device.
    const jobs: RawJob[] = devices.listPollTargets().map((p) => {
      const profile = profiles.find((x) => x.id === p.profileId);
      const snapshot = unpackSnapshot(devices.getSnapshot(p.id) ?? '[]');
      const plan = routineReadPlan(snapshot);
      return { host: p.address, port: p.port, get: [...plan.get, ...(profile ? profileReadOids(profile).dynamic : [])], bulk: plan.walk };
    });
    const raws: number[] = [];
    for (let round = 0; round < ROUTINE_ROUNDS; round++) {
      const raw = await rawRoutineRound(jobs, CONCURRENCY);
      raws.push(raw.perSecond);
      if (raw.failed > 0) console.log(`  (raw round ${round + 1}: ${raw.failed} requests failed)`);
    }
    const rawRate = median(raws);
    const ours = (count / ourMs) * 1000;
    console.log(`raw net-snmp, same requests, no store: ${Math.round(rawRate).toLocaleString('en-US')}/s  → Printdeck incl. store = ${((ours / rawRate) * 100).toFixed(0)} % of raw`);
    const simStats = await sim.stats();
    console.log(`simulator: ${simStats.requests.toLocaleString('en-US')} requests, ${simStats.dropped} dropped, RSS ${mb(simStats.rssBytes)}, CPU ${(simStats.cpuMicros / 1e6).toFixed(1)} s`);
  } finally {
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
  console.log(`Printdeck inventory benchmark — node ${process.version}, devices in flight: ${FULL_READ_CONCURRENCY} (full read), ${CONCURRENCY} (routine poll)`);
  for (const size of SIZES) await benchSize(size);
  clearInterval(sampler);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
