import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../../src-main/core/create-core';
import type { SnmpSettings } from '../../src-main/core/inventory/inventory.service';
import { buildDemoFleet, loadDemoProfiles } from '../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../src-main/simulator/simulator';

/**
 * A real core (temp SQLite file, real SNMP client, real profiles) and a few simulated
 * printers on loopback: what every transport's run of the contract suite starts from.
 */

/** Loopback is instant: a late reply is a lost one, so fail fast when nothing answers. */
export const CONTRACT_SNMP: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 500, retries: 0 };

/** The simulated printers, by role: one colour laser, two mono devices. */
export const PRINTERS = { color: 'hp-color-laser', mono: 'brother-mono-mfp', mono2: 'kyocera-mono' } as const;

export interface CoreFixture {
  core: Core;
  /** What the core logged (an internal failure of a method is logged as "service.method failed: …"). */
  logs: string[];
  simulator: Simulator;
  /** Disposes the core, stops the simulator, deletes the data folder. */
  close(): Promise<void>;
}

/** One simulated printer per PRINTERS entry, healthy (no injected trouble, no silence). */
function printerSpecs(): SimulatedDeviceSpec[] {
  const profiles = loadDemoProfiles();
  return Object.values(PRINTERS).map((name, i) => {
    const profile = profiles.find((p) => p.name === name);
    if (!profile) throw new Error(`demo profile ${name} is missing from resources/simulator`);
    const [spec] = buildDemoFleet(1, 11 + i, [profile]);
    if (!spec) throw new Error(`no demo printer built from ${name}`);
    return { name: spec.name, varbinds: spec.varbinds };
  });
}

/**
 * Starts the simulator below `baseAddress` (a range of the calling test file's own, on ports
 * the system picks) and a core on a fresh temp folder; monitoring is not started (tests run
 * rounds with core.monitor.runRound()). Rejects with nothing left running when either fails.
 */
export async function startCoreFixture(baseAddress: string): Promise<CoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'printdeck-contract-'));
  const simulator = await startSimulator({ port: 0, baseAddress, devices: printerSpecs() });
  for (const device of simulator.devices) {
    const handle = simulator.device(device.name);
    handle.setErrorState([]);
    handle.clearAlerts();
  }
  let core: Core;
  const logs: string[] = [];
  try {
    core = await createCore({
      databaseFile: join(dir, 'printdeck.db'),
      resourcesDir: resolve(__dirname, '../../resources'),
      snmp: CONTRACT_SNMP,
      pollIntervalMs: 3_600_000,
      version: '0.0.0-contract',
      log: (line) => void logs.push(line),
    });
  } catch (error) {
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    core,
    logs,
    simulator,
    close: async () => {
      await core.dispose();
      await simulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** "address:port" of the simulated printer whose name starts with `profile`. */
export function addressOf(simulator: Simulator, profile: string): string {
  const device = simulator.devices.find((d) => d.name.startsWith(profile));
  if (!device) throw new RangeError(`no simulated printer from ${profile}`);
  return `${device.address}:${device.port}`;
}
