import { parseCommandArgs } from './command-args';
import { join } from 'node:path';
import type { DeviceReading } from '../../src-shared/domain/device-reading';
import { loadProfiles } from '../core/profiles/profile-loader';
import { createSnmpClient } from '../core/snmp/create-snmp-client';
import { DeviceReader } from '../core/inventory/device-reader';
import { pollRound } from '../core/inventory/fleet-poller';
import type { SnmpSettings } from '../core/inventory/inventory.service';
import type { SnmpTarget } from '../core/snmp/snmp-client';
import { dataDirError, defaultDataDirText, prepareDataDir } from './data-dir';
import { openInventory } from './open-inventory';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { formatReading } from './reading-format';
import { resourcesDir } from './resources-path';
import { SNMP_OPTION_HELP, SNMP_OPTION_SPEC, parseTargets, snmpTemplate } from './snmp-options';

export const POLL_HELP = `printdeck poll <host[:port]>... [options]
printdeck poll --data DIR [options]

Reads each printer once (identity, status, supplies, trays, counters, alerts) and prints
one reading per device. Exit code 0 when every device was read, 1 when any was not.
With --data, readings are saved in DIR/printdeck.db; without targets, every device stored
there is polled (a routine poll: only what changes is read). Without --data nothing is kept:
only what is printed remains. The console (printdeck serve) keeps its store in
${defaultDataDirText()}.

Options:
  --json                     print a JSON array, one object per target (schema: README)
  --data DIR                 keep devices and readings in DIR/printdeck.db
  --concurrency N            devices read at once (default 64)
${SNMP_OPTION_HELP}`;

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `printdeck poll`: parses arguments, reads the targets, prints; returns the exit code. */
export async function pollCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...SNMP_OPTION_SPEC, json: { type: 'boolean' }, data: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(POLL_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0 && values.data === undefined) throw new CliError('poll needs at least one target (host[:port]) or --data DIR');
  const concurrencyText = values.concurrency ?? '64';
  if (!/^\d+$/.test(concurrencyText) || Number(concurrencyText) < 1 || Number(concurrencyText) > 4096) {
    throw new CliError(`--concurrency "${concurrencyText}" must be a whole number from 1 to 4096`);
  }
  const concurrency = Number(concurrencyText);
  const template = snmpTemplate(values);
  const targets = parseTargets(positionals, template);
  const readings = values.data === undefined
    ? await readOnce(targets, positionals, concurrency)
    : await readAndSave(values.data, template, targets, concurrency);
  if (values.json) io.out(JSON.stringify(readings, null, 2));
  else io.out(readings.length === 0 ? 'No devices stored yet: give targets to read.' : readings.map(formatReading).join('\n\n'));
  return readings.every((r) => r.ok) ? EXIT.ok : EXIT.someFailed;
}

async function readOnce(targets: SnmpTarget[], labels: string[], concurrency: number): Promise<DeviceReading[]> {
  const profiles = await loadProfiles(join(resourcesDir(), 'profiles'));
  const snmp = createSnmpClient();
  try {
    const reader = new DeviceReader({ snmp, profiles });
    const results = await pollRound(reader, targets.map((target, i) => ({ target, label: labels[i] })), { concurrency });
    return results.flatMap((r): DeviceReading[] => (r ? [r.reading] : []));
  } finally {
    await snmp.close();
  }
}

async function readAndSave(dir: string, template: SnmpSettings, targets: SnmpTarget[], concurrency: number): Promise<DeviceReading[]> {
  const inventory = await openInventory(prepareDataDir(dir), template).catch((error: unknown) => {
    throw dataDirError(dir, error);
  });
  try {
    const outcomes = targets.length > 0
      ? await inventory.service.readTargets(targets, { concurrency })
      : await inventory.service.pollStored(template, { concurrency });
    return outcomes.map((o) => o.reading);
  } finally {
    await inventory.close();
  }
}
