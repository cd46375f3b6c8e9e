import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, DEFAULT_SNMP, type Core } from '../core/create-core';
import { createServer } from '../server/server';
import { isLoopbackHost } from '../server/access-guard';
import { buildDemoFleet } from '../simulator/demo-fleet';
import { seededRandom } from '../simulator/fault-injector';
import { simulatePrinting } from '../simulator/fleet-activity';
import type { Simulator } from '../simulator/simulator';
import { appVersion } from './app-version';
import { CliError, EXIT, type ExitCode } from './cli-error';
import type { CommandIo } from './poll-command';
import { resourcesDir } from './resources-path';
import { simulatorPlace, startCliSimulator } from './simulator-start';

export const SERVE_HELP = `printdeck serve [--port N] [--host 127.0.0.1] [--data DIR] [--demo] [--poll-interval S]

Runs the console headless: serves the web UI and its API, polls the stored devices every S
seconds, and prints the address to open, with a fresh access token:
  Open http://127.0.0.1:PORT/?token=… in a browser
Without the token nobody gets data. Ctrl+C stops it.

Options:
  --port N           TCP port (default 0: a free port, shown in the address)
  --host ADDRESS     address to listen on (default 127.0.0.1: only this computer)
  --data DIR         keep the store in DIR/printdeck.db (default: ${defaultDataDirText()};
                     with --demo: a temporary folder, removed on exit)
  --poll-interval S  seconds between polls of every device (default 600; 10 with --demo)
  --demo             also start about 200 simulated printers (some in error, low on toner,
                     silent) and add them: a living console without hardware
  --demo-count N     simulated printers with --demo (default 200)
  --demo-base ADDR   their first loopback address (default 127.20.0.1)
  --demo-port N      their UDP port (default 1161)
  --trap-port N      UDP port for SNMP traps (default: the saved setting, 162; 0: no trap
                     listener). Port 162 needs privileges; a port that cannot be bound is logged`;

const DEMO_SEED = 1;

/** `printdeck serve`: core + headless server until SIGINT/SIGTERM or `signal`; exit 0 after a clean stop. */
export async function serveCommand(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'poll-interval': { type: 'string' },
      demo: { type: 'boolean' },
      'demo-count': { type: 'string' },
      'demo-base': { type: 'string' },
      'demo-port': { type: 'string' },
      'trap-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return EXIT.ok;
  }
  const port = tcpPort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (isIP(host) === 0) throw new CliError(`--host "${host}" must be an IP address (127.0.0.1 for this computer only, 0.0.0.0 for every interface)`);
  const demo = values.demo === true;
  // A demo should visibly live; real fleets change slowly.
  const pollSeconds = wholeNumber(values['poll-interval'], demo ? 10 : 600, '--poll-interval', 1, 86_400);
  if (!demo && (values['demo-count'] ?? values['demo-base'] ?? values['demo-port']) !== undefined) throw new CliError('--demo-count, --demo-base and --demo-port need --demo');
  const demoCount = wholeNumber(values['demo-count'], 200, '--demo-count', 1, 10_000);
  const trapPort = values['trap-port'] === undefined ? undefined : wholeNumber(values['trap-port'], 0, '--trap-port', 0, 65_535);
  const place = demo ? demoPlace(values['demo-base'], values['demo-port']) : null;

  const stop = stopSignal(signal);
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    const dataDir = values.data ?? (demo ? temporaryDir(cleanup) : defaultDataDir());
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new CliError(`--data "${dataDir}": ${error instanceof Error ? error.message : String(error)}`, EXIT.dataError);
    }
    let simulator: Simulator | null = null;
    if (place) {
      const started = await startCliSimulator(buildDemoFleet(demoCount, DEMO_SEED), place);
      simulator = started;
      cleanup.push(() => started.close());
    }
    const resources = resourcesDir();
    const core = await createCore({
      databaseFile: join(dataDir, 'printdeck.db'),
      resourcesDir: resources,
      pollIntervalMs: pollSeconds * 1000,
      version: appVersion(resources),
      demo,
      demoSearch: simulator ? demoSearchOf(simulator) : undefined,
      traps: trapPort === 0 ? undefined : { port: trapPort },
      log: (line) => io.err(line),
    }).catch((error: unknown) => {
      // A store that cannot be opened or migrated, or broken profiles: data the user can fix.
      throw new CliError(`cannot open the console's data in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`, EXIT.dataError);
    });
    cleanup.push(() => core.dispose());
    const server = await createServer({ core, host, port, rendererDir: join(dirname(resources), 'dist', 'renderer'), log: (line) => io.err(line) }).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error));
    });
    cleanup.push(() => server.close());
    io.out(`Printdeck ${appVersion(resources)}: data in ${dataDir}, polling every ${pollSeconds} s.`);
    if (!isLoopbackHost(host)) io.out(`Listening on ${host}: other computers can reach the sign-in page.`);
    if (core.auth.administratorNeedsPassword()) {
      // The first start: no fixed default password, ever. The one-time password must be replaced at first sign-in.
      const password = await core.auth.setOneTimeAdministratorPassword();
      io.out(`First start: sign in at ${server.url} as "admin" with the one-time password ${password} (you choose your own at once),`);
      io.out(`or open this one-time sign-in link: ${server.signInUrl()}`);
    } else {
      io.out(`Open ${server.url} in a browser and sign in (Ctrl+C stops).`);
    }
    if (simulator && place) {
      await addDemoFleet(core, simulator, stop.signal, io, place);
      cleanup.push(keepPrinting(simulator, pollSeconds * 1000));
    }
    // Monitoring starts after the demo fleet was added, so no device is read twice at once.
    if (!stop.signal.aborted) core.start();
    await stop.stopped;
    return EXIT.ok;
  } finally {
    stop.dispose();
    // Reverse order: the server stops taking calls before the core and the printers go away.
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch (error) {
        io.err(`stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** Printers of the demo fleet the console does not know yet: a search (the wizard) finds them. */
const DEMO_UNLISTED = 8;

/**
 * Reads the simulated printers once (adding them) and tells open consoles to refetch. The last
 * few are left out so a search has something to find; the terminal says where to look.
 */
async function addDemoFleet(core: Core, simulator: Simulator, signal: AbortSignal, io: CommandIo, place: { base: string; port: number }): Promise<void> {
  const unlisted = simulator.devices.length > DEMO_UNLISTED * 4 ? DEMO_UNLISTED : 0;
  const listed = simulator.devices.slice(0, simulator.devices.length - unlisted);
  const targets = listed.map((d) => ({ ...DEFAULT_SNMP, host: d.address, port: d.port }));
  const outcomes = await core.inventory.readTargets(targets, { signal });
  // readTargets sits below the event reporting of poll rounds: announce the new devices here.
  const ids = [...new Set(outcomes.map((o) => o.saved.deviceId))];
  if (ids.length > 0) core.events.emit('devices.changed', { ids, removed: [] });
  if (signal.aborted) return;
  const silent = outcomes.filter((o) => !o.reading.ok).length;
  io.out(`Demo: ${ids.length} simulated printers on ${place.base} … port ${place.port} added (${silent} not answering, as some real ones do).`);
  const first = simulator.devices[0];
  const last = simulator.devices.at(-1);
  if (unlisted > 0 && first && last) {
    io.out(`Demo: ${unlisted} more wait to be found: Search devices, addresses ${first.address}-${last.address}, port ${place.port}.`);
  }
}

/** The address range and port of the whole demo fleet: what the search wizard offers. */
function demoSearchOf(simulator: Simulator): { spec: string; port: number } | undefined {
  const first = simulator.devices[0];
  const last = simulator.devices.at(-1);
  return first && last ? { spec: `${first.address}-${last.address}`, port: first.port } : undefined;
}

/** Between polls a fifth of the demo printers print a few pages, so counters and toner move. */
function keepPrinting(simulator: Simulator, everyMs: number): () => void {
  const random = seededRandom(DEMO_SEED + 6);
  const timer = setInterval(() => simulatePrinting(simulator, 0.2, random), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** --demo-base/--demo-port, with errors naming those options. */
function demoPlace(base: string | undefined, port: string | undefined): { base: string; port: number } {
  try {
    return simulatorPlace(base, port);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(message.replace('--base', '--demo-base').replace('--port', '--demo-port'));
  }
}

function stopSignal(signal: AbortSignal | undefined): { signal: AbortSignal; stopped: Promise<void>; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  if (signal?.aborted) controller.abort();
  const stopped = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  return {
    signal: controller.signal,
    stopped: controller.signal.aborted ? Promise.resolve() : stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      signal?.removeEventListener('abort', onSignal);
    },
  };
}

function tcpPort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) throw new CliError(`--port "${text}" must be a TCP port from 0 (any free port) to 65535`);
  return Number(text);
}

function wholeNumber(text: string | undefined, fallback: number, option: string, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`${option} "${text}" must be a whole number from ${min} to ${max}`);
  return Number(text);
}

function temporaryDir(cleanup: (() => void)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-demo-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Where a headless console keeps its store when --data is not given (the user's data folder). */
function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Printdeck');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Printdeck');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'printdeck');
}

function defaultDataDirText(): string {
  return process.platform === 'win32' ? '%APPDATA%\\Printdeck' : process.platform === 'darwin' ? '~/Library/Application Support/Printdeck' : '$XDG_DATA_HOME/printdeck or ~/.local/share/printdeck';
}
