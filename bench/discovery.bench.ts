/**
 * Discovery: a /16 (127.100.0.0/16, 65,536 addresses) with 1,000 simulated printers spread
 * through it. First a whole search through the core (probe, full read of each printer, store),
 * at the maximum and at the default rate, as `printdeck discover` runs it; then the probe
 * scanner alone and Debian's onesixtyone at equal packet rates, like for like. Prints figures;
 * asserts nothing. The simulator runs in a child process (its own core), as in bench/run.ts.
 *
 *   node dist/bench/discovery.bench.js [--devices 1000] [--quick] [--no-onesixtyone]
 *
 * --quick skips the slow default-rate phases (about seven minutes together).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

interface Phase {
  label: string;
  seconds: number;
  found: number;
  packets: number;
  cpuMs: number;
  simCpuMs: number;
}

function options(): { devices: number; quick: boolean; onesixtyone: boolean } {
  const { values } = parseArgs({ options: { devices: { type: 'string' }, quick: { type: 'boolean' }, 'no-onesixtyone': { type: 'boolean' } } });
  const devices = Number(values.devices ?? 1000);
  if (!Number.isInteger(devices) || devices < 1 || devices > 10_000) throw new RangeError(`--devices must be 1–10000, got ${values.devices}`);
  return { devices, quick: values.quick === true, onesixtyone: values['no-onesixtyone'] !== true };
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

async function ourScan(sim: SimulatorProcess, label: string, ratePerSecond: number, retries: number, expected: number): Promise<Phase> {
  const scanner = createSnmpScanner({ bindAddress: '127.0.0.1' });
  const simBefore = await sim.stats();
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
  const simAfter = await sim.stats();
  const phase = { label, seconds, found: summary.answers.length, packets: summary.sent, cpuMs: (cpu.user + cpu.system) / 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000 };
  print(phase, expected, `${rate(summary.addressesDone, seconds)} addresses (${summary.addressesDone.toLocaleString('en-US')}), ${summary.sent.toLocaleString('en-US')} packets`);
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
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const run = core.discovery.begin(request);
    await run.done;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const simAfter = await sim.stats();
    const { counts } = run;
    const phase = { label, seconds, found: counts.new, packets: 0, cpuMs: (cpu.user + cpu.system) / 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000 };
    const cpuShare = Math.round((phase.cpuMs / 1000 / seconds) * 100);
    print(phase, expected, `${rate(counts.probed, seconds)} addresses (${counts.probed.toLocaleString('en-US')}), ${counts.answered} answered, read and saved; ${cpuShare} % of a core`);
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
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const args = ['-f', '%U %S', '-o', times, 'onesixtyone', '-c', join(dir, 'communities'), '-p', String(PORT), '-w', String(waitMs), '-o', log, '-q', `${PREFIX}.0.0/16`];
      const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`onesixtyone exited with ${code}`))));
    });
    const seconds = (performance.now() - started) / 1000;
    const simAfter = await sim.stats();
    const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).map(Number);
    // Lines are "address [community] sysDescr", but its parser prints no description (nor newline) for long ones: match the pairs.
    const found = new Set([...readFileSync(log, 'utf8').matchAll(/(\d+\.\d+\.\d+\.\d+) \[public\]/g)].map((m) => m[1])).size;
    const phase = { label, seconds, found, packets: 65_536, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, simCpuMs: (simAfter.cpuMicros - simBefore.cpuMicros) / 1000 };
    print(phase, expected, `${rate(65_536, seconds)} addresses (65,536), 65,536 packets`);
    return phase;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(p: Phase, expected: number, detail: string): void {
  console.log(
    `${p.label.padEnd(44)} ${p.seconds.toFixed(1).padStart(6)} s  found ${p.found}/${expected}  ${detail}; CPU ${Math.round(p.cpuMs)} ms (simulator ${Math.round(p.simCpuMs)} ms)`,
  );
}

function compare(ours: Phase, theirs: Phase): void {
  console.log(`  → ${ours.label} vs ${theirs.label}: time ×${(ours.seconds / theirs.seconds).toFixed(2)}, found ×${(ours.found / Math.max(1, theirs.found)).toFixed(2)}`);
}

function hasOnesixtyone(): boolean {
  try {
    execFileSync('which', ['onesixtyone'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { devices: count, quick, onesixtyone: withTheirs } = options();
  const fleet = buildDemoFleet(count, 7).map(({ faults: _faults, ...spec }, i) => ({ ...spec, address: spreadAddress(i, count) }));
  const sim = await startSimulatorProcess({ devices: fleet, port: PORT });
  try {
    console.log(`== SNMP scan of ${PREFIX}.0.0/16 with ${count} simulated printers (simulator pid ${sim.pid}, up in ${Math.round(sim.startupMs)} ms)`);
    const phases: Record<string, Phase> = {};
    console.log('-- a whole search (probe, read, store), as printdeck discover runs it');
    phases.searchMax = await ourSearch(sim, `search, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry`, MAX_RATE_PER_SECOND, count);
    if (!quick) phases.searchDef = await ourSearch(sim, `search, default rate ${DEFAULT_RATE}/s, 1 retry`, DEFAULT_RATE, count);
    console.log('-- the probe scanner alone, and onesixtyone, at equal packet rates');
    phases.max = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry`, MAX_RATE_PER_SECOND, 1, count);
    phases.maxOnce = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, no retry`, MAX_RATE_PER_SECOND, 0, count);
    if (!quick) {
      phases.def = await ourScan(sim, `ours, default rate ${DEFAULT_RATE}/s, 1 retry`, DEFAULT_RATE, 1, count);
      phases.defOnce = await ourScan(sim, `ours, default rate ${DEFAULT_RATE}/s, no retry`, DEFAULT_RATE, 0, count);
    }
    if (withTheirs && !hasOnesixtyone()) console.log('onesixtyone not installed (apt-get install onesixtyone): comparison skipped');
    if (withTheirs && hasOnesixtyone()) {
      // -w 0: as fast as it can send, the nearest it has to a maximum rate.
      phases.theirsMax = await onesixtyone(sim, 'onesixtyone -w 0 (unpaced)', 0, count);
      compare(phases.maxOnce, phases.theirsMax);
      compare(phases.max, phases.theirsMax);
      if (!quick) {
        // -w 1: one packet per millisecond, the same nominal rate as our default.
        phases.theirsDef = await onesixtyone(sim, 'onesixtyone -w 1 (1 ms between packets)', 1, count);
        compare(phases.defOnce as Phase, phases.theirsDef);
        compare(phases.def as Phase, phases.theirsDef);
      }
    }
  } finally {
    await sim.close();
  }
  if (withTheirs && hasOnesixtyone()) await lossyComparison(fleet, count);
}

/**
 * The same /16 behind 5 % packet loss (each device drops 5 % of what it receives): what a retry
 * buys. onesixtyone never retries, so it misses the devices whose one probe was lost.
 */
async function lossyComparison(fleet: readonly SimulatedDeviceSpec[], count: number): Promise<void> {
  const lossy = fleet.map((spec) => ({ ...spec, faults: { dropPercent: 5 } }));
  const sim = await startSimulatorProcess({ devices: lossy, port: PORT, seed: 5 });
  try {
    console.log('-- behind 5 % packet loss');
    const ours = await ourScan(sim, `ours, max rate ${MAX_RATE_PER_SECOND}/s, 1 retry, 5 % loss`, MAX_RATE_PER_SECOND, 1, count);
    const theirs = await onesixtyone(sim, 'onesixtyone -w 0, 5 % loss', 0, count);
    compare(ours, theirs);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
