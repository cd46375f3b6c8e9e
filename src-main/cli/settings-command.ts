import { parseCommandArgs } from './command-args';
import type { SettingId, SettingValue } from '../../src-shared/settings/settings-catalogue';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { DeviceJob, LONGEST_REBOOT_S, readSettingsOf, runBudgetMs, taskName, type ResolvedTarget } from './device-job';
import type { CommandIo } from './poll-command';
import { checkWriteAccess, SETTING_OPTIONS, SETTING_OPTION_SPEC, WRITE_OPTION_HELP, WRITE_OPTION_SPEC, settingValuesOf, writeCredentialOf } from './settings-options';
import { allOk, resultsJson, resultsText, targetResults } from './settings-results';
import { SNMP_OPTION_HELP, SNMP_OPTION_SPEC, parseTargets, snmpTemplate } from './snmp-options';

const ITEM_HELP = SETTING_OPTIONS.map((o) => `  --${`${o.option} ${o.kind === 'switch' ? 'on|off' : o.option === 'name' ? 'N' : 'TEXT'}`.padEnd(25)}${o.help}`).join('\n');

export const SETTINGS_HELP = `printdeck settings get <host[:port]>... [SNMP options] [--json] [--data DIR]
printdeck settings set <host[:port]>... [settings] [--reboot] [write access] [SNMP options] [--json] [--data DIR]

get  reads every settings item each device's model supports and prints it with its value
     (a table per device). Exit code 0 when every device was read, 1 when one was not.
set  writes the settings given, reads each back and prints per device, per item what became
     of it: delivered, already-set, unsupported (the model or the device does not let it be
     written), refused (the device refused the value), not-verified (it reads back
     differently), not-reached. Exit code 0 when every item on every device is delivered or
     already set, 1 when some are not.

Both run as a task of the console's job model: without --data on a store in memory that is
gone afterwards; with --data DIR in DIR/printdeck.db, where the run stays in the task list and
the system log (host "cli"). Targets stored there (by address and port) are used as they are
(with their own read credential, if a search stored one); others are read and added first.
Progress on stderr; Ctrl+C cancels the run (exit 1).

Settings (set):
${ITEM_HELP}
  --reboot                   reboot each device after something was delivered (verified by sysUpTime)

${WRITE_OPTION_HELP}

Options:
  --json                     print a JSON array, one object per target (schema: README)
  --data DIR                 run on the console's data in DIR/printdeck.db
  --quiet                    no progress lines on stderr
${SNMP_OPTION_HELP}

Exit codes: 0 done, 1 some device or item was not, 2 bad arguments (the message names the
option), 65 --data cannot be opened.`;

const OPTIONS = {
  ...SNMP_OPTION_SPEC,
  ...SETTING_OPTION_SPEC,
  ...WRITE_OPTION_SPEC,
  reboot: { type: 'boolean' },
  json: { type: 'boolean' },
  data: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options `settings get` takes: the read options and the output. */
const GET_OPTIONS: readonly string[] = [...Object.keys(SNMP_OPTION_SPEC), 'json', 'data', 'quiet'];

/** `printdeck settings get|set`: parses, runs the task, prints; returns the exit code. */
export async function settingsCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.help) {
    io.out(SETTINGS_HELP);
    return EXIT.ok;
  }
  const [action, ...texts] = positionals;
  if (action !== 'get' && action !== 'set') throw new CliError(action === undefined ? 'settings needs an action: get or set' : `settings: unknown action "${action}" (get, set)`);
  if (action === 'get') {
    const misplaced = Object.keys(values).find((key) => !GET_OPTIONS.includes(key));
    if (misplaced !== undefined) throw new CliError(`--${misplaced} does not go with settings get (it reads; settings set writes)`);
  }
  const template = snmpTemplate(values);
  if (texts.length === 0) throw new CliError(`settings ${action} needs at least one target (host[:port])`);
  const targets = parseTargets(texts, template).map((t, i) => ({ label: texts[i] ?? t.host, host: t.host, port: t.port ?? template.port }));
  const chosen = action === 'set' ? settingValuesOf(values) : {};
  const credential = writeCredentialOf(values, template.version);
  if (action === 'set') checkWriteAccess('settings set', credential, { data: values.data, saveCredentials: values['save-credentials'] });

  const job = await DeviceJob.open({ dataDir: values.data, read: readSettingsOf(template), io });
  try {
    const resolved = await job.resolve(targets);
    const ids = devicesOf(resolved);
    if (credential !== null) await job.useWriteCredential(ids, credential, values['save-credentials'] === true);
    else if (action === 'set') await job.noteMissingCredentials(resolved);
    const quiet = values.quiet === true || values.json === true;
    const labels = targets.map((t) => t.label);
    const execution =
      ids.length === 0
        ? null
        : action === 'get'
          ? await job.run({ type: 'acquireSettings', name: taskName('Read settings', labels), params: {}, deviceIds: ids, quiet, what: 'settings get', limitMs: runBudgetMs(ids.length, template) })
          : await job.run({
              type: 'deliverSettings',
              name: taskName(`Set ${describeValues(chosen)}`, labels),
              params: { values: chosen, reboot: values.reboot === true },
              deviceIds: ids,
              quiet,
              what: 'settings set',
              limitMs: runBudgetMs(ids.length, template, values.reboot === true ? LONGEST_REBOOT_S + 30 : 0),
            });
    const results = targetResults(action, resolved, execution?.devices ?? [], Object.keys(chosen));
    io.out(values.json ? resultsJson(action, results) : resultsText(action, results));
    if (job.wasInterrupted) io.err('Cancelled (Ctrl+C): devices not yet worked on are listed as not reached.');
    return allOk(results) && !job.wasInterrupted ? EXIT.ok : EXIT.someFailed;
  } finally {
    await job.close();
  }
}

/** The device ids of the targets that are devices of the store, once each. */
export function devicesOf(resolved: readonly ResolvedTarget[]): number[] {
  return [...new Set(resolved.flatMap((r) => (r.deviceId === null ? [] : [r.deviceId])))];
}

/** "name, location" for the task name. */
function describeValues(values: Partial<Record<SettingId, SettingValue>>): string {
  return Object.keys(values)
    .map((item) => SETTING_OPTIONS.find((o) => o.item === item)?.option ?? item)
    .join(', ');
}
