import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { createCore, type Core, type CoreDeps } from '../../../src-main/core/create-core';
import type { SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { answeringDemoFleet, startFleet } from '../inventory/inventory-rig';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { internalContext } from '../../../src-shared/auth/call-context';

/**
 * A real core (temp SQLite file, real SNMP client) monitoring a few simulated printers on
 * loopback in the ALERTS range 127.122.0.0/16, with every event and log line recorded.
 */

/** Loopback answers at once: a reply that is late is lost. */
export const FAST_SNMP: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 300, retries: 0 };

export interface MonitorRig {
  core: Core;
  simulator: Simulator;
  logs: string[];
  events: Array<{ name: keyof AppEvents; payload: unknown }>;
  /** Device id of each simulated printer, in simulator order. */
  ids: number[];
  close(): Promise<void>;
}

/** Starts `count` printers below `baseAddress`, a core that has read them all once, and nothing else. */
export async function startMonitorRig(baseAddress: string, count: number, extra: Partial<CoreDeps> = {}): Promise<MonitorRig> {
  const dir = await mkdtemp(join(tmpdir(), 'printdeck-monitor-'));
  const simulator = await startFleet(baseAddress, answeringDemoFleet(count, 5));
  for (const d of simulator.devices) {
    simulator.device(d.name).setErrorState([]);
    simulator.device(d.name).clearAlerts();
  }
  const logs: string[] = [];
  let core: Core;
  try {
    core = await createCore({
      databaseFile: join(dir, 'printdeck.db'),
      resourcesDir: resolve(__dirname, '../../../resources'),
      snmp: FAST_SNMP,
      pollIntervalMs: 3_600_000,
      version: '0.0.0-monitor',
      log: (line) => logs.push(line),
      ...extra,
    });
  } catch (error) {
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const events: MonitorRig['events'] = [];
  core.events.subscribe((name, payload) => events.push({ name, payload }));
  const read = await core.inventory.readTargets(simulator.devices.map((d) => ({ ...FAST_SNMP, host: d.address, port: d.port })));
  return {
    core,
    simulator,
    logs,
    events,
    ids: read.map((o) => o.saved.deviceId),
    close: async () => {
      await core.dispose();
      await simulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Checks `condition` every 20 ms until it holds or `withinMs` passed; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (let i = 0; i < 10_000 && Date.now() <= deadline; i++) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

export const ADMIN = internalContext();

/** A device as the list shows it now (what polls saved), or undefined. */
export async function listed(rig: MonitorRig, id: number | undefined): Promise<DeviceSummary | undefined> {
  const { devices } = await rig.core.api.devices.list({}, ADMIN);
  return devices.find((d) => d.id === id);
}
