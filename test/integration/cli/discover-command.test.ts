import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { describeResult, requireBuiltCli, runCli } from './cli-process';

/** `printdeck discover` as a user runs it: the built bin against simulated printers on 127.53.1.0/24. */

const PORT = 16153;
let simulator: Simulator;
let dataDir: string;

beforeAll(async () => {
  requireBuiltCli();
  simulator = await startSimulator({ port: PORT, baseAddress: '127.53.1.1', devices: answeringDemoFleet(4, 53) });
  dataDir = await mkdtemp(join(tmpdir(), 'printdeck-discover-'));
});
afterAll(async () => {
  await simulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const FAST = ['--port', String(PORT), '--timeout', '300', '--rate', '5000'];

describe('printdeck discover', () => {
  it('finds the printers of a range, saves them, and a second run finds them unchanged (history kept)', async () => {
    const first = await runCli(['discover', '127.53.1.1-127.53.1.30', ...FAST, '--data', dataDir, '--json'], 30_000);
    expect(first.code, describeResult(first)).toBe(0);
    const parsed = JSON.parse(first.stdout) as { run: { state: string; counts: Record<string, number> }; results: Array<{ address: string; outcome: string }> };
    expect(parsed.run).toMatchObject({ state: 'succeeded', counts: { probed: 30, new: 4, answered: 4 } });
    expect(parsed.results.map((r) => r.address).sort()).toEqual(simulator.devices.map((d) => d.address).sort());

    const second = await runCli(['discover', '127.53.1.1-30', ...FAST, '--data', dataDir], 30_000);
    expect(second.code, describeResult(second)).toBe(0);
    expect(second.stdout).toMatch(/Search succeeded — 4 succeeded, 0 failed; 30 addresses probed, 4 answered: 0 new, 0 updated, 4 unchanged, 0 lost, 0 skipped, 0 not readable\./);
    expect(parsed.run).toMatchObject({ outcome: 'succeeded', tally: { succeeded: 4, failed: 0 } });

    // A printer switched off is lost: the search partly failed, in the console's words, and exits 1.
    const silent = simulator.devices[0];
    simulator.device(silent?.name ?? '').setFaults({ silent: true });
    try {
      const third = await runCli(['discover', '127.53.1.1-30', ...FAST, '--data', dataDir], 30_000);
      expect(third.code, describeResult(third)).toBe(1);
      expect(third.stdout).toMatch(/^lost {9}127\.53\.1\.\d+:\d+ /m);
      expect(third.stdout).toMatch(/Search partly failed — 3 succeeded, 1 failed; .* 3 unchanged, 1 lost/);
    } finally {
      simulator.device(silent?.name ?? '').setFaults({ silent: false });
    }
    expect(second.stderr).toMatch(/probed/);
  });

  it('reports every bad line of an address file with its number and searches nothing', async () => {
    const file = join(dataDir, 'addresses.csv');
    await writeFile(file, 'address\n127.53.1.1\n127.53.1.300\nprinter!\n');
    const result = await runCli(['discover', '--file', file, ...FAST], 15_000);
    expect(result.code, describeResult(result)).toBe(65);
    expect(result.stderr).toMatch(/addresses\.csv: 2 bad lines/);
    expect(result.stderr).toMatch(/line 3: /);
    expect(result.stderr).toMatch(/line 4: /);
  });

  it('says what is wrong with its arguments', async () => {
    const none = await runCli(['discover'], 15_000);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs targets or a method/);
    const rate = await runCli(['discover', '127.53.1.1', '--rate', '900000'], 15_000);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toMatch(/--rate "900000" must be a whole number from 1 to 50000/);
  });
});
