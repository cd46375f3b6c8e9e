import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { parseArgs } from 'node:util';
import { parseCommandArgs } from './command-args';
import {
  discoveryRequestSchema,
  type Credential,
  type DiscoveryMethodInput,
  type DiscoveryProgress,
  type DiscoveryRequest,
  type DiscoveryResult,
} from '../../src-shared/contract/discovery.contract';
import { decodeText, encodingChoiceOf, TEXT_ENCODING_CHOICES, TextEncodingError, type TextEncodingChoice } from '../../src-shared/csv/text-encoding';
import { visibleText } from '../../src-shared/domain/visible-text';
import { AppError } from '../../src-shared/rpc/app-error';
import { createCore } from '../core/create-core';
import { appVersion } from './app-version';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { dataDirError, defaultDataDirText, prepareDataDir } from './data-dir';
import type { CommandIo } from './poll-command';
import { resourcesDir } from './resources-path';
import { SNMP_OPTION_SPEC } from './snmp-options';
import { internalContext } from '../../src-shared/auth/call-context';
import type { ExecutionState } from '../../src-shared/contract/tasks.contract';
import { runOutcomeWord, searchCountsText, searchOutcomeWord, searchRunOutcome, searchTally, tallyText } from '../../src-shared/wording/outcome-words';

export const DISCOVER_HELP = `printdeck discover [<targets>...] [methods] [options]

Searches for printers and saves what it finds. Targets are addresses, ranges and networks:
10.0.0.5  10.0.0.1-10.0.0.40  10.0.0.1-40  10.0.1.0/24  printer.example.com
Several methods can run in one search. Exit code 0 when the search ran to its end with every
method, 1 when a method could not run (the others still ran), 2 for bad arguments (a method's
option included: it is checked before anything is sent).

Methods:
  <targets>...               SNMP to these addresses (and names: resolved first)
  --file CSV                 SNMP to the addresses of a CSV file (bad lines are listed)
  --encoding E               of --file: auto (default: UTF-8, else Shift_JIS), utf-8 or shift_jis
  --name N                   a DNS or NetBIOS name (repeatable)
  --nbns-server A[:port]     NetBIOS name server for names DNS does not know (default: broadcast)
  --broadcast [ADDR]         SNMP broadcast (default 255.255.255.255), e.g. --broadcast 10.1.255.255
  --slp                      SLP service request for printers (239.255.255.253:427)
  --slp-group A[:port]       SLP destination: a multicast group, a directory agent or a broadcast address
  --slp-ttl N                multicast hop count (default 1)
  --slp-scope S              SLP scope (repeatable; default DEFAULT)
  --mdns                     mDNS / DNS-SD browse for _ipp, _ipps, _pdl-datastream and _printer
  --mdns-group A[:port]      mDNS destination (default 224.0.0.251:5353)
  --wait MS                  how long broadcast, SLP and mDNS listen (default 2000)

Options:
  --community C              v1/v2c community; repeat to try several in order (default public)
  --version 1|2c             version of the communities (default 2c)
  --v3-user U [--v3-level L] --v3-auth-protocol P --v3-auth-key K --v3-priv-protocol P
    --v3-priv-key K [--v3-context C]
                             an SNMPv3 credential set, tried after the communities
  --port N                   SNMP port of the devices (default 161)
  --timeout MS               wait per attempt (default 1000)
  --retries N                further attempts for silent addresses (default 1)
  --rate N                   probe packets per second (default 1000, at most 50000)
  --concurrency N            devices read in full at once (default 64)
  --all-devices              keep every SNMP device, not only printers
  --exclude SPEC             addresses never probed (same forms as targets)
  --data DIR                 keep devices and the search history in DIR/printdeck.db
  --json                     print the run and its results as JSON
  --quiet                    no progress lines on stderr

Where results are kept: without --data nowhere — the search runs on a store in memory and
only what it prints remains. The console (printdeck serve) keeps its store in
${defaultDataDirText()}; --data with that folder adds what is found to the console's devices
and search history.`;

const OPTIONS = {
  file: { type: 'string' },
  encoding: { type: 'string' },
  name: { type: 'string', multiple: true },
  'nbns-server': { type: 'string' },
  broadcast: { type: 'boolean' },
  'broadcast-address': { type: 'string' },
  slp: { type: 'boolean' },
  'slp-group': { type: 'string' },
  'slp-ttl': { type: 'string' },
  'slp-scope': { type: 'string', multiple: true },
  mdns: { type: 'boolean' },
  'mdns-group': { type: 'string' },
  wait: { type: 'string' },
  // The SNMP options of every command; a search may try several communities.
  ...SNMP_OPTION_SPEC,
  community: { type: 'string', multiple: true },
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  'all-devices': { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  data: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/** `printdeck discover`: builds a search from the arguments, runs it, prints what it found. */
export async function discoverCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  // "--broadcast 10.1.255.255": parseArgs has no optional values, so an address right after it is its value.
  const args = argv.flatMap((arg, i) => (arg === '--broadcast' && /^[\d.]+$/.test(argv[i + 1] ?? '') ? ['--broadcast', '--broadcast-address'] : [arg]));
  const { values, positionals } = parseCommandArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.help) {
    io.out(DISCOVER_HELP);
    return EXIT.ok;
  }
  const request = buildRequest(values, positionals);
  const databaseFile = values.data === undefined ? ':memory:' : prepareDataDir(values.data);
  const resources = resourcesDir();
  const core = await createCore({ databaseFile, resourcesDir: resources, version: appVersion(resources), log: (line) => io.err(line) }).catch((error: unknown) => {
    throw values.data === undefined ? error : dataDirError(values.data, error);
  });
  try {
    let run;
    try {
      run = core.discovery.begin(request);
    } catch (error) {
      if (error instanceof AppError) {
        const option = optionOf(error.details);
        if (option !== null) throw new CliError(`${option}: ${error.message}`, EXIT.usage);
        throw new CliError(error.message, error.code === 'invalid-argument' && values.file ? EXIT.dataError : EXIT.usage);
      }
      throw error;
    }
    const showProgress = !values.quiet && !values.json;
    let lastLine = 0;
    const stopProgress = core.events.subscribe((name, payload) => {
      if (!showProgress || name !== 'discovery.progress') return;
      const progress = payload as DiscoveryProgress;
      // One line a second is enough for a terminal; the last one always shows.
      if (progress.phase !== 'finished' && Date.now() - lastLine < 1000) return;
      lastLine = Date.now();
      io.err(progressLine(progress));
    });
    const cancel = (): void => run.cancel();
    process.once('SIGINT', cancel);
    try {
      await run.done;
    } finally {
      process.off('SIGINT', cancel);
      stopProgress();
    }
    const { run: summary, results } = await core.discovery.getRun({ runId: run.id }, internalContext('cli'));
    // The console's and the job model's judgement and words (outcome-words.ts): lost printers make it partly failed.
    const outcome = searchRunOutcome(summary.state, summary.counts);
    if (values.json) io.out(JSON.stringify({ run: { ...summary, outcome, tally: searchTally(summary.counts) }, results }, null, 2));
    else io.out(formatResults(outcome, summary.counts, results, summary.error));
    return outcome === 'succeeded' ? EXIT.ok : EXIT.someFailed;
  } finally {
    await core.dispose();
  }
}

/** The request the arguments describe, checked by the contract's schema (the CLI and the UI build the same thing). */
export function buildRequest(values: Values, positionals: string[]): DiscoveryRequest {
  const wait = values.wait === undefined ? undefined : whole(values.wait, 'wait', 100, 60_000);
  const methods: DiscoveryMethodInput[] = [];
  if (positionals.length > 0) methods.push({ kind: 'addresses', spec: positionals.join(',') });
  if (values.encoding !== undefined && values.file === undefined) throw new CliError('--encoding is the encoding of --file: give --file too');
  const encoding = values.encoding === undefined ? 'auto' : encodingChoiceOf(values.encoding);
  if (encoding === null) throw new CliError(`--encoding "${values.encoding ?? ''}" is not one of: ${TEXT_ENCODING_CHOICES.join(', ')}`);
  if (values.file !== undefined) methods.push({ kind: 'addressFile', fileName: basename(values.file), content: readText(values.file, encoding) });
  if (values.name && values.name.length > 0) {
    const server = values['nbns-server'] === undefined ? undefined : hostAndPort(values['nbns-server'], 'nbns-server', 137);
    methods.push({ kind: 'names', names: values.name, nbnsServer: server?.host, nbnsPort: server?.port });
  }
  if (values.broadcast) methods.push({ kind: 'broadcast', address: values['broadcast-address'] ?? '255.255.255.255', waitMs: wait });
  if (values.slp || values['slp-group'] !== undefined) {
    const group = values['slp-group'] === undefined ? undefined : hostAndPort(values['slp-group'], 'slp-group', 427);
    const ttl = values['slp-ttl'] === undefined ? undefined : whole(values['slp-ttl'], 'slp-ttl', 1, 255);
    methods.push({ kind: 'slp', group: group?.host, port: group?.port, ttl, scopes: values['slp-scope'], waitMs: wait });
  }
  if (values.mdns || values['mdns-group'] !== undefined) {
    const group = values['mdns-group'] === undefined ? undefined : hostAndPort(values['mdns-group'], 'mdns-group', 5353);
    methods.push({ kind: 'mdns', group: group?.host, port: group?.port, waitMs: wait });
  }
  if (methods.length === 0) throw new CliError('discover needs targets or a method (--file, --name, --broadcast, --slp, --mdns)');
  const parsed = discoveryRequestSchema.safeParse({
    methods,
    options: {
      credentials: credentials(values),
      port: values.port === undefined ? undefined : whole(values.port, 'port', 1, 65535),
      timeoutMs: values.timeout === undefined ? undefined : whole(values.timeout, 'timeout', 50, 30_000),
      retries: values.retries === undefined ? undefined : whole(values.retries, 'retries', 0, 5),
      ratePerSecond: values.rate === undefined ? undefined : whole(values.rate, 'rate', 1, 50_000),
      concurrency: values.concurrency === undefined ? undefined : whole(values.concurrency, 'concurrency', 1, 1024),
      printersOnly: !values['all-devices'],
      exclusions: (values.exclude ?? []).join(','),
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function credentials(values: Values): Credential[] | undefined {
  const versionText = (values.version ?? '2c').toLowerCase();
  const version = versionText === '1' || versionText === 'v1' ? 'v1' : versionText === '2c' || versionText === 'v2c' ? 'v2c' : null;
  if (!version) throw new CliError(`--version "${values.version}" is not one of: 1, 2c (SNMPv3: --v3-user)`);
  const list: Credential[] = (values.community ?? []).map((community) => ({ version, community }));
  const user = values['v3-user'];
  if (user !== undefined) {
    const authKey = values['v3-auth-key'];
    const privKey = values['v3-priv-key'];
    const level = values['v3-level'] ?? (privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv');
    list.push({
      version: 'v3',
      user,
      level: level as Extract<Credential, { version: 'v3' }>['level'],
      authProtocol: authKey ? ((values['v3-auth-protocol'] ?? 'sha') as Extract<Credential, { version: 'v3' }>['authProtocol']) : undefined,
      authKey,
      privProtocol: privKey ? ((values['v3-priv-protocol'] ?? 'aes') as Extract<Credential, { version: 'v3' }>['privProtocol']) : undefined,
      privKey,
      context: values['v3-context'],
    });
  }
  if (list.length === 0 && values.version !== undefined) list.push({ version, community: 'public' });
  return list.length > 0 ? list : undefined;
}

/** The file as text in `encoding` (auto: a BOM, else UTF-8, else Shift_JIS); bytes that are not text are exit 65 naming the line, never U+FFFD. */
function readText(path: string, encoding: TextEncodingChoice): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`--file "${path}" cannot be read: ${error instanceof Error ? error.message : String(error)}`, EXIT.dataError);
  }
  try {
    return decodeText(bytes, encoding).text;
  } catch (error) {
    if (error instanceof TextEncodingError) throw new CliError(`--file "${path}": ${error.message} (or give --encoding)`, EXIT.dataError);
    throw error;
  }
}

function whole(text: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`--${option} "${text}" must be a whole number from ${min} to ${max}`);
  return Number(text);
}

function hostAndPort(text: string, option: string, defaultPort: number): { host: string; port: number } {
  const match = /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!match?.[1]) throw new CliError(`--${option} "${text}" must be an address, optionally with :port`);
  return { host: match[1], port: match[2] === undefined ? defaultPort : whole(match[2], option, 1, 65535) };
}

function progressLine(p: DiscoveryProgress): string {
  const { probed, total, answered } = p.counts;
  const share = total > 0 ? ` (${Math.floor((probed / total) * 100)} %)` : '';
  const eta = p.etaSeconds === null ? '' : `, about ${p.etaSeconds} s left`;
  return `${p.phase}: ${probed.toLocaleString('en')}/${total.toLocaleString('en')} probed${share}, ${answered} answered, ${p.ratePerSecond.toLocaleString('en')} packets/s${eta}`;
}

/** The command-line option behind a method option the core refused (see MethodProblem), or null. */
function optionOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('kind' in details) || !('field' in details)) return null;
  const { kind, field } = details;
  if (field === 'waitMs') return '--wait';
  if (field === 'credentials') return '--community';
  switch (kind) {
    case 'slp':
      return field === 'ttl' ? '--slp-ttl' : field === 'scopes' ? '--slp-scope' : field === 'group' || field === 'port' ? '--slp-group' : '--slp';
    case 'mdns':
      return field === 'group' || field === 'port' ? '--mdns-group' : '--mdns';
    case 'broadcast':
      return '--broadcast';
    case 'names':
      return field === 'nbnsServer' || field === 'nbnsPort' ? '--nbns-server' : '--name';
    default:
      return null;
  }
}

function formatResults(outcome: ExecutionState, counts: DiscoveryProgress['counts'], results: readonly DiscoveryResult[], error: string | null): string {
  const lines = results.map((r) => {
    const moved = r.previousAddress ? ` (was ${r.previousAddress})` : '';
    const why = r.message && r.outcome !== 'new' && !moved ? ` — ${r.message}` : '';
    // Labels and messages quote devices: their control characters are shown, never sent to the terminal.
    return visibleText(`${searchOutcomeWord('en', r.outcome).toLowerCase().padEnd(12)} ${`${r.address}:${r.port}`.padEnd(22)} ${r.label}${moved}${why}  [${r.methods.join(', ')}]`);
  });
  const summary =
    `Search ${runOutcomeWord('en', outcome).toLowerCase()} — ${tallyText('en', searchTally(counts))}; ` +
    `${counts.probed.toLocaleString('en')} addresses probed, ${counts.answered} answered: ${searchCountsText('en', counts)}.`;
  return [...lines, summary, ...(error ? [`Why: ${error}`] : [])].join('\n');
}
