import { AGENT_HELP, agentCommand } from '../agent/agent-command';
import { ADDRESSBOOK_HELP, addressbookCommand } from './addressbook-command';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { DEMO_HELP, demoCommand } from './demo-command';
import { DISCOVER_HELP, discoverCommand } from './discover-command';
import { DRIVERS_HELP, driversCommand } from './drivers-command';
import { POLL_HELP, pollCommand, type CommandIo } from './poll-command';
import { REBOOT_HELP, rebootCommand } from './reboot-command';
import { SERVE_HELP, serveCommand } from './serve-command';
import { SETTINGS_HELP, settingsCommand } from './settings-command';
import { SIMULATE_HELP, simulateCommand } from './simulate-command';
import { TOKENS_HELP, tokensCommand } from './tokens-command';
import { USERS_HELP, usersCommand } from './users-command';

const HELP = `printdeck — find, watch and configure networked printers

Usage:
  printdeck demo [--count N] [--data DIR]                    a simulated fleet, read live
  printdeck discover <targets>... [methods] [options]        search for printers (SNMP, broadcast, names, SLP, mDNS)
  printdeck poll <host[:port]>... [--json] [SNMP options]   read printers once
  printdeck settings get <host[:port]>... [SNMP options]    read every settings item a printer supports
  printdeck settings set <host[:port]>... [--name N] [--location L] … --write-community C
                                                             write settings, read them back, per item outcomes
  printdeck reboot <host[:port]>... --write-community C      reboot printers and verify they came back
  printdeck serve [--port N] [--data DIR] [--demo]           the console in a browser (headless, sign-in, TLS)
  printdeck simulate --dir <snmprec dir> [--base 127.20.0.1] simulated printers
  printdeck users list|add|passwd|disable|enable [--data DIR]
                                                             the console's users (set-up and recovery)
  printdeck tokens create|list|revoke [--data DIR]           API tokens for scripts
  printdeck addressbook list|import|export|fetch|deliver [--data DIR]
                                                             address books: files in and out, devices
  printdeck drivers list|upload [--data DIR]                 driver sets: upload a folder or zip to a driver store
  printdeck agent enrol|run|install-service|status         the agent on a client PC: installs pushed print queues
  printdeck help [command]

Run "printdeck <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (argv: string[], io: CommandIo) => Promise<ExitCode>; help: string }> = {
  addressbook: { run: addressbookCommand, help: ADDRESSBOOK_HELP },
  agent: { run: agentCommand, help: AGENT_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
  discover: { run: discoverCommand, help: DISCOVER_HELP },
  drivers: { run: driversCommand, help: DRIVERS_HELP },
  poll: { run: pollCommand, help: POLL_HELP },
  reboot: { run: rebootCommand, help: REBOOT_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  settings: { run: settingsCommand, help: SETTINGS_HELP },
  simulate: { run: simulateCommand, help: SIMULATE_HELP },
  tokens: { run: tokensCommand, help: TOKENS_HELP },
  users: { run: (argv, io) => usersCommand(argv, io), help: USERS_HELP },
};

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Entry point of the `printdeck` bin; resolves to the process exit code, never throws. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] ? COMMANDS[rest[0]] : undefined;
    io.out(topic ? topic.help : HELP);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`printdeck: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`printdeck ${name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`printdeck ${name}: ${error.message}\nRun "printdeck ${name} --help" for its options.`);
      return EXIT.usage;
    }
    io.err(`printdeck ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}
