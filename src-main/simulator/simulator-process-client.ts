import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SimFaults } from './fault-injector';
import type { ChildMessage, ParentMessage, ProcessStartOptions } from './simulator-process';
import type { SimulatedDeviceInfo, SimulatorStats } from './simulator-types';

/** A simulator running in a child process (see simulator-process.ts). */
export interface SimulatorProcess {
  readonly pid: number;
  readonly devices: ReadonlyArray<SimulatedDeviceInfo>;
  /** Time the child took to build and bind the fleet. */
  readonly startupMs: number;
  /** Resident memory of the child after start-up. */
  readonly rssBytes: number;
  /** Counters of the child's simulator, its RSS and CPU time used so far; rejects when the child is gone. */
  stats(): Promise<SimulatorStats & { rssBytes: number; cpuMicros: number }>;
  /** setFaults on one device; rejects for an unknown name. */
  setFaults(name: string, faults: Partial<SimFaults>): Promise<void>;
  /** Makes `fraction` of the devices print a few pages (see fleet-activity.ts); resolves with how many did. */
  printPages(fraction: number, seed: number): Promise<number>;
  /** Closes the simulator and waits for the child to exit (kills it after 5 s). */
  close(): Promise<void>;
}

/**
 * Forks the simulator child and starts `options` in it; rejects with the child's error (bad
 * spec, address in use …) or when it does not report ready within `timeoutMs` (default 120 s).
 */
export function startSimulatorProcess(options: ProcessStartOptions, timeoutMs = 120_000): Promise<SimulatorProcess> {
  const fromSource = __filename.endsWith('.ts');
  const child = fork(join(__dirname, fromSource ? 'simulator-process.ts' : 'simulator-process.js'), [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const channel = new ChildChannel(child);
  return channel
    .request({ type: 'start', options }, timeoutMs)
    .then((ready) => {
      if (ready.type !== 'ready') throw new Error(`unexpected reply ${ready.type}`);
      return {
        pid: child.pid ?? -1,
        devices: ready.devices,
        startupMs: ready.startupMs,
        rssBytes: ready.rssBytes,
        stats: async () => {
          const reply = await channel.request({ type: 'stats' }, 10_000);
          if (reply.type !== 'stats') throw new Error(`unexpected reply ${reply.type}`);
          return { ...reply.stats, rssBytes: reply.rssBytes, cpuMicros: reply.cpuMicros };
        },
        setFaults: async (name: string, faults: Partial<SimFaults>) => {
          await channel.request({ type: 'setFaults', name, faults }, 10_000);
        },
        printPages: async (fraction: number, seed: number) => {
          const reply = await channel.request({ type: 'printPages', fraction, seed }, 30_000);
          return reply.type === 'done' ? (reply.count ?? 0) : 0;
        },
        close: () => channel.close(),
      };
    })
    .catch(async (error: unknown) => {
      await channel.close();
      throw error;
    });
}

/** One request at a time over the IPC channel, each with its own deadline. */
class ChildChannel {
  private waiting: ((message: ChildMessage | Error) => void) | null = null;
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: ChildMessage) => this.settle(message));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.settle(new Error(`simulator process exited (code ${String(code)})`));
        resolve();
      });
    });
  }

  request(message: ParentMessage, timeoutMs: number): Promise<ChildMessage> {
    if (this.waiting) return Promise.reject(new Error('simulator process is busy with another request'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(new Error(`simulator process did not answer "${message.type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else if (reply.type === 'error') reject(new Error(reply.message));
        else resolve(reply);
      };
      this.child.send(message);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.child.connected) await this.request({ type: 'close' }, 5_000).catch(() => undefined);
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(killer);
    }
  }

  private settle(message: ChildMessage | Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(message);
  }
}
