/**
 * /metrics benchmark (a script: it prints figures and asserts nothing). 10,000 devices are
 * written straight into a store (a realistic mix: colour and mono, supplies, counters, some
 * alerts, jams, failures and static groups); then GET /metrics is scraped through the headless
 * server with an API token, as Prometheus does (OpenMetrics, gzip), and the Prometheus text
 * format without compression, as curl does. Printed per format: scrape time (median and max
 * of several; wall time depends on what else runs on the machine, so the CPU time of a scrape
 * is printed beside it), series, size on the wire and uncompressed, the heap before and after
 * the scrapes, and what one scrape holds while it sends (the text, once).
 * Target (issue 13 item 7): well under a second at 10,000 devices.
 * Run: npm run bench:metrics (also part of npm run bench). BENCH_METRICS_DEVICES=N changes the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { internalContext } from '../src-shared/auth/call-context';
import type { DeviceReading } from '../src-shared/domain/device-reading';
import { createCore } from '../src-main/core/create-core';
import { GroupsRepository } from '../src-main/core/store/groups.repository';
import { writeFleetExposition } from '../src-main/server/fleet-exposition';
import { createServer } from '../src-main/server/server';
import { aCounter, anAlert, aSupply } from '../test/helpers/reading-builders';
import { FLEET_LOCATIONS, fleetReading, storeFleet, type FleetModel } from './stored-fleet';

const DEVICES = Number(process.env.BENCH_METRICS_DEVICES ?? 10_000);
const REPEATS = 7;

const MODELS: readonly [FleetModel, ...FleetModel[]] = [
  { vendor: 'HP', model: 'Color LaserJet Pro M454dw', colour: true },
  { vendor: 'Brother', model: 'MFC-L2750DW', colour: false },
  { vendor: 'Kyocera', model: 'ECOSYS P3155dn', colour: false },
  { vendor: 'Ricoh', model: 'IM C4500', colour: true },
  { vendor: 'Canon', model: 'iR-ADV C3530', colour: true },
  { vendor: 'Epson', model: 'WF-C5790 Series', colour: true },
];

/** Device i: colour devices have four toners, a drum and waste toner; 5 % jammed, 10 % low on toner, 1 % not answering. */
function deviceReading(i: number): DeviceReading {
  return fleetReading(i, { devices: DEVICES, addressPrefix: '127.161', models: MODELS }, ({ kind, level, jammed, lowToner, toners, pages }) => ({
    supplies: [
      ...toners,
      aSupply({ index: '1.8', type: 'opc', color: null, description: 'Drum Unit', percent: level(6) }),
      aSupply({ index: '1.9', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste Toner', percent: level(5) }),
    ],
    counters: kind.colour
      ? [aCounter({ value: pages }), aCounter({ name: 'color', value: Math.floor(pages / 3) }), aCounter({ name: 'mono', value: pages - Math.floor(pages / 3) }), aCounter({ name: 'copy', value: Math.floor(pages / 5) })]
      : [aCounter({ value: pages }), aCounter({ name: 'print', value: Math.floor(pages / 2) })],
    alerts: jammed ? [anAlert({ severity: 'critical', group: 'mediaPath', code: 'jam', description: 'Paper jam', location: 'Tray 2' })] : lowToner ? [anAlert({ description: 'Black toner low' })] : [],
  }));
}

interface Scrape {
  ms: number;
  status: number;
  wireBytes: number;
  text: string;
}

/** One GET /metrics on loopback; the body decompressed when it came gzip'd. */
function scrape(port: number, headers: Record<string, string>): Promise<Scrape> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/metrics', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const ms = performance.now() - started;
        const body = Buffer.concat(chunks);
        const text = (response.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        resolve({ ms, status: response.statusCode ?? 0, wireBytes: body.length, text });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-metrics-bench-'));
  const databaseFile = join(dir, 'printdeck.db');
  const cleanup: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    storeFleet(databaseFile, DEVICES, deviceReading, (db, deviceIds) => {
      const groups = new GroupsRepository(db);
      for (const [g, name] of FLEET_LOCATIONS.slice(0, 5).entries()) {
        const group = groups.createGroup({ name: `Site ${name}`, kind: 'static', filter: null });
        groups.addMembers(group.id, deviceIds.filter((_, i) => i % 5 === g));
      }
    });

    const core = await createCore({ databaseFile, resourcesDir: join(__dirname, '..', '..', 'resources'), version: 'bench', log: (line) => console.error(line) });
    cleanup.push(() => core.dispose());
    const viewer = await core.api.accounts.createUser({ name: 'prometheus', displayName: 'Prometheus', password: 'bench-password-long-enough', groupIds: [core.auth.builtinGroupId('viewer')], mustChangePassword: false }, internalContext());
    const { secret } = await core.api.accounts.createToken({ userId: viewer.id, name: 'bench' }, internalContext());
    const server = await createServer({ core, rendererDir: join(dir, 'no-renderer'), consoleName: 'bench-site', log: (line) => console.error(line) });
    cleanup.push(() => server.close());
    console.log(`\n/metrics benchmark: ${DEVICES.toLocaleString('en-US')} devices, node ${process.version}`);

    const kinds: Array<{ label: string; headers: Record<string, string> }> = [
      { label: 'Prometheus (OpenMetrics, gzip)', headers: { Authorization: `Bearer ${secret}`, Accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5', 'Accept-Encoding': 'gzip' } },
      { label: 'curl (text 0.0.4, no compression)', headers: { Authorization: `Bearer ${secret}` } },
    ];
    for (const kind of kinds) {
      const before = heap();
      const first = await scrape(server.port, kind.headers);
      if (first.status !== 200) throw new Error(`scrape refused: ${first.status} ${first.text.slice(0, 200)}`);
      const times: number[] = [];
      const cpu: number[] = [];
      // Only the times are kept, so the heap after is the server's, not these texts'.
      for (let i = 0; i < REPEATS; i++) {
        const startCpu = process.cpuUsage();
        times.push((await scrape(server.port, kind.headers)).ms);
        const used = process.cpuUsage(startCpu);
        cpu.push((used.user + used.system) / 1000);
      }
      let series = 0;
      for (let at = first.text.indexOf('\n'), from = 0; at >= 0; from = at + 1, at = first.text.indexOf('\n', from)) {
        if (first.text[from] !== '#') series++;
      }
      const textBytes = Buffer.byteLength(first.text);
      const wireBytes = first.wireBytes;
      first.text = '';
      // Closed connections let go of their buffers a moment later.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = heap();
      console.log(`${kind.label}:`);
      console.log(`  scrape: first ${ms(first.ms)}, then median ${ms(median(times))}, max ${ms(Math.max(...times))} (×${times.length}); CPU per scrape (server and this client): median ${ms(median(cpu))}`);
      console.log(`  ${series.toLocaleString('en-US')} series, ${mb(textBytes)} of text, ${mb(wireBytes)} on the wire`);
      console.log(`  heap (after GC): ${mb(before)} before these scrapes, ${mb(after)} after them`);
    }
    // The part of a scrape that holds the event loop: reading the store and writing the text.
    const blocking: number[] = [];
    const blockingCpu: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const startCpu = process.cpuUsage();
      const started = performance.now();
      writeFleetExposition(core.metrics.fleet, 'openmetrics', [['console', 'bench-site']]);
      blocking.push(performance.now() - started);
      const used = process.cpuUsage(startCpu);
      blockingCpu.push((used.user + used.system) / 1000);
    }
    console.log(`store read and text written (the event loop is busy this long): median ${ms(median(blocking))} wall, ${ms(median(blockingCpu))} CPU`);
    // What a scrape holds while it sends: the fleet's text (in chunks), and nothing else of the fleet.
    const base = heap();
    const chunks = writeFleetExposition(core.metrics.fleet, 'openmetrics', [['console', 'bench-site']]);
    const held = heap() - base;
    const fleetBytes = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    console.log(`held during a scrape (after GC): ${mb(held)} for ${mb(fleetBytes)} of fleet text in ${chunks.length} chunks`);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
