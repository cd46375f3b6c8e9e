import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { DeviceReading } from '../../src-shared/domain/device-reading';
import { loadProfiles } from '../core/profiles/profile-loader';
import { createNetSnmpClient } from '../core/snmp/net-snmp-client';
import { DeviceReader } from '../core/inventory/device-reader';
import { pollRound } from '../core/inventory/fleet-poller';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { formatReading } from './reading-format';
import { resourcesDir } from './resources-path';
import { SNMP_OPTION_HELP, SNMP_OPTION_SPEC, parseTargets, snmpTemplate } from './snmp-options';

export const POLL_HELP = `printdeck poll <host[:port]>... [options]

Reads each printer once (identity, status, supplies, trays, counters, alerts) and prints
one reading per device. Exit code 0 when every device was read, 1 when any was not.

Options:
  --json                     print a JSON array, one object per target (schema: README)
  --concurrency N            devices read at once (default 64)
${SNMP_OPTION_HELP}`;

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `printdeck poll`: parses arguments, reads the targets, prints; returns the exit code. */
export async function pollCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...SNMP_OPTION_SPEC, json: { type: 'boolean' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(POLL_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliError('poll needs at least one target (host[:port])');
  const concurrencyText = values.concurrency ?? '64';
  if (!/^\d+$/.test(concurrencyText) || Number(concurrencyText) < 1 || Number(concurrencyText) > 4096) {
    throw new CliError(`--concurrency "${concurrencyText}" must be a whole number from 1 to 4096`);
  }
  const targets = parseTargets(positionals, snmpTemplate(values));
  const profiles = await loadProfiles(join(resourcesDir(), 'profiles'));
  const snmp = createNetSnmpClient();
  try {
    const reader = new DeviceReader({ snmp, profiles });
    const jobs = targets.map((target, i) => ({ target, label: positionals[i] }));
    const results = await pollRound(reader, jobs, { concurrency: Number(concurrencyText) });
    const readings = results.flatMap((r): DeviceReading[] => (r ? [r.reading] : []));
    if (values.json) io.out(JSON.stringify(readings, null, 2));
    else io.out(readings.map(formatReading).join('\n\n'));
    return readings.every((r) => r.ok) ? EXIT.ok : EXIT.someFailed;
  } finally {
    await snmp.close();
  }
}
