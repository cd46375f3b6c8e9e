/**
 * Simulator throughput: the fleet runs in a child process (its own core), this process
 * hammers it with net-snmp GETs and GetBulk walks over loopback and prints what the
 * simulator sustained and its CPU cost per request. net-snmp's client saturates its core
 * first, so a last phase sends pre-encoded GETs from a bare UDP socket to find the
 * simulator's own ceiling.
 *
 *   npx tsx bench/simulator.bench.ts [--devices 1000] [--seconds 5] [--concurrency 256]
 */
import { createSocket } from 'node:dgram';
import { parseArgs } from 'node:util';
import * as snmp from 'net-snmp';
import { startSimulatorProcess, type SimulatorProcess } from '../src-main/simulator/simulator-process-client';
import { encodeCommunityMessage } from '../src-shared/snmp/ber/snmp-pdu-codec';
import type { SimulatedDeviceInfo } from '../src-main/simulator/simulator-types';

const GET_OIDS = [
  '1.3.6.1.2.1.1.3.0',
  '1.3.6.1.2.1.25.3.2.1.5.1',
  '1.3.6.1.2.1.25.3.5.1.1.1',
  '1.3.6.1.2.1.25.3.5.1.2.1',
  '1.3.6.1.2.1.43.10.2.1.4.1.1',
  '1.3.6.1.2.1.1.5.0',
];
const SUPPLIES = '1.3.6.1.2.1.43.11.1.1';
const MAX_WALK_STEPS = 100;

interface PhaseResult {
  requests: number;
  varbinds: number;
  timeouts: number;
  seconds: number;
}

function options(): { devices: number; seconds: number; concurrency: number } {
  const { values } = parseArgs({
    options: { devices: { type: 'string' }, seconds: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const num = (text: string | undefined, fallback: number): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a positive whole number: ${text}`);
    return n;
  };
  return { devices: num(values.devices, 1000), seconds: num(values.seconds, 5), concurrency: num(values.concurrency, 256) };
}

function call<T>(start: (cb: snmp.ResponseCallback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** Runs `work` with `concurrency` loops until `seconds` pass; each loop takes the next device. */
async function phase(
  sessions: snmp.Session[],
  seconds: number,
  concurrency: number,
  work: (session: snmp.Session, result: PhaseResult) => Promise<void>,
): Promise<PhaseResult> {
  const result: PhaseResult = { requests: 0, varbinds: 0, timeouts: 0, seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const session = sessions[next++ % sessions.length] as snmp.Session;
      await work(session, result).catch(() => {
        result.timeouts++;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function getWork(session: snmp.Session, result: PhaseResult): Promise<void> {
  const varbinds = await call<snmp.RawVarbind[]>((cb) => session.get(GET_OIDS, cb));
  result.requests++;
  result.varbinds += varbinds.length;
}

/** A GetBulk walk of the supplies table, stopping at the end of the subtree. */
async function walkWork(session: snmp.Session, result: PhaseResult): Promise<void> {
  let oid = SUPPLIES;
  for (let step = 0; step < MAX_WALK_STEPS; step++) {
    const rows = await call<Array<snmp.RawVarbind | snmp.RawVarbind[]>>((cb) => session.getBulk([oid], 0, 20, cb));
    result.requests++;
    const flat = rows.flat();
    let last: string | null = null;
    for (const vb of flat) {
      if (!vb.oid.startsWith(`${SUPPLIES}.`) || vb.type === snmp.ObjectType.EndOfMibView) return;
      result.varbinds++;
      last = vb.oid;
    }
    if (!last) return;
    oid = last;
  }
}

/** Pre-encoded GETs from one bare socket, `concurrency` in flight, lost ones re-sent every 50 ms. */
function rawPhase(devices: ReadonlyArray<SimulatedDeviceInfo>, seconds: number, concurrency: number): Promise<PhaseResult> {
  const requests = Array.from({ length: 1024 }, (_, i) =>
    encodeCommunityMessage({
      version: 'v2c',
      community: 'public',
      pdu: { type: 'getRequest', requestId: i, errorStatus: 0, errorIndex: 0, varbinds: GET_OIDS.map((oid) => ({ oid, value: { type: 'Null', value: null } })) },
    }),
  );
  const socket = createSocket('udp4');
  let sent = 0;
  let received = 0;
  const fire = (): void => {
    const d = devices[sent % devices.length] as SimulatedDeviceInfo;
    socket.send(requests[sent % requests.length] as Buffer, d.port, d.address);
    sent++;
  };
  return new Promise((resolve) => {
    socket.on('message', () => {
      received++;
      fire();
    });
    socket.bind(0, '127.0.0.1', () => {
      const started = performance.now();
      for (let i = 0; i < concurrency; i++) fire();
      const refill = setInterval(() => {
        for (let missing = concurrency - (sent - received); missing > 0; missing--) fire();
      }, 50);
      setTimeout(() => {
        clearInterval(refill);
        socket.close();
        resolve({ requests: received, varbinds: received * GET_OIDS.length, timeouts: Math.max(0, sent - received - concurrency), seconds: (performance.now() - started) / 1000 });
      }, seconds * 1000);
    });
  });
}

async function report(label: string, sim: SimulatorProcess, run: () => Promise<PhaseResult>): Promise<void> {
  const before = await sim.stats();
  const r = await run();
  const after = await sim.stats();
  const served = after.responses - before.responses;
  const cpuSeconds = (after.cpuMicros - before.cpuMicros) / 1e6;
  console.log(
    `${label.padEnd(22)} ${(r.requests / r.seconds).toFixed(0).padStart(7)} req/s  ` +
      `${(r.varbinds / r.seconds).toFixed(0).padStart(8)} varbinds/s  unanswered ${r.timeouts}  ` +
      `simulator CPU ${((cpuSeconds / r.seconds) * 100).toFixed(0)}% of a core → ${(served / cpuSeconds).toFixed(0)} req per CPU-second`,
  );
}

async function main(): Promise<void> {
  const o = options();
  const sim = await startSimulatorProcess({ demo: { count: o.devices, seed: 7, healthy: true }, baseAddress: '127.31.0.1', port: 0 });
  console.log(
    `simulator: ${sim.devices.length} devices bound in ${sim.startupMs.toFixed(0)} ms, RSS ${(sim.rssBytes / 1e6).toFixed(0)} MB ` +
      `(pid ${sim.pid}); client: net-snmp, ${o.concurrency} in flight, ${o.seconds} s per phase`,
  );
  const sessions = sim.devices.map((d) => {
    const session = snmp.createSession(d.address, 'public', { port: d.port, version: snmp.Version2c, timeout: 2000, retries: 0 });
    session.on('error', () => undefined);
    return session;
  });
  try {
    await report('GET (6 varbinds)', sim, () => phase(sessions, o.seconds, o.concurrency, getWork));
    await report('GetBulk walk supplies', sim, () => phase(sessions, o.seconds, o.concurrency, walkWork));
    await report('GET, bare UDP client', sim, () => rawPhase(sim.devices, o.seconds, 64));
    const s = await sim.stats();
    console.log(`simulator totals: ${s.requests} requests, ${s.responses} responses, ${s.dropped} dropped`);
  } finally {
    for (const session of sessions) session.close();
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
