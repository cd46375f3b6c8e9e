import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { text as readAll } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { AgentState } from './agent-state';
import { enrol, runAgent } from './agent-runner';
import { installService } from './agent-service';
import { ConsoleRefused } from './console-link';
import { installerFor, thisOs } from './installers';

export const AGENT_HELP = `printdeck agent — installs the print queues the Printdeck console pushes to this computer

Usage:
  printdeck agent enrol --console https://HOST:PORT (--token - | --token-file FILE | --token TOKEN)
                        [--fingerprint SHA256 | --ca FILE] [--name NAME] [--state DIR]
                        [--cups-server HOST:PORT] [--install-service]
        enrols with a one-time token from the console (Drivers → Client PCs → Enrolment);
        "--token -" reads it from standard input, --token-file from a file (neither leaves it
        in the process list; --token TOKEN does);
        --fingerprint pins the console's certificate (printed by "printdeck serve")
  printdeck agent run [--state DIR] [--poll-wait SECONDS]
        runs the agent in the foreground (what the service runs)
  printdeck agent install-service [--state DIR] [--unit-dir DIR] [--no-start]
        Linux: a systemd unit; macOS: a launchd daemon; Windows: a start-up task as SYSTEM
  printdeck agent status [--state DIR]

State folder (default): ${defaultStateDir()}
Run as root / Administrator: creating print queues needs it.`;

export interface AgentIo {
  out(text: string): void;
  err(text: string): void;
}

/** The printdeck command's exit codes (src-main/cli/cli-error.ts): 0 done, 1 failed (not enrolled, console refused, no permission), 2 bad arguments, 70 internal. */
const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;
export type AgentExitCode = (typeof EXIT)[keyof typeof EXIT];

export function defaultStateDir(): string {
  const os = thisOs();
  if (os === 'windows') return join(process.env.ProgramData ?? 'C:\\ProgramData', 'Printdeck', 'agent');
  if (os === 'macos') return '/Library/Application Support/Printdeck Agent';
  return '/var/lib/printdeck-agent';
}

/** The program that runs this command now (the service runs the same). */
function launchOf(stateDir: string): { node: string; entry: string; stateDir: string } {
  return { node: process.execPath, entry: resolve(process.argv[1] ?? 'printdeck'), stateDir };
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    options: {
      console: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      fingerprint: { type: 'string' },
      ca: { type: 'string' },
      name: { type: 'string' },
      state: { type: 'string' },
      'cups-server': { type: 'string' },
      'install-service': { type: 'boolean', default: false },
      'unit-dir': { type: 'string' },
      'no-start': { type: 'boolean', default: false },
      'poll-wait': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

/**
 * The enrolment token: from a file (--token-file), from standard input (--token -) or the
 * command line (--token TOKEN, seen by every user in the process list while it runs); its first
 * line, trimmed. null when none was given.
 */
export async function enrolmentToken(values: { token?: string; 'token-file'?: string }, stdin: () => Promise<string>): Promise<string | null> {
  if (values.token !== undefined && values['token-file'] !== undefined) throw new UsageError('give the token once: --token or --token-file');
  const raw = values['token-file'] !== undefined ? await readFile(values['token-file'], 'utf8') : values.token === '-' ? await stdin() : (values.token ?? null);
  if (raw === null) return null;
  const token = raw.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
  if (token === '') throw new UsageError(`no enrolment token in ${values['token-file'] ?? 'standard input'}`);
  return token;
}

/** Bad arguments (exit 2). */
export class UsageError extends Error {}

/** `printdeck agent …`; resolves to the exit code. */
export async function agentCommand(argv: readonly string[], io: AgentIo): Promise<AgentExitCode> {
  const [sub, ...rest] = argv;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (error) {
    io.err(`printdeck agent ${sub ?? ''}: ${error instanceof Error ? error.message : String(error)}\nRun "printdeck agent --help" for its options.`);
    return EXIT.usage;
  }
  const { values } = parsed;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h' || values.help) {
    io.out(AGENT_HELP);
    return EXIT.ok;
  }
  const stateDir = resolve(values.state ?? defaultStateDir());
  const state = new AgentState(stateDir);
  const os = thisOs();
  try {
    if (sub === 'enrol') {
      const token = await enrolmentToken(values, () => readAll(process.stdin));
      if (!values.console || token === null) {
        io.err('printdeck agent enrol: --console and --token are required (--token - reads it from standard input, --token-file FILE from a file; the console shows both with a new enrolment token)');
        return EXIT.usage;
      }
      const config = await enrol(
        { consoleUrl: values.console, token, fingerprint: values.fingerprint ?? null, caFile: values.ca ?? null, name: values.name, cupsServer: values['cups-server'] ?? process.env.CUPS_SERVER ?? null },
        state,
        installerFor(os, values['cups-server'] ?? null),
      );
      io.out(`enrolled as client PC "${config.name}" (${config.clientId}) with ${config.consoleUrl}; state in ${stateDir}`);
      if (values['install-service']) for (const line of await installService(os, launchOf(stateDir), { unitDir: values['unit-dir'] ?? null, start: !values['no-start'] })) io.out(line);
      return EXIT.ok;
    }
    if (sub === 'install-service') {
      for (const line of await installService(os, launchOf(stateDir), { unitDir: values['unit-dir'] ?? null, start: !values['no-start'] })) io.out(line);
      return EXIT.ok;
    }
    await state.init();
    const config = await state.config();
    if (config === null) {
      io.err(`printdeck agent ${sub}: not enrolled (no ${join(stateDir, 'config.json')}): run "printdeck agent enrol" first`);
      return EXIT.failed;
    }
    if (sub === 'status') {
      io.out(`client PC "${config.name}" (${config.clientId}) of ${config.consoleUrl}, enrolled ${config.enrolledAt}`);
      io.out(`pinned certificate: ${config.fingerprint ?? 'none (CA checked)'}`);
      io.out(`jobs waiting: ${(await state.pending()).length}; reports not delivered: ${(await state.unsent()).length}; Printdeck queues: ${(await state.queues()).join(', ') || 'none'}`);
      return EXIT.ok;
    }
    if (sub === 'run') {
      const stop = new AbortController();
      const quit = (): void => stop.abort();
      process.once('SIGTERM', quit);
      process.once('SIGINT', quit);
      const pollWait = values['poll-wait'] === undefined ? undefined : Number(values['poll-wait']);
      if (pollWait !== undefined && !(Number.isInteger(pollWait) && pollWait >= 0 && pollWait <= 60)) {
        io.err('printdeck agent run: --poll-wait is a whole number of seconds from 0 to 60');
        return EXIT.usage;
      }
      io.out(`agent of client PC "${config.name}" polling ${config.consoleUrl}`);
      await runAgent({ state, config, installer: installerFor(os, config.cupsServer), log: (line) => io.out(`${new Date().toISOString()} ${line}`), signal: stop.signal, pollWait });
      return EXIT.ok;
    }
    io.err(`printdeck agent: unknown command "${sub}"\n\n${AGENT_HELP}`);
    return EXIT.usage;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`printdeck agent ${sub}: ${message}`);
    if (error instanceof UsageError) return EXIT.usage;
    if ((error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'ENOENT') return EXIT.failed;
    return error instanceof ConsoleRefused ? EXIT.failed : EXIT.internal;
  }
}
