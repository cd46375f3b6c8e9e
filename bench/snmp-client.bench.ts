/**
 * Our SnmpClient versus plain net-snmp used naively (one Session, hence one socket, per
 * device), both doing a GET of 15 OIDs per device against N simulated printers. The
 * simulator runs in a child process (its own core) when simulator-process.ts exists.
 * Also prints a routine poll through our client (GET + one GetBulk walk ≈ 2 requests/device).
 *
 *   npx tsx bench/snmp-client.bench.ts [--devices 2000] [--concurrency 256] [--rounds 5]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as snmp from 'net-snmp';
import { createLimiter } from '../src-main/core/snmp/concurrency-limiter';
import { createSnmpClient } from '../src-main/core/snmp/create-snmp-client';
import type { SnmpTarget } from '../src-main/core/snmp/snmp-client';
import { startSimulatorProcess } from '../src-main/simulator/simulator-process-client';
import { buildDemoFleet } from '../src-main/simulator/demo-fleet';
import { startSimulator } from '../src-main/simulator/simulator';

const OIDS = [
  '1.3.6.1.2.1.1.1.0', // sysDescr
  '1.3.6.1.2.1.1.2.0', // sysObjectID
  '1.3.6.1.2.1.1.3.0', // sysUpTime
  '1.3.6.1.2.1.1.5.0', // sysName
  '1.3.6.1.2.1.1.6.0', // sysLocation
  '1.3.6.1.2.1.25.3.2.1.5.1', // hrDeviceStatus
  '1.3.6.1.2.1.25.3.5.1.1.1', // hrPrinterStatus
  '1.3.6.1.2.1.25.3.5.1.2.1', // hrPrinterDetectedErrorState
  '1.3.6.1.2.1.43.5.1.1.17.1', // prtGeneralSerialNumber
  '1.3.6.1.2.1.43.10.2.1.4.1.1', // prtMarkerLifeCount
  '1.3.6.1.2.1.43.11.1.1.9.1.1', // supply levels 1–4
  '1.3.6.1.2.1.43.11.1.1.9.1.2',
  '1.3.6.1.2.1.43.11.1.1.9.1.3',
  '1.3.6.1.2.1.43.11.1.1.9.1.4',
  '1.3.6.1.2.1.43.8.2.1.10.1.1', // prtInputCurrentLevel of tray 1
];
const SUPPLY_LEVELS = '1.3.6.1.2.1.43.11.1.1.9';
const BASE_ADDRESS = '127.36.0.1';

interface Fleet {
  devices: ReadonlyArray<{ address: string; port: number }>;
  where: string;
  close(): Promise<void>;
}

interface RoundResult {
  perSecond: number;
  failed: number;
  cpuMsPerDevice: number;
  peakDescriptors: number;
}

function options(): { devices: number; concurrency: number; rounds: number } {
  const { values } = parseArgs({
    options: { devices: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' } },
  });
  const whole = (text: string | undefined, fallback: number): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive whole number: ${text}`);
    return n;
  };
  return { devices: whole(values.devices, 2000), concurrency: whole(values.concurrency, 256), rounds: whole(values.rounds, 5) };
}

async function startFleet(count: number): Promise<Fleet> {
  if (existsSync(join(__dirname, '../src-main/simulator/simulator-process.ts'))) {
    const child = await startSimulatorProcess({ demo: { count, seed: 3, healthy: true }, baseAddress: BASE_ADDRESS, port: 0 });
    return { devices: child.devices, where: `child process ${child.pid}`, close: () => child.close() };
  }
  const specs = buildDemoFleet(count, 3).map(({ faults: _faults, ...spec }) => spec);
  const local = await startSimulator({ devices: specs, baseAddress: BASE_ADDRESS, port: 0 });
  return { devices: local.devices, where: 'this process (no simulator-process.ts)', close: () => local.close() };
}

/** Runs `work` for every device with `concurrency` in flight, measuring rate, CPU and descriptors. */
async function measure(count: number, concurrency: number, work: (index: number) => Promise<boolean>): Promise<RoundResult> {
  const limiter = createLimiter(concurrency);
  let failed = 0;
  let peakDescriptors = descriptors();
  const sampler = setInterval(() => {
    peakDescriptors = Math.max(peakDescriptors, descriptors());
  }, 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => limiter.run(() => work(i)).then((ok) => {
    if (!ok) failed++;
  })));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  return { perSecond: (count / ms) * 1000, failed, cpuMsPerDevice: (used.user + used.system) / 1000 / count, peakDescriptors };
}

function descriptors(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

/** Naive net-snmp: a Session per device (its own socket), one GET, close. */
function rawGet(device: { address: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const session = snmp.createSession(device.address, 'public', { port: device.port, version: snmp.Version2c, timeout: 2000, retries: 1 });
    session.on('error', () => undefined);
    session.get(OIDS, (error) => {
      session.close();
      resolve(error === null);
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const opts = options();
  const fleet = await startFleet(opts.devices);
  const targets: SnmpTarget[] = fleet.devices.map((d) => ({ host: d.address, port: d.port, version: 'v2c', timeoutMs: 2000, retries: 1 }));
  console.log(`SnmpClient vs naive net-snmp — node ${process.version}, ${fmt(opts.devices)} devices in ${fleet.where}, ` +
    `concurrency ${opts.concurrency}, ${opts.rounds} rounds, GET of ${OIDS.length} OIDs per device`);
  const ours: RoundResult[] = [];
  const raw: RoundResult[] = [];
  const routine: RoundResult[] = [];
  let bytesPerDevice = 0;
  let sockets = 0;
  try {
    // Rounds alternate so that both sides see the same machine state; round 0 warms up the JIT.
    for (let round = 0; round <= opts.rounds; round++) {
      // A fresh client per round: sessions are created cold, as after an idle period.
      const client = createSnmpClient();
      const ourRound = await measure(opts.devices, opts.concurrency, (i) => client.get(targets[i] as SnmpTarget, OIDS).then(() => true, () => false));
      const stats = client.stats();
      bytesPerDevice = (stats.bytesSent + stats.bytesReceived) / opts.devices;
      sockets = stats.sockets ?? 0;
      await client.close();

      const rawRound = await measure(opts.devices, opts.concurrency, (i) => rawGet(fleet.devices[i] as { address: string; port: number }));

      const pollClient = createSnmpClient();
      const routineRound = await measure(opts.devices, opts.concurrency, (i) => {
        const target = targets[i] as SnmpTarget;
        return Promise.all([pollClient.get(target, OIDS), pollClient.walk(target, SUPPLY_LEVELS)]).then(() => true, () => false);
      });
      await pollClient.close();
      if (round === 0) continue;
      ours.push(ourRound);
      raw.push(rawRound);
      routine.push(routineRound);
      console.log(`round ${round}: ours ${fmt(ourRound.perSecond)}/s (${ourRound.failed} failed), raw ${fmt(rawRound.perSecond)}/s (${rawRound.failed} failed), ` +
        `routine poll ${fmt(routineRound.perSecond)}/s (${routineRound.failed} failed)`);
    }
  } finally {
    await fleet.close();
  }
  const oursRate = median(ours.map((r) => r.perSecond));
  const rawRate = median(raw.map((r) => r.perSecond));
  console.log('');
  console.log(`GET ${OIDS.length} OIDs, devices/s (median):  ours ${fmt(oursRate)}   raw net-snmp ${fmt(rawRate)}   ratio ${(oursRate / rawRate).toFixed(2)}`);
  console.log(`client CPU per device (ms):         ours ${median(ours.map((r) => r.cpuMsPerDevice)).toFixed(3)}   raw ${median(raw.map((r) => r.cpuMsPerDevice)).toFixed(3)}`);
  console.log(`peak open descriptors:              ours ${Math.max(...ours.map((r) => r.peakDescriptors))}   raw ${Math.max(...raw.map((r) => r.peakDescriptors))}  (ours: ${sockets} shared socket(s))`);
  console.log(`UDP payload per device (GET):       ${fmt(bytesPerDevice)} bytes`);
  console.log(`routine poll (GET + supplies walk): ${fmt(median(routine.map((r) => r.perSecond)))} devices/s, ${median(routine.map((r) => r.cpuMsPerDevice)).toFixed(3)} ms CPU/device`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
