import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { parseCommandArgs } from './command-args';
import { createCore, DEFAULT_SNMP, type Core } from '../core/create-core';
import { createServer } from '../server/server';
import { isLoopbackHost } from '../server/access-guard';
import { buildDemoFleet } from '../simulator/demo-fleet';
import { prepareDemoAddressBooks } from './demo-address-books';
import { seededRandom } from '../simulator/fault-injector';
import { simulatePrinting } from '../simulator/fleet-activity';
import type { Simulator } from '../simulator/simulator';
import { appVersion } from './app-version';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { defaultDataDir, defaultDataDirText, prepareDataDir } from './data-dir';
import type { CommandIo } from './poll-command';
import { resourcesDir } from './resources-path';
import { givenTls, selfSignedTls } from './serve-tls';
import { simulatorPlace, startCliSimulator } from './simulator-start';

export const SERVE_HELP = `printdeck serve [--port N] [--host 127.0.0.1] [--data DIR] [--demo] [--poll-interval S]
                [--tls-cert FILE --tls-key FILE | --tls-self-signed] [--allowed-origin URL]...
                [--console-name NAME]

Runs the console headless: serves the web UI and its API, polls the stored devices every S
seconds, and prints the address to open. Everyone signs in; nothing answers with data before.
At the first start (no administrator password yet) it prints a one-time password for the
built-in administrator "admin", who chooses a new one at once, and a one-time sign-in link
(15 minutes, once). A forgotten password: printdeck users passwd admin --data DIR.
Scripts use the API with an API token (printdeck tokens create USER). Ctrl+C stops it.
Prometheus scrapes /metrics with the API token of a user who may view the device list.

Listening beyond this computer (--host other than 127.x or ::1) needs TLS: the console then
speaks HTTPS and WSS with the given certificate, or with a self-signed one it makes and keeps
in DIR/tls/ (the same one at every start); either way it prints the certificate's SHA-256
fingerprint, to compare with what the browser shows.

Options:
  --port N              TCP port (default 0: a free port, shown in the address)
  --host ADDRESS        address to listen on (default 127.0.0.1: only this computer;
                        0.0.0.0: every interface, with TLS)
  --data DIR            keep the store in DIR/printdeck.db (default: ${defaultDataDirText()};
                        with --demo: a temporary folder, removed on exit)
  --poll-interval S     seconds between polls of every device (default 600; 10 with --demo)
  --tls-cert FILE       certificate (PEM, may include the chain) for HTTPS and WSS
  --tls-key FILE        its private key (PEM)
  --tls-self-signed     HTTPS with the kept self-signed certificate also on loopback
  --allowed-origin URL  a page address besides the console's own that may sign in and open
                        the API, e.g. https://printdeck.example.com behind a reverse proxy
                        (repeatable)
  --console-name NAME   the "console" label on every /metrics series (e.g. the site's name), so
                        one Prometheus can federate several consoles (default: no such label)
  --demo                also start about 200 simulated printers (some in error, low on toner,
                        silent) and add them: a living console without hardware
  --demo-count N        simulated printers with --demo (default 200)
  --demo-base ADDR      their first loopback address (default 127.20.0.1)
  --demo-port N         their UDP port (default 1161)
  --demo-web-port N     the TCP port of their Ricoh printers' address books (default 8080; 0: not served)
  --trap-port N         UDP port for SNMP traps (default: the saved setting, 162; 0: no trap
                        listener). Port 162 needs privileges; a port that cannot be bound is logged`;

const DEMO_SEED = 1;

/** `printdeck serve`: core + headless server until SIGINT/SIGTERM or `signal`; exit 0 after a clean stop. */
export async function serveCommand(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<ExitCode> {
  const { values } = parseCommandArgs({
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
      'demo-web-port': { type: 'string' },
      'trap-port': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-self-signed': { type: 'boolean' },
      'allowed-origin': { type: 'string', multiple: true },
      'console-name': { type: 'string' },
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
  if (!demo && (values['demo-count'] ?? values['demo-base'] ?? values['demo-port'] ?? values['demo-web-port']) !== undefined) throw new CliError('--demo-count, --demo-base, --demo-port and --demo-web-port need --demo');
  const demoWebPort = wholeNumber(values['demo-web-port'], 8080, '--demo-web-port', 0, 65_535);
  const demoCount = wholeNumber(values['demo-count'], 200, '--demo-count', 1, 10_000);
  const trapPort = values['trap-port'] === undefined ? undefined : wholeNumber(values['trap-port'], 0, '--trap-port', 0, 65_535);
  const place = demo ? demoPlace(values['demo-base'], values['demo-port']) : null;
  const tlsChoice = tlsChoiceOf(values['tls-cert'], values['tls-key'], values['tls-self-signed'] === true, host);
  const allowedOrigins = (values['allowed-origin'] ?? []).map(originOf);
  const consoleName = consoleNameOf(values['console-name']);
  // A given certificate is checked before anything is created or started.
  const givenCertificate = tlsChoice.kind === 'given' ? givenTls(tlsChoice.certFile, tlsChoice.keyFile) : null;

  const stop = stopSignal(signal);
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    const dataDir = values.data ?? (demo ? temporaryDir(cleanup) : defaultDataDir());
    // Password hashes and the sealing key live there: a new folder is the user's alone.
    const databaseFile = prepareDataDir(dataDir);
    let simulator: Simulator | null = null;
    if (place) {
      const started = await startCliSimulator(buildDemoFleet(demoCount, DEMO_SEED), place, demoWebPort === 0 ? {} : { webPort: demoWebPort });
      simulator = started;
      cleanup.push(() => started.close());
    }
    const resources = resourcesDir();
    const core = await createCore({
      databaseFile,
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
    const tls = givenCertificate ?? (tlsChoice.kind === 'self-signed' ? await selfSignedTls(dataDir, host) : null);
    const server = await createServer({
      core,
      host,
      port,
      rendererDir: join(dirname(resources), 'dist', 'renderer'),
      tls: tls ? { cert: tls.cert, key: tls.key } : undefined,
      allowedOrigins,
      consoleName,
      log: (line) => io.err(line),
    }).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error));
    });
    cleanup.push(() => server.close());
    io.out(`Printdeck ${appVersion(resources)}: data in ${dataDir}, polling every ${pollSeconds} s.`);
    if (tls) {
      const origin = tls.source === 'given' ? `certificate ${tls.certFile}` : tls.source === 'generated' ? `a self-signed certificate was made for this console (kept in ${tls.certFile})` : `the console's self-signed certificate (${tls.certFile})`;
      io.out(`TLS: ${origin}.`);
      io.out(`TLS: SHA-256 fingerprint ${tls.fingerprint256} (compare it with what the browser shows before you sign in).`);
    }
    if (!isLoopbackHost(host)) io.out(`Listening on ${host}: other computers can reach the sign-in page.`);
    if (core.auth.administratorNeedsPassword()) {
      // The first start: no fixed default password, ever. The one-time password must be replaced at first sign-in.
      const password = await core.auth.setOneTimeAdministratorPassword();
      const admin = core.auth.ensureAdministrator().name;
      io.out(`First start: sign in at ${server.url} as "${admin}" with the one-time password ${password} (you choose your own at once),`);
      io.out(`or open this one-time sign-in link (it works once, within 15 minutes): ${server.signInUrl()}`);
    } else {
      io.out(`Open ${server.url} in a browser and sign in (Ctrl+C stops). A forgotten password: printdeck users passwd NAME --data ${dataDir}`);
    }
    if (simulator && place) {
      await addDemoFleet(core, simulator, stop.signal, io, place);
      if (demoWebPort !== 0 && !stop.signal.aborted) await prepareDemoAddressBooks(core, simulator, demoWebPort, io);
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

type TlsChoice = { kind: 'none' } | { kind: 'self-signed' } | { kind: 'given'; certFile: string; keyFile: string };

/** --tls-cert/--tls-key/--tls-self-signed; beyond loopback without a certificate, a self-signed one. */
function tlsChoiceOf(certFile: string | undefined, keyFile: string | undefined, selfSigned: boolean, host: string): TlsChoice {
  if ((certFile === undefined) !== (keyFile === undefined)) throw new CliError('--tls-cert and --tls-key go together: give both, or neither');
  if (certFile !== undefined && keyFile !== undefined) {
    if (selfSigned) throw new CliError('--tls-self-signed makes a certificate; it does not go with --tls-cert and --tls-key');
    return { kind: 'given', certFile, keyFile };
  }
  return selfSigned || !isLoopbackHost(host) ? { kind: 'self-signed' } : { kind: 'none' };
}

/** --console-name: a short name of letters, digits, spaces and . _ - (it becomes a label value in every series). */
function consoleNameOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const name = text.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,62}$/u.test(name)) throw new CliError(`--console-name "${text}" must be 1 to 63 letters, digits, spaces, dots, dashes or underscores (e.g. the site: berlin-hq)`);
  return name;
}

/** An --allowed-origin as browsers send it: scheme, host and port only ("https://printdeck.example.com"). */
function originOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`--allowed-origin "${text}" is not an address; write it as https://printdeck.example.com`);
  }
  const bare = text.replace(/\/+$/, '').toLowerCase();
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin.toLowerCase() !== bare) {
    throw new CliError(`--allowed-origin "${text}" must be an origin: http(s), a host and maybe a port, no path (https://printdeck.example.com)`);
  }
  return url.origin;
}
