import { isIpv4, parsePort } from '../../src-shared/net/host-port';
import { startSimulator, type SimulatedDeviceInfo, type SimulatedDeviceSpec, type Simulator } from '../simulator/simulator';
import { CliError } from './cli-error';

export const DEFAULT_SIM_BASE = '127.20.0.1';
export const DEFAULT_SIM_PORT = 1161;

/** --base/--port as the simulate and demo commands take them; throws CliError naming the option. */
export function simulatorPlace(base: string | undefined, port: string | undefined): { base: string; port: number } {
  const address = base ?? DEFAULT_SIM_BASE;
  if (!isIpv4(address) || !address.startsWith('127.')) throw new CliError(`--base "${address}" must be a loopback IPv4 address (127.x.y.z)`);
  return { base: address, port: port === undefined ? DEFAULT_SIM_PORT : parsePort(port, '--port') };
}

/** TCP ports of the devices' web services (address books): --web-port / --web-tls-port, absent: not served. */
export interface WebPlace {
  webPort?: number;
  webTlsPort?: number;
}

/** --web-port/--web-tls-port as the simulate and demo commands take them; throws RangeError naming the option. */
export function simulatorWebPlace(webPort: string | undefined, webTlsPort: string | undefined): WebPlace {
  return {
    ...(webPort === undefined ? {} : { webPort: parsePort(webPort, '--web-port') }),
    ...(webTlsPort === undefined ? {} : { webTlsPort: parsePort(webTlsPort, '--web-tls-port') }),
  };
}

/** Starts simulated devices; a bind failure (address in use …) becomes a CliError saying what to change. */
export async function startCliSimulator(devices: SimulatedDeviceSpec[], place: { base: string; port: number }, web: WebPlace = {}): Promise<Simulator> {
  // Every rejection here (address in use, addresses exhausted) is fixed by other --base/--port (or web ports).
  return startSimulator({ devices, baseAddress: place.base, port: place.port, ...web }).catch((error: unknown) => {
    const webOptions = `${web.webPort === undefined ? '' : ` --web-port ${web.webPort}`}${web.webTlsPort === undefined ? '' : ` --web-tls-port ${web.webTlsPort}`}`;
    throw new CliError(`cannot serve on --base ${place.base} --port ${place.port}${webOptions}: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** "http://a:p/DH/udirectory, https://a:q/DH/udirectory" for a device that serves its address book, else null. */
export function addressBookUrls(device: SimulatedDeviceInfo): string | null {
  const host = device.address.includes(':') ? `[${device.address}]` : device.address;
  const urls = [device.webPort === undefined ? null : `http://${host}:${device.webPort}/DH/udirectory`, device.webTlsPort === undefined ? null : `https://${host}:${device.webTlsPort}/DH/udirectory`].filter((u) => u !== null);
  return urls.length === 0 ? null : urls.join(', ');
}
