/**
 * Monitoring at scale: N simulated printers (simulator in a child process, so it and the
 * console each have a core) monitored by a real core at a fixed interval for M minutes, with a
 * quarter of the fleet printing between polls and one monitoring condition watching every
 * device. Prints polls completed per interval, the console's CPU %, peak RSS (from before the
 * first full read to the end) and database growth per day extrapolated, beside the issue 13
 * targets. Asserts nothing.
 *
 *   npm run bench:monitoring -- [--devices 10000] [--minutes 5] [--interval 60]
 *   npm run bench:monitoring -- --fleet 50k   (50,000 devices every 10 min for 20 min: ≤ 1 GB, one core)
 *   BENCH_TRACE=1 adds the console's memory by kind after each interval; BENCH_HEAPSNAPSHOT=file
 *   writes a heap snapshot after the first interval.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { resourcesDir } from '../src-main/cli/resources-path';
import { createCore } from '../src-main/core/create-core';
import type { SnmpSettings } from '../src-main/core/inventory/inventory.service';
import { startSimulatedFleet } from './simulated-fleet';
import { internalContext } from '../src-shared/auth/call-context';

const SETTINGS: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 2_000, retries: 1 };
/** The ALERTS loopback range; 10,000 devices fit from .128.1 up, 50,000 run on into 127.123. */
const BASE_ADDRESS = '127.122.128.1';
const PRINTING = 0.25;
const ADMIN = internalContext();

/** Issue 13 targets: 10,000 devices within 250 MB; 50,000 at a 10-minute interval within 1 GB and one core. */
interface Targets {
  peakMb: number;
  cpuPercent: number | null;
}

function targetsFor(devices: number, intervalS: number): Targets | null {
  if (devices === 10_000) return { peakMb: 250, cpuPercent: null };
  if (devices === 50_000 && intervalS === 600) return { peakMb: 1024, cpuPercent: 100 };
  return null;
}

function options(): { devices: number; minutes: number; intervalS: number } {
  const { values } = parseArgs({ options: { devices: { type: 'string' }, minutes: { type: 'string' }, interval: { type: 'string' }, fleet: { type: 'string' } } });
  if (values.fleet !== undefined && values.fleet !== '50k') throw new RangeError(`--fleet: only "50k" is known, not "${values.fleet}"`);
  const large = values.fleet === '50k';
  const whole = (text: string | undefined, fallback: number): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive whole number: ${text}`);
    return n;
  };
  return { devices: whole(values.devices, large ? 50_000 : 10_000), minutes: whole(values.minutes, large ? 20 : 5), intervalS: whole(values.interval, large ? 600 : 60) };
}

/** Bytes the database holds (pages in use, after folding the WAL in): what grows with history. */
function databaseBytes(file: string): number {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(db.pragma('page_count', { simple: true })) - Number(db.pragma('freelist_count', { simple: true }));
    return pages * Number(db.pragma('page_size', { simple: true }));
  } finally {
    db.close();
  }
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-monitor-bench-'));
  const file = join(dir, 'printdeck.db');
  const sim = await startSimulatedFleet(o.devices, BASE_ADDRESS);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  const core = await createCore({ databaseFile: file, resourcesDir: resourcesDir(__dirname), snmp: SETTINGS, pollIntervalMs: o.intervalS * 1000, version: 'bench' });
  try {
    console.log(`== monitoring ${o.devices.toLocaleString('en-US')} simulated printers every ${o.intervalS} s for ${o.minutes} min (simulator pids ${sim.pids.join(', ')})`);
    const targets = sim.devices.map((d) => ({ ...SETTINGS, host: d.address, port: d.port }));
    let t = performance.now();
    const read = (await core.inventory.readTargets(targets, { concurrency: 128 })).filter((r) => r.reading.ok).length;
    console.log(`first full read: ${read}/${o.devices} in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS so far ${mb(peakRss)}; load average ${load()}`);
    const peakThroughFullRead = peakRss;
    await core.api.monitoring.createCondition(
      {
        name: 'Everything',
        enabled: true,
        targets: { allDevices: true, deviceIds: [], groupIds: [] },
        watch: ['noPaper', 'noToner', 'jammed', 'doorOpen', 'serviceRequested', 'notReachable'],
        hours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' },
        destinations: [{ address: 'ops@example.com', format: 'standard', maxChars: 160 }],
        holdDownMinutes: 1,
        dampingMinutes: 30,
        digest: false,
      },
      ADMIN,
    );

    // Polls are spread over the interval in slices: what counts is how many devices were
    // polled within each interval, read from the store (every poll stamps lastAttempt).
    const perInterval: number[] = [];
    const bytesBefore = databaseBytes(file);
    const cpuBefore = process.cpuUsage();
    const simBefore = await sim.cpuMicros();
    t = performance.now();
    core.start();
    const end = t + o.minutes * 60_000;
    let intervalStart = Date.now();
    for (let i = 1; performance.now() < end && i < 10_000; i++) {
      await new Promise((r) => setTimeout(r, Math.min(o.intervalS * 1000, end - performance.now())));
      const polled = countPolledSince(file, intervalStart);
      intervalStart = Date.now();
      perInterval.push(polled);
      const printed = await sim.printPages(PRINTING, i);
      console.log(`interval ${i}: ${polled.toLocaleString('en-US')}/${o.devices.toLocaleString('en-US')} devices polled; ${printed} printers printed; peak RSS so far ${mb(peakRss)}; load average ${load()}`);
      if (process.env.BENCH_TRACE) {
        const m = process.memoryUsage();
        console.log(`  [trace] rss ${mb(m.rss)}, V8 heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`);
        const spaces = getHeapSpaceStatistics().filter((space) => space.space_size > 1048576);
        console.log(`  [trace] ${spaces.map((space) => `${space.space_name} ${mb(space.space_used_size)}/${mb(space.space_size)}`).join(', ')}`);
      }
      if (i === 1 && process.env.BENCH_HEAPSNAPSHOT) console.log(`  heap snapshot: ${writeHeapSnapshot(process.env.BENCH_HEAPSNAPSHOT)}`);
    }
    const wallMs = performance.now() - t;
    const cpu = process.cpuUsage(cpuBefore);
    const simAfter = await sim.cpuMicros();
    await core.dispose();
    const bytesAfter = databaseBytes(file);

    const perDay = ((bytesAfter - bytesBefore) / wallMs) * 86_400_000;
    console.log('\n-- results');
    console.log(`polls completed per interval: ${perInterval.map((n) => n.toLocaleString('en-US')).join(', ') || 'none'} (of ${o.devices.toLocaleString('en-US')})`);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const goal = targetsFor(o.devices, o.intervalS);
    const cpuTarget = goal?.cpuPercent == null ? '' : `; target ≤ ${goal.cpuPercent} % (one core): ${cpuPercent <= goal.cpuPercent ? 'met' : 'NOT met'}`;
    console.log(`console CPU: ${cpuPercent.toFixed(1)} % of one core${cpuTarget}; simulator CPU: ${(((simAfter - simBefore) / 1000 / wallMs) * 100).toFixed(1)} %`);
    const peakMb = peakRss / 1048576;
    const rssTarget = goal ? `; target ≤ ${goal.peakMb} MB: ${peakMb <= goal.peakMb ? 'met' : `NOT met (by ${(peakMb - goal.peakMb).toFixed(0)} MB)`}` : '';
    console.log(`peak RSS of the console: ${mb(peakRss)} through the first full read and monitoring (${mb(peakThroughFullRead)} by the end of the full read)${rssTarget}`);
    console.log(`database: ${mb(bytesBefore)} → ${mb(bytesAfter)}; growth ≈ ${mb(perDay)} per day extrapolated`);
  } finally {
    clearInterval(sampler);
    await core.dispose();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Devices whose last poll attempt was at or after `since` (epoch ms), counted in the database
 * on a connection of its own: listing 10,000 devices through the API every interval would
 * weigh on the console's memory, which is what this bench measures.
 */
function countPolledSince(file: string, since: number): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM devices WHERE last_attempt >= ?').get(since)?.n ?? 0;
  } finally {
    db.close();
  }
}

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
