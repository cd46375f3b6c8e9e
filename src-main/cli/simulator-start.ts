import { isIpv4, parsePort } from '../../src-shared/net/host-port';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../simulator/simulator';
import { CliError } from './cli-error';

export const DEFAULT_SIM_BASE = '127.20.0.1';
export const DEFAULT_SIM_PORT = 1161;

/** --base/--port as the simulate and demo commands take them; throws CliError naming the option. */
export function simulatorPlace(base: string | undefined, port: string | undefined): { base: string; port: number } {
  const address = base ?? DEFAULT_SIM_BASE;
  if (!isIpv4(address) || !address.startsWith('127.')) throw new CliError(`--base "${address}" must be a loopback IPv4 address (127.x.y.z)`);
  return { base: address, port: port === undefined ? DEFAULT_SIM_PORT : parsePort(port, '--port') };
}

/** Starts simulated devices; a bind failure (address in use …) becomes a CliError saying what to change. */
export async function startCliSimulator(devices: SimulatedDeviceSpec[], place: { base: string; port: number }): Promise<Simulator> {
  // Every rejection here (address in use, addresses exhausted) is fixed by other --base/--port.
  return startSimulator({ devices, baseAddress: place.base, port: place.port }).catch((error: unknown) => {
    throw new CliError(`cannot serve on --base ${place.base} --port ${place.port}: ${error instanceof Error ? error.message : String(error)}`);
  });
}
