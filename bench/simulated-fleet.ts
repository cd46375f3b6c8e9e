import { fork } from 'node:child_process';
import { buildDemoFleet } from '../src-main/simulator/demo-fleet';
import { startSimulatorProcess, type SimulatorProcess } from '../src-main/simulator/simulator-process-client';
import type { SimulatedDeviceInfo } from '../src-main/simulator/simulator-types';

/**
 * A demo fleet of any size for the benches. The simulator binds a socket per device and a
 * process may open only so many descriptors (20,000 here), so a large fleet runs in several
 * simulator processes of DEVICES_PER_PROCESS on consecutive loopback addresses. One demo
 * fleet is built and cut into slices (separate demo fleets would repeat serial numbers) by a
 * host process of its own, which starts the simulators: the fleet's specs never pass through
 * the measured console's memory.
 */

export const DEVICES_PER_PROCESS = 12_500;

export interface SimulatedFleet {
  readonly pids: number[];
  readonly devices: ReadonlyArray<SimulatedDeviceInfo>;
  /** CPU time of every simulator process so far. */
  cpuMicros(): Promise<number>;
  /** Makes `fraction` of the devices print; resolves with how many did. */
  printPages(fraction: number, seed: number): Promise<number>;
  close(): Promise<void>;
}

type Request = { type: 'start'; count: number; baseAddress: string; seed: number } | { type: 'cpu' } | { type: 'print'; fraction: number; seed: number } | { type: 'close' };
type Reply = { type: 'started'; pids: number[]; devices: SimulatedDeviceInfo[] } | { type: 'number'; value: number } | { type: 'error'; message: string } | { type: 'closed' };

/** The IPv4 address `offset` places after `base` ("127.122.128.1" + 256 → "127.122.129.1"). */
export function ipv4After(base: string, offset: number): string {
  const n = base.split('.').reduce((sum, part) => sum * 256 + Number(part), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Starts `count` healthy demo printers from `baseAddress` up; rejects when a simulator fails. */
export async function startSimulatedFleet(count: number, baseAddress: string, seed = 7): Promise<SimulatedFleet> {
  const host = fork(__filename, ['--fleet-host'], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (request: Request): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`fleet host exited (${code})`));
      host.once('exit', onExit);
      host.once('message', (reply: Reply) => {
        host.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(reply.message));
        else resolve(reply);
      });
      host.send(request);
    });
  const number = async (request: Request): Promise<number> => {
    const reply = await ask(request);
    return reply.type === 'number' ? reply.value : 0;
  };
  const started = await ask({ type: 'start', count, baseAddress, seed });
  if (started.type !== 'started') throw new Error(`unexpected reply ${started.type}`);
  return {
    pids: started.pids,
    devices: started.devices,
    cpuMicros: () => number({ type: 'cpu' }),
    printPages: (fraction, round) => number({ type: 'print', fraction, seed: round }),
    close: async () => {
      const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
      await ask({ type: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}

if (process.argv.includes('--fleet-host')) {
  const simulators: SimulatorProcess[] = [];
  const reply = (message: Reply): void => {
    process.send?.(message);
  };
  const handle = async (request: Request): Promise<void> => {
    if (request.type === 'start') {
      const fleet = buildDemoFleet(request.count, request.seed).map(({ faults: _faults, ...spec }) => spec);
      for (let first = 0; first < fleet.length; first += DEVICES_PER_PROCESS) {
        const devices = fleet.slice(first, first + DEVICES_PER_PROCESS);
        simulators.push(await startSimulatorProcess({ devices, baseAddress: ipv4After(request.baseAddress, first), port: 0 }));
      }
      reply({ type: 'started', pids: simulators.map((s) => s.pid), devices: simulators.flatMap((s) => s.devices) });
    } else if (request.type === 'cpu') {
      const stats = await Promise.all(simulators.map((s) => s.stats()));
      reply({ type: 'number', value: stats.reduce((sum, s) => sum + s.cpuMicros, 0) });
    } else if (request.type === 'print') {
      const counts = await Promise.all(simulators.map((s) => s.printPages(request.fraction, request.seed)));
      reply({ type: 'number', value: counts.reduce((sum, n) => sum + n, 0) });
    } else {
      await Promise.all(simulators.map((s) => s.close()));
      reply({ type: 'closed' });
      process.disconnect();
    }
  };
  process.on('message', (request: Request) => {
    handle(request).catch((error: unknown) => reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  });
}
