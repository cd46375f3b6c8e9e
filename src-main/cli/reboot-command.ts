import { parseCommandArgs } from './command-args';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { DeviceJob, LONGEST_REBOOT_S, readSettingsOf, runBudgetMs, taskName } from './device-job';
import type { CommandIo } from './poll-command';
import { devicesOf } from './settings-command';
import { checkWriteAccess, WRITE_OPTION_HELP, WRITE_OPTION_SPEC, writeCredentialOf } from './settings-options';
import { allOk, resultsJson, resultsText, targetResults } from './settings-results';
import { SNMP_OPTION_HELP, SNMP_OPTION_SPEC, parseTargets, snmpTemplate } from './snmp-options';

/** How long a device may take to answer again when neither --within nor its profile says (the core's default). */
const DEFAULT_WITHIN_S = 180;

export const REBOOT_HELP = `printdeck reboot <host[:port]>... [write access] [--within S] [SNMP options] [--json] [--data DIR]

Restarts each printer through the Printer-MIB's prtGeneralReset (resetToNVRAM unless its
device profile says otherwise) and proves it: the device must answer again, with a lower
sysUpTime, within the limit. Exit code 0 when every device was rebooted and answers again,
1 when one was not (its line says why: no prtGeneralReset, the write was refused, it did not
come back in time), 2 bad arguments.

It runs as a task of the console's job model, like printdeck settings: without --data on a
store in memory, with --data DIR as a task kept in DIR/printdeck.db. Ctrl+C cancels (exit 1).

Options:
  --within S                 seconds a device may take to answer again (5–1800; default: its
                             profile's, else ${DEFAULT_WITHIN_S})
  --json                     print a JSON array, one object per target (schema: README)
  --data DIR                 run on the console's data in DIR/printdeck.db
  --quiet                    no progress lines on stderr

${WRITE_OPTION_HELP}

${SNMP_OPTION_HELP}`;

const OPTIONS = {
  ...SNMP_OPTION_SPEC,
  ...WRITE_OPTION_SPEC,
  within: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `printdeck reboot`: parses, runs a reboot task, prints; returns the exit code. */
export async function rebootCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.help) {
    io.out(REBOOT_HELP);
    return EXIT.ok;
  }
  const template = snmpTemplate(values);
  if (positionals.length === 0) throw new CliError('reboot needs at least one target (host[:port])');
  const targets = parseTargets(positionals, template).map((t, i) => ({ label: positionals[i] ?? t.host, host: t.host, port: t.port ?? template.port }));
  const withinText = values.within;
  if (withinText !== undefined && (!/^\d+$/.test(withinText) || Number(withinText) < 5 || Number(withinText) > 1800)) {
    throw new CliError(`--within "${withinText}" must be a whole number of seconds from 5 to 1800`);
  }
  const within = withinText === undefined ? undefined : Number(withinText);
  const credential = writeCredentialOf(values, template.version);
  checkWriteAccess('reboot', credential, { data: values.data, saveCredentials: values['save-credentials'] });

  const job = await DeviceJob.open({ dataDir: values.data, read: readSettingsOf(template), io });
  try {
    const resolved = await job.resolve(targets);
    const ids = devicesOf(resolved);
    if (credential !== null) await job.useWriteCredential(ids, credential, values['save-credentials'] === true);
    else await job.noteMissingCredentials(resolved);
    const execution =
      ids.length === 0
        ? null
        : await job.run({
            type: 'reboot',
            name: taskName('Reboot', targets.map((t) => t.label)),
            params: within === undefined ? {} : { withinSeconds: within },
            deviceIds: ids,
            quiet: values.quiet === true || values.json === true,
            what: 'reboot',
            limitMs: runBudgetMs(ids.length, template, (within ?? LONGEST_REBOOT_S) + 30),
          });
    const results = targetResults('reboot', resolved, execution?.devices ?? []);
    io.out(values.json ? resultsJson('reboot', results) : resultsText('reboot', results));
    if (job.wasInterrupted) io.err('Cancelled (Ctrl+C).');
    return allOk(results) && !job.wasInterrupted ? EXIT.ok : EXIT.someFailed;
  } finally {
    await job.close();
  }
}
