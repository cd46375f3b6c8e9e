import { parseCommandArgs } from './command-args';
import type { DeviceReading, DeviceState } from '../../src-shared/domain/device-reading';
import { buildDemoFleet } from '../simulator/demo-fleet';
import { seededRandom } from '../simulator/fault-injector';
import { simulatePrinting } from '../simulator/fleet-activity';
import { addressBookUrls, simulatorPlace, simulatorWebPlace, startCliSimulator } from './simulator-start';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { dataDirError, prepareDataDir } from './data-dir';
import { openInventory } from './open-inventory';
import type { CommandIo } from './poll-command';

export const DEMO_HELP = `printdeck demo [--count N] [--interval S] [--rounds N] [--data DIR]

Starts N simulated printers on loopback (127.20.0.1 …, port 1161), reads them all, then polls
them every S seconds and prints the fleet's state and the devices that need a person. Between
polls a fifth of the printers print a few pages, and one jams and recovers now and then. With
--data the readings are kept in DIR/printdeck.db and the next run polls the stored devices.

Options:
  --count N      simulated printers (default 24)
  --interval S   seconds between polls (default 5)
  --rounds N     stop after N polls (default: until Ctrl+C)
  --data DIR     keep the store in DIR (default: a store in memory)
  --base ADDRESS first loopback address of the printers (default 127.20.0.1)
  --port N       their UDP port (default 1161)
  --web-port N   serve the Ricoh printers' address books (udirectory SOAP at
                 /DH/udirectory) over HTTP on this TCP port (default: not served)
  --web-tls-port N
                 the same over HTTPS (self-signed certificate)`;

const STATE_ORDER: readonly DeviceState[] = ['error', 'warning', 'offline', 'unknown', 'ok'];

function wholeNumber(text: string | undefined, fallback: number, option: string, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new CliError(`--${option} "${text}" must be a whole number from 1 to ${max}`);
  return Number(text);
}

/** `printdeck demo`: a living simulated fleet, read the way the console reads real ones. */
export async function demoCommand(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<ExitCode> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      count: { type: 'string' },
      interval: { type: 'string' },
      rounds: { type: 'string' },
      data: { type: 'string' },
      base: { type: 'string' },
      port: { type: 'string' },
      'web-port': { type: 'string' },
      'web-tls-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(DEMO_HELP);
    return EXIT.ok;
  }
  const count = wholeNumber(values.count, 24, 'count', 10_000);
  const intervalMs = wholeNumber(values.interval, 5, 'interval', 3600) * 1000;
  const rounds = values.rounds === undefined ? Infinity : wholeNumber(values.rounds, 1, 'rounds', 1_000_000);
  const place = simulatorPlace(values.base, values.port);
  const web = simulatorWebPlace(values['web-port'], values['web-tls-port']);
  const dataDir = values.data;
  const databaseFile = dataDir === undefined ? ':memory:' : prepareDataDir(dataDir);
  // The data first: a folder that cannot be used is named before printers take the ports.
  const inventory = await openInventory(databaseFile).catch((error: unknown) => {
    throw dataDir === undefined ? error : dataDirError(dataDir, error);
  });
  const simulator = await startCliSimulator(buildDemoFleet(count, 1), place, web).catch(async (error: unknown) => {
    await inventory.close();
    throw error;
  });
  const random = seededRandom(7);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    io.out(`${simulator.devices.length} simulated printers on ${simulator.devices[0]?.address ?? '?'} … port ${place.port}. Ctrl+C stops.`);
    const books = simulator.devices.flatMap((d) => {
      const urls = addressBookUrls(d);
      return urls === null ? [] : [`  ${d.name}: ${urls}`];
    });
    if (books.length > 0) io.out([`Address books (Ricoh udirectory; login admin, empty password):`, ...books.slice(0, 12), ...(books.length > 12 ? [`  … and ${books.length - 12} more`] : [])].join('\n'));
    if ((await inventory.storedDevices()) === 0) {
      const targets = simulator.devices.map((d) => ({ ...inventory.snmp, host: d.address, port: d.port }));
      const started = Date.now();
      const first = await inventory.service.readTargets(targets, { signal: stop.signal });
      io.out(summary('first read', first.map((o) => o.reading), Date.now() - started));
    }
    const jamming = simulator.devices[0]?.name;
    for (let round = 1; round <= rounds && !stop.signal.aborted; round++) {
      await sleep(intervalMs, stop.signal);
      if (stop.signal.aborted) break;
      simulatePrinting(simulator, 0.2, random);
      if (jamming && round % 3 === 1) simulator.device(jamming).setErrorState(round % 6 === 1 ? ['jammed'] : []);
      const started = Date.now();
      const outcomes = await inventory.service.pollStored(inventory.snmp, { signal: stop.signal });
      io.out(summary(`poll ${round}`, outcomes.map((o) => o.reading), Date.now() - started));
    }
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await inventory.close();
    await simulator.close();
  }
}

function summary(title: string, readings: DeviceReading[], ms: number): string {
  const counts = new Map<DeviceState, number>();
  for (const r of readings) counts.set(r.status.state, (counts.get(r.status.state) ?? 0) + 1);
  const line = STATE_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
  const lines = [`${new Date().toLocaleTimeString()}  ${title}: ${readings.length} devices in ${ms} ms — ${line}`];
  const needy = readings
    .filter((r) => r.status.state !== 'ok')
    .sort((a, b) => STATE_ORDER.indexOf(a.status.state) - STATE_ORDER.indexOf(b.status.state));
  for (const r of needy.slice(0, 12)) {
    const what = [r.identity.vendor, r.identity.model].filter(Boolean).join(' ');
    lines.push(`  ${r.target.padEnd(22)} ${r.status.state.padEnd(8)} ${r.status.message}${what ? `  (${what})` : ''}`);
  }
  if (needy.length > 12) lines.push(`  … and ${needy.length - 12} more`);
  return lines.join('\n');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
