import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { describeResult, requireBuiltCli, runCli } from './cli-process';
import { parsePollJson } from './poll-json.schema';

/**
 * `printdeck poll --data DIR`: one process saves what it read, a later one (no targets)
 * polls the stored devices. Simulated printers on 127.52.0.x, served from this test process.
 */

let simulator: Simulator;
let dataDir: string;

function device(profile: string): SimulatedDeviceSpec {
  const found = loadDemoProfiles().find((p) => p.name === profile);
  if (!found) throw new Error(`no demo profile "${profile}" in resources/simulator`);
  return { name: profile, varbinds: found.varbinds };
}

function targetOf(name: string): string {
  const d = simulator.devices.find((x) => x.name === name);
  if (!d) throw new Error(`no simulated device "${name}"`);
  return `${d.address}:${d.port}`;
}

beforeAll(async () => {
  requireBuiltCli();
  simulator = await startSimulator({ baseAddress: '127.52.0.1', port: 0, devices: [device('canon-color-mfp'), device('epson-inkjet')] });
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'printdeck-cli-data-'));
});

afterEach(async () => {
  simulator.device('epson-inkjet').setErrorState([]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('printdeck poll --data DIR', () => {
  it('saves the devices read; a later process without targets polls the stored devices and prints them', async () => {
    const targets = [targetOf('canon-color-mfp'), targetOf('epson-inkjet')];
    const first = await runCli(['poll', '--data', dataDir, ...targets, '--json']);
    expect(first.code, describeResult(first)).toBe(0);
    expect(parsePollJson(first.stdout).map((r) => [r.target, r.ok])).toEqual([[targets[0], true], [targets[1], true]]);
    expect(existsSync(join(dataDir, 'printdeck.db')), `printdeck.db in ${dataDir}`).toBe(true);

    // A change on the device between the runs: the second run must read it live, not replay the store.
    simulator.device('epson-inkjet').setErrorState(['doorOpen']);
    const second = await runCli(['poll', '--data', dataDir, '--json']);
    expect(second.code, describeResult(second)).toBe(0);
    const readings = parsePollJson(second.stdout);
    expect(readings.map((r) => r.target).sort()).toEqual([...targets].sort());
    const epson = readings.find((r) => r.target === targets[1]);
    expect(epson?.ok).toBe(true);
    expect(epson?.status.conditions).toEqual(['doorOpen']);
    expect(readings.find((r) => r.target === targets[0])?.status.state).toBe('ok');

    const human = await runCli(['poll', '--data', dataDir]);
    expect(human.code, describeResult(human)).toBe(0);
    for (const target of targets) expect(human.stdout).toContain(`${target}  [`);
    expect(human.stdout).toContain('Canon iR-ADV C3530');
  });

  it('with an empty store and no targets says there is nothing stored yet and exits 0', async () => {
    const result = await runCli(['poll', '--data', dataDir]);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout.trim()).toBe('No devices stored yet: give targets to read.');
    expect(existsSync(join(dataDir, 'printdeck.db'))).toBe(true);
  });
});
