import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { AddressProbe } from '../../../src-main/core/settings/address-probe';
import { buildDemoFleet, loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';

type ExecutionDetail = Awaited<ReturnType<AppApi['tasks']['getExecution']>>;

/** Waits (bounded) for the latest execution of a task to finish; returns it with its results. */
export async function waitForExecution(api: AppApi, taskId: number, timeoutMs = 20_000): Promise<ExecutionDetail> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const [latest] = (await api.tasks.listExecutions({ taskId, limit: 1 })).executions;
    if (latest && latest.state !== 'queued' && latest.state !== 'running') return api.tasks.getExecution({ executionId: latest.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`task ${taskId} did not finish within ${timeoutMs} ms`);
}

/** One healthy simulated printer of a demo profile, with that profile's writable objects and write community. */
export function aDemoPrinter(profile: string, index = 0): SimulatedDeviceSpec {
  const found = loadDemoProfiles().find((p) => p.name === profile);
  if (!found) throw new Error(`no demo profile ${profile}`);
  const [spec] = buildDemoFleet(index + 1, 17, [found]).slice(index);
  if (!spec) throw new Error(`no printer built from ${profile}`);
  const { faults: _faults, ...healthy } = spec;
  return { ...healthy, name: `${profile}-${index}`, rebootMs: 300 };
}

export interface SettingsRig {
  core: Core;
  api: AppApi;
  simulator: Simulator;
  /** Device ids by simulated printer name. */
  ids: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Simulated printers (real UDP on loopback) read into a real core on a temp folder; the
 * contract through the router as an administrator. Reboots are short (300 ms) and devices are
 * asked every 100 ms whether they are back.
 */
export async function startSettingsRig(baseAddress: string, printers: SimulatedDeviceSpec[], options: { addressProbe?: AddressProbe; webPort?: number } = {}): Promise<SettingsRig> {
  const dir = await mkdtemp(join(tmpdir(), 'printdeck-settings-'));
  const simulator = await startSimulator({ devices: printers, baseAddress, port: 0, ...(options.webPort === undefined ? {} : { webPort: options.webPort }) });
  const core = await createCore({
    databaseFile: join(dir, 'printdeck.db'),
    resourcesDir: resolve(__dirname, '../../../resources'),
    version: 'test',
    snmp: { version: 'v2c', community: 'public', timeoutMs: 400, retries: 1 },
    settingsPollEveryMs: 100,
    ...(options.addressProbe ? { addressProbe: options.addressProbe } : {}),
  });
  const api = createApiClient(appContract, createInProcessTransport(core.router, core.events));
  const ids = new Map<string, number>();
  for (const device of simulator.devices) {
    const { id } = await api.devices.add({ address: `${device.address}:${device.port}` });
    ids.set(device.name, id);
  }
  const { results } = await api.devices.refresh({ ids: [...ids.values()] });
  const unread = results.filter((r) => !r.ok);
  if (unread.length > 0) throw new Error(`printers not read: ${JSON.stringify(unread)}`);
  return {
    core,
    api,
    simulator,
    ids,
    close: async () => {
      await core.dispose();
      await simulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
