import { parseCommandArgs } from './command-args';
import { stat } from 'node:fs/promises';
import { buildDemoFleet } from '../simulator/demo-fleet';
import { loadSnmprecDir, type SimulatedDeviceSpec } from '../simulator/simulator';
import { addressBookUrls, simulatorPlace, simulatorWebPlace, startCliSimulator } from './simulator-start';
import { CliError, EXIT, type ExitCode } from './cli-error';
import type { CommandIo } from './poll-command';

export const SIMULATE_HELP = `printdeck simulate --dir <snmprec dir> [options]
printdeck simulate --demo <count> [options]

Serves SNMP recordings (snmprec files) as simulated printers, each on its own loopback
address, until interrupted (Ctrl+C). Each device answers the community "public" and its
file name; name@context.snmprec files add SNMPv3 contexts. A line that cannot be read (a
counter that is not a number …) is skipped with a warning naming file and line, as snmpsim
serves such recordings.

Options:
  --dir DIR          folder of *.snmprec files
  --demo N           instead of --dir: N varied demo printers (some low on toner, in error, silent)
  --base ADDRESS     first loopback address (default 127.20.0.1)
  --port N           UDP port every device listens on (default 1161)
  --web-port N       also serve the address book of devices that have one (the Ricoh
                     profile: udirectory SOAP at /DH/udirectory) over HTTP on this TCP port
  --web-tls-port N   the same over HTTPS (self-signed certificate)
  --json             print the device list as JSON`;

/** `printdeck simulate`: starts simulated printers and runs until SIGINT/SIGTERM or `signal`. */
export async function simulateCommand(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<ExitCode> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      dir: { type: 'string' },
      demo: { type: 'string' },
      base: { type: 'string' },
      port: { type: 'string' },
      'web-port': { type: 'string' },
      'web-tls-port': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SIMULATE_HELP);
    return EXIT.ok;
  }
  const place = simulatorPlace(values.base, values.port);
  const web = simulatorWebPlace(values['web-port'], values['web-tls-port']);
  const devices = await deviceSpecs(values.dir, values.demo, io);
  const simulator = await startCliSimulator(devices, place, web);
  if (values.json) io.out(JSON.stringify(simulator.devices, null, 2));
  else {
    for (const d of simulator.devices) {
      const book = addressBookUrls(d);
      io.out(`${d.address}:${d.port}\t${d.name}${book === null ? '' : `\taddress book: ${book}`}`);
    }
    io.out(`${simulator.devices.length} simulated device(s) listening; Ctrl+C stops them.`);
  }
  await waitForStop(signal);
  await simulator.close();
  return EXIT.ok;
}

async function deviceSpecs(dir: string | undefined, demo: string | undefined, io: CommandIo): Promise<SimulatedDeviceSpec[]> {
  if (dir !== undefined && demo !== undefined) throw new CliError('give either --dir or --demo, not both');
  if (demo !== undefined) {
    if (!/^\d+$/.test(demo) || Number(demo) < 1 || Number(demo) > 60_000) throw new CliError(`--demo "${demo}" must be a count from 1 to 60000`);
    return buildDemoFleet(Number(demo), 1);
  }
  if (dir === undefined) throw new CliError('simulate needs --dir <snmprec dir> or --demo <count>');
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`--dir "${dir}" is not a folder`, EXIT.dataError);
  // Real recordings sometimes hold a line that cannot be read: served as snmpsim serves them, the line skipped and named.
  const specs = await loadSnmprecDir(dir, { onWarning: (message) => io.err(`warning: ${message}`) }).catch((error: unknown) => {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.dataError);
  });
  if (specs.length === 0) throw new CliError(`--dir "${dir}" holds no .snmprec files`, EXIT.dataError);
  return specs;
}

function waitForStop(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}
