/**
 * Discovery: a /16 (127.100.0.0/16, 65,536 addresses) with 1,000 simulated printers spread
 * through it. First a whole search through the core (probe, full read of each printer, store),
 * at the maximum and at the default rate, as `printdeck discover` runs it; then the probe
 * scanner alone and Debian's onesixtyone in the same run, like for like; then both behind 5 %
 * loss. Prints each figure beside its target; asserts nothing. The simulator runs in a child
 * process (its own core), as in bench/run.ts.
 *
 *   node dist/bench/discovery.bench.js [--devices 1000] [--quick] [--no-onesixtyone] [--shared-netns]
 *
 * --quick skips the slow default-rate phases (about seven minutes together).
 *
 * As root on Linux the bench re-runs itself in a network namespace of its own (`unshare
 * --net`, loopback only), so the kernel's UDP counters it prints (/proc/net/snmp: RcvbufErrors,
 * InErrors) count only its own traffic, and the loss is injected there by nftables (`nft`,
 * Debian package nftables): 5 % of the datagrams to the agents' port are dropped on arrival,
 * at random (the kernel's, not seeded). Elsewhere (or with --shared-netns) the counters include
 * other processes' traffic and the simulator drops 5 % of the requests it receives (seeded).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { discoveryRequestSchema } from '../src-shared/contract/discovery.contract';
import { resourcesDir } from '../src-main/cli/resources-path';
import { createCore } from '../src-main/core/create-core';
import { createSnmpScanner, MAX_RATE_PER_SECOND, type ScanSummary } from '../src-main/core/discovery/snmp-scan/snmp-scanner';
import { buildDemoFleet } from '../src-main/simulator/demo-fleet';
import { startSimulatorProcess, type SimulatorProcess } from '../src-main/simulator/simulator-process-client';
import type { SimulatedDeviceSpec } from '../src-main/simulator/simulator';

const PREFIX = '127.100';
const PORT = 1161;
const DEFAULT_RATE = 1000;
const LOSS_PERCENT = 5;
/** Targets of issue 13 item 3. */
const TARGET_SECONDS = 15;
const TARGET_LOSSY_SHARE = 0.995;
const NETNS_ENV = 'PRINTDECK_DISCOVERY_BENCH_NETNS';
const NFT_TABLE = 'printdeck_bench_loss';

interface UdpCounters {
  InErrors: number;
  RcvbufErrors: number;
}

interface Phase {
  label: string;
  seconds: number;
  found: number;
  packets: number;
  cpuMs: number;
  /** The part of cpuMs spent in the kernel (on loopback, sending also pays the simulated agents' receive path). */
  systemMs: number;
  simCpuMs: number;
  udpBefore: UdpCounters;
  udpAfter: UdpCounters;
}

interface Settings {
  devices: number;
  quick: boolean;
  onesixtyone: boolean;
  sharedNetns: boolean;
}

function settings(): Settings {
  const { values } = parseArgs({ options: { devices: { type: 'string' }, quick: { type: 'boolean' }, 'no-onesixtyone': { type: 'boolean' }, 'shared-netns': { type: 'boolean' } } });
  const devices = Number(values.devices ?? 1000);
  if (!Number.isInteger(devices) || devices < 1 || devices > 10_000) throw new RangeError(`--devices must be 1–10000, got ${values.devices}`);
  return { devices, quick: values.quick === true, onesixtyone: values['no-onesixtyone'] !== true, sharedNetns: values['shared-netns'] === true };
}

/** The i-th of `count` addresses spread evenly through the /16, never a .0 or .255 host part. */
function spreadAddress(i: number, count: number): string {
  const n = Math.floor(((i + 0.5) * 65_536) / count);
  const third = Math.floor(n / 256);
  const fourth = Math.min(254, Math.max(1, n % 256));
  return `${PREFIX}.${third}.${fourth}`;
}

function* wholeRange(): Generator<string> {
  for (let n = 0; n < 65_536; n++) yield `${PREFIX}.${n >> 8}.${n & 255}`;
}

const rate = (n: number, seconds: number): string => `${Math.round(n / seconds).toLocaleString('en-US')}/s`;

/** The kernel's UDP counters of this network namespace. */
function udpCounters(): UdpCounters {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const names = (lines[0] ?? '').split(/\s+/);
  const values = (lines[1] ?? '').split(/\s+/).map(Number);
  const get = (name: string): number => values[names.indexOf(name)] ?? Number.NaN;
  return { InErrors: get('InErrors'), RcvbufErrors: get('RcvbufErrors') };
}

function pacing(summary: ScanSummary): string {
  const p = summary.pacing;
  return `pacing: ${p.backoffs} back-offs (lowest ${p.lowestRatePerSecond.toLocaleString('en-US')}/s), ${p.slowAnswers} slow and ${p.lateAnswers} late answers, socket drops ${p.receiveDrops ?? 'unknown'}, loop stalled ${(summary.stalledMs / 1000).toFixed(1)} s`;
}

async function ourScan(sim: SimulatorProcess, label: string, ratePerSecond: number, retries: number, expected: number): Promise<Phase> {
  const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });
  const simBefore = await sim.stats();
  const udpBefore = udpCounters();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let summary: ScanSummary;
  try {
    summary = await scanner.scan(wholeRange(), { port: PORT, ratePerSecond, retries, timeoutMs: 1000, credentials: [{ version: 'v2c', community: 'public' }] });
  } finally {
    await scanner.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const udpAfter = udpCounters();
  const simAfter = await sim.stats();
  const phase = { label, seconds, found: summary.answers.length, packets: summary.sent, cpuMs: (cpu.user + cpu.system) / 1000, systemMs: cpu.system / 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000, udpBefore, udpAfter };
  print(phase, expected, `${rate(summary.addressesDone, seconds)} addresses, ${summary.sent.toLocaleString('en-US')} packets; ${pacing(summary)}`);
  return phase;
}

/** A whole search through the core: probes, full reads of every printer, the store, the run history. */
async function ourSearch(sim: SimulatorProcess, label: string, ratePerSecond: number, expected: number): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-discovery-bench-'));
  const core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resourcesDir(__dirname), version: 'bench' });
  try {
    const request = discoveryRequestSchema.parse({
      methods: [{ kind: 'addresses', spec: `${PREFIX}.0.0-${PREFIX}.255.255` }],
      options: { port: PORT, ratePerSecond, retries: 1, timeoutMs: 1000 },
    });
    const simBefore = await sim.stats();
    const udpBefore = udpCounters();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const run = core.discovery.begin(request);
    await run.done;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const udpAfter = udpCounters();
    const simAfter = await sim.stats();
    const { counts } = run;
    const phase = { label, seconds, found: counts.new, packets: 0, cpuMs: (cpu.user + cpu.system) / 1000, systemMs: cpu.system / 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000, udpBefore, udpAfter };
    const cpuShare = Math.round((phase.cpuMs / 1000 / seconds) * 100);
    print(phase, expected, `${rate(counts.probed, seconds)} addresses, ${counts.answered} answered, read and saved; ${cpuShare} % of a core`);
    return phase;
  } finally {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** onesixtyone over the same /16 with `-w waitMs`; its CPU from GNU time, its finds from its log. */
async function onesixtyone(sim: SimulatorProcess, label: string, waitMs: number, expected: number): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-161-'));
  try {
    writeFileSync(join(dir, 'communities'), 'public\n');
    const log = join(dir, 'found.log');
    const times = join(dir, 'times');
    const simBefore = await sim.stats();
    const udpBefore = udpCounters();
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const args = ['-f', '%U %S', '-o', times, 'onesixtyone', '-c', join(dir, 'communities'), '-p', String(PORT), '-w', String(waitMs), '-o', log, '-q', `${PREFIX}.0.0/16`];
      const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`onesixtyone exited with ${code}`))));
    });
    const seconds = (performance.now() - started) / 1000;
    const udpAfter = udpCounters();
    const simAfter = await sim.stats();
    const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).map(Number);
    // Lines are "address [community] sysDescr", but its parser prints no description (nor newline) for long ones: match the pairs.
    const found = new Set([...readFileSync(log, 'utf8').matchAll(/(\d+\.\d+\.\d+\.\d+) \[public\]/g)].map((m) => m[1])).size;
    const phase = { label, seconds, found, packets: 65_536, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, systemMs: (system ?? 0) * 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000, udpBefore, udpAfter };
    print(phase, expected, `${rate(65_536, seconds)} addresses, 65,536 packets`);
    return phase;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(p: Phase, expected: number, detail: string): void {
  const udp = `Udp RcvbufErrors ${p.udpBefore.RcvbufErrors}→${p.udpAfter.RcvbufErrors}, InErrors ${p.udpBefore.InErrors}→${p.udpAfter.InErrors}`;
  const perPacket = p.packets > 0 ? `, ${((p.cpuMs * 1000) / p.packets).toFixed(1)} µs a packet` : '';
  console.log(`${p.label.padEnd(44)} ${p.seconds.toFixed(1).padStart(6)} s  found ${p.found}/${expected}  ${detail}; CPU ${Math.round(p.cpuMs)} ms (system ${Math.round(p.systemMs)} ms${perPacket}; simulator ${Math.round(p.simCpuMs)} ms); ${udp}`);
}

/** One line per target: the figure, the target, met or not. */
function target(what: string, figure: string, goal: string, met: boolean): void {
  console.log(`  ${met ? 'met   ' : 'MISSED'} ${what.padEnd(58)} ${figure.padEnd(28)} target ${goal}`);
}

function scoreLoopback(ours: Phase, theirs: Phase | undefined, expected: number): void {
  target(`${ours.label}: found`, `${ours.found}/${expected}`, `${expected}/${expected}`, ours.found === expected);
  target(`${ours.label}: time`, `${ours.seconds.toFixed(1)} s`, `≤ ${TARGET_SECONDS} s`, ours.seconds <= TARGET_SECONDS);
  if (theirs) target(`${ours.label}: time vs ${theirs.label}`, `${ours.seconds.toFixed(1)} s vs ${theirs.seconds.toFixed(1)} s (found ${theirs.found})`, '≤ theirs', ours.seconds <= theirs.seconds);
}

function scoreLossy(ours: Phase, theirs: Phase | undefined, expected: number): void {
  const share = ours.found / expected;
  target(`${ours.label}: found`, `${ours.found}/${expected} (${(share * 100).toFixed(1)} %)`, `≥ ${(TARGET_LOSSY_SHARE * 100).toFixed(1)} %`, share >= TARGET_LOSSY_SHARE);
  if (theirs) target(`${ours.label}: time vs ${theirs.label}`, `${ours.seconds.toFixed(1)} s vs ${theirs.seconds.toFixed(1)} s (found ${theirs.found})`, '≤ theirs', ours.seconds <= theirs.seconds);
}

function has(program: string): boolean {
  try {
    execFileSync('which', [program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** As root on Linux: runs this bench again inside a new network namespace and returns true (the caller stops). */
function reRunInOwnNamespace(s: Settings): boolean {
  if (s.sharedNetns || process.env[NETNS_ENV] === '1' || process.platform !== 'linux' || process.getuid?.() !== 0 || !has('unshare') || !has('ip')) return false;
  const result = spawnSync('unshare', ['--net', '--', process.execPath, ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1' } });
  process.exitCode = result.status ?? 1;
  return true;
}

/** Inside the bench's own namespace: 5 % of the datagrams to PORT dropped on arrival (prerouting: the sender sees no error). */
function injectLoss(): boolean {
  if (process.env[NETNS_ENV] !== '1' || !has('nft')) return false;
  execFileSync('nft', ['add', 'table', 'inet', NFT_TABLE]);
  execFileSync('nft', ['add', 'chain', 'inet', NFT_TABLE, 'in', '{ type filter hook prerouting priority 0; policy accept; }']);
  execFileSync('nft', ['add', 'rule', 'inet', NFT_TABLE, 'in', 'udp', 'dport', String(PORT), 'numgen', 'random', 'mod', '1000', '<', String(LOSS_PERCENT * 10), 'counter', 'drop']);
  return true;
}

function lossCounter(): string {
  const listing = execFileSync('nft', ['list', 'table', 'inet', NFT_TABLE], { encoding: 'utf8' });
  return /counter packets (\d+)/.exec(listing)?.[1] ?? '?';
}

function sysctl(name: string): string {
  try {
    return readFileSync(`/proc/sys/${name.replaceAll('.', '/')}`, 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const s = settings();
  if (reRunInOwnNamespace(s)) return;
  const ownNamespace = process.env[NETNS_ENV] === '1';
  if (ownNamespace) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const count = s.devices;
  const withTheirs = s.onesixtyone && has('onesixtyone');
  console.log(`== network namespace: ${ownNamespace ? 'the bench’s own (loopback only; the UDP counters are its own)' : 'shared (the UDP counters include other processes’ traffic)'}`);
  const rmemMax = Number(sysctl('net.core.rmem_max'));
  console.log(`== net.core.rmem_max ${sysctl('net.core.rmem_max')}, rmem_default ${sysctl('net.core.rmem_default')}: the scanner asks 4 MiB of receive buffer and gets ${Number.isFinite(rmemMax) ? `${Math.min(rmemMax, 4 * 1024 * 1024) * 2} bytes (the kernel doubles what it allows)` : 'what the system allows'}`);
  const fleet = buildDemoFleet(count, 7).map(({ faults: _faults, ...spec }, i) => ({ ...spec, address: spreadAddress(i, count) }));
  const sim = await startSimulatorProcess({ devices: fleet, port: PORT });
  const phases: Partial<Record<'searchMax' | 'searchDef' | 'max' | 'maxOnce' | 'def' | 'defOnce' | 'theirsMax' | 'theirsDef', Phase>> = {};
  try {
    console.log(`== SNMP scan of ${PREFIX}.0.0/16 with ${count} simulated printers (simulator pid ${sim.pid}, up in ${Math.round(sim.startupMs)} ms); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('-- a whole search (probe, read, store), as printdeck discover runs it');
    phases.searchMax = await ourSearch(sim, `search, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry`, MAX_RATE_PER_SECOND, count);
    if (!s.quick) phases.searchDef = await ourSearch(sim, `search, default rate ${DEFAULT_RATE}/s, 1 retry`, DEFAULT_RATE, count);
    console.log('-- the probe scanner alone, and onesixtyone, in the same run');
    phases.max = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry`, MAX_RATE_PER_SECOND, 1, count);
    phases.maxOnce = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, no retry`, MAX_RATE_PER_SECOND, 0, count);
    if (!s.quick) {
      phases.def = await ourScan(sim, `ours, default rate ${DEFAULT_RATE}/s, 1 retry`, DEFAULT_RATE, 1, count);
      phases.defOnce = await ourScan(sim, `ours, default rate ${DEFAULT_RATE}/s, no retry`, DEFAULT_RATE, 0, count);
    }
    if (s.onesixtyone && !withTheirs) console.log('onesixtyone not installed (apt-get install onesixtyone): comparison skipped');
    // -w 0: as fast as it can send, the nearest it has to a maximum rate.
    if (withTheirs) phases.theirsMax = await onesixtyone(sim, 'onesixtyone -w 0 (unpaced)', 0, count);
    // -w 1: one packet per millisecond, the same nominal rate as our default.
    if (withTheirs && !s.quick) phases.theirsDef = await onesixtyone(sim, 'onesixtyone -w 1 (1 ms between packets)', 1, count);
  } finally {
    await sim.close();
  }
  const lossy = await lossyPhases(fleet, count, withTheirs);
  console.log(`== targets (issue 13 item 3); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const ours of [phases.searchMax, phases.max, phases.maxOnce]) if (ours) scoreLoopback(ours, phases.theirsMax, count);
  if (phases.theirsMax) target(`${phases.theirsMax.label}: found`, `${phases.theirsMax.found}/${count}`, '(reference)', true);
  if (phases.def && phases.theirsDef) target(`${phases.def.label}: time vs ${phases.theirsDef.label}`, `${phases.def.seconds.toFixed(1)} s vs ${phases.theirsDef.seconds.toFixed(1)} s`, '(reference)', true);
  scoreLossy(lossy.ours, lossy.theirs, count);
}

/**
 * The same /16 behind 5 % loss: in the bench's own namespace nftables drops 5 % of the
 * datagrams to the agents' port; otherwise each simulated device drops 5 % of what it
 * receives (seeded). onesixtyone never retries, so it misses the devices whose one probe was lost.
 */
async function lossyPhases(fleet: readonly SimulatedDeviceSpec[], count: number, withTheirs: boolean): Promise<{ ours: Phase; theirs?: Phase }> {
  const kernelLoss = injectLoss();
  const devices = kernelLoss ? [...fleet] : fleet.map((spec) => ({ ...spec, faults: { dropPercent: LOSS_PERCENT } }));
  const sim = await startSimulatorProcess({ devices, port: PORT, seed: 5 });
  try {
    console.log(
      kernelLoss
        ? `-- behind ${LOSS_PERCENT} % loss: nftables in the bench’s namespace drops ${LOSS_PERCENT} % of the datagrams to port ${PORT} (random, not seeded)`
        : `-- behind ${LOSS_PERCENT} % loss: each simulated device drops ${LOSS_PERCENT} % of the requests it receives (seeded)${process.env[NETNS_ENV] === '1' ? '; nft not installed (apt-get install nftables)' : ''}`,
    );
    const before = kernelLoss ? lossCounter() : '';
    const ours = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry, ${LOSS_PERCENT} % loss`, MAX_RATE_PER_SECOND, 1, count);
    if (kernelLoss) console.log(`  (nftables dropped ${Number(lossCounter()) - Number(before)} of our datagrams)`);
    if (!withTheirs) return { ours };
    const mid = kernelLoss ? lossCounter() : '';
    const theirs = await onesixtyone(sim, `onesixtyone -w 0, ${LOSS_PERCENT} % loss`, 0, count);
    if (kernelLoss) console.log(`  (nftables dropped ${Number(lossCounter()) - Number(mid)} of onesixtyone's datagrams)`);
    return { ours, theirs };
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
