import { buildDemoFleet } from './demo-fleet';
import { seededRandom, type SimFaults } from './fault-injector';
import { simulatePrinting } from './fleet-activity';
import { loadSnmprecDir, startSimulator } from './simulator';
import type { Simulator, SimulatedDeviceInfo, SimulatedDeviceSpec, SimulatorOptions, SimulatorStats } from './simulator-types';

/**
 * Child-process entry: runs a simulator on its own core so that a benchmark's client and the
 * simulated fleet do not share one event loop. Driven over IPC (fork with
 * serialization 'advanced', since varbinds carry Uint8Array and bigint): see
 * simulator-process-client.ts, which is the only intended caller.
 */

export type ProcessStartOptions = Omit<SimulatorOptions, 'devices'> & {
  /** Devices given directly … */
  devices?: SimulatedDeviceSpec[];
  /** … or read from a folder of snmprec files … */
  snmprecDir?: string;
  /** … or a demo fleet (`healthy`: without its silent devices' faults, for benchmarks). */
  demo?: { count: number; seed: number; healthy?: boolean };
};

export type ParentMessage =
  | { type: 'start'; options: ProcessStartOptions }
  | { type: 'stats' }
  | { type: 'setFaults'; name: string; faults: Partial<SimFaults> }
  | { type: 'printPages'; fraction: number; seed: number }
  | { type: 'close' };

export type ChildMessage =
  | { type: 'ready'; devices: SimulatedDeviceInfo[]; startupMs: number; rssBytes: number }
  | { type: 'stats'; stats: SimulatorStats; rssBytes: number; cpuMicros: number }
  | { type: 'done'; count?: number }
  | { type: 'error'; message: string };

async function specsFor(options: ProcessStartOptions): Promise<SimulatedDeviceSpec[]> {
  if (options.devices) return options.devices;
  if (options.snmprecDir) return loadSnmprecDir(options.snmprecDir, { onWarning: (message) => process.stderr.write(`simulator: warning: ${message}\n`) });
  if (options.demo) {
    const fleet = buildDemoFleet(options.demo.count, options.demo.seed);
    return options.demo.healthy ? fleet.map(({ faults: _faults, ...spec }) => spec) : fleet;
  }
  throw new RangeError('start needs devices, snmprecDir or demo');
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function run(send: (message: ChildMessage) => void): void {
  let simulator: Simulator | null = null;
  const reply = (message: ChildMessage): void => send(message);
  const fail = (error: unknown): void => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  const shutdown = async (): Promise<void> => {
    await simulator?.close();
    simulator = null;
  };

  process.on('message', (raw: ParentMessage) => {
    switch (raw.type) {
      case 'start': {
        const started = performance.now();
        specsFor(raw.options)
          .then((devices) => startSimulator({ ...raw.options, devices }))
          .then((running) => {
            simulator = running;
            reply({ type: 'ready', devices: [...running.devices], startupMs: performance.now() - started, rssBytes: process.memoryUsage().rss });
          })
          .catch(fail);
        return;
      }
      case 'stats':
        if (simulator) reply({ type: 'stats', stats: simulator.stats(), rssBytes: process.memoryUsage().rss, cpuMicros: cpuMicros() });
        else fail(new Error('simulator not started'));
        return;
      case 'setFaults':
        try {
          simulator?.device(raw.name).setFaults(raw.faults);
          reply({ type: 'done' });
        } catch (error) {
          fail(error);
        }
        return;
      case 'printPages':
        if (simulator) reply({ type: 'done', count: simulatePrinting(simulator, raw.fraction, seededRandom(raw.seed)) });
        else fail(new Error('simulator not started'));
        return;
      case 'close':
        shutdown()
          .then(() => reply({ type: 'done' }))
          .catch(fail)
          .finally(() => process.disconnect?.());
        return;
    }
  });
  // The parent went away: release the sockets rather than linger.
  process.on('disconnect', () => {
    void shutdown().finally(() => process.exit(0));
  });
}

if (require.main === module) {
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('simulator-process must be started with an IPC channel (child_process.fork)\n');
    process.exit(64);
  }
  run((message) => send(message));
}
