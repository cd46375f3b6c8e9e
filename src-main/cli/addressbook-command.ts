import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { internalContext } from '../../src-shared/auth/call-context';
import { bookProblemSchema, destinationOf, ENTRY_KINDS, type BookProblem } from '../../src-shared/plugins/addressbook/address-entry';
import {
  ADDRESSBOOK_PLUGIN_ID,
  addressbookContract,
  BOOK_ENCODINGS,
  BOOK_FILE_FORMATS,
  DELIVERY_MODES,
  IMPORT_MODES,
  MATCH_KEYS,
  type Book,
  type BookEncoding,
  type BookFileFormat,
  type DeliveryMode,
  type ImportMode,
  type ImportPreview,
  type MatchKey,
} from '../../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { AppError } from '../../src-shared/rpc/app-error';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { parseCommandArgs } from './command-args';
import { asCliError, openConsoleData } from './console-data';
import { defaultDataDir, defaultDataDirText } from './data-dir';
import type { CommandIo } from './poll-command';
import { formatTable, utcMinute } from './text-table';
import { countText, report, waitForExecution, type BooksApi, type Session } from './addressbook-execution';
import { checkExportFile, fileErrorText, readImportFile } from './addressbook-files';
import { bookNamed, candidateText, deviceNamed, devicesMatching, findBook, labelOf } from './addressbook-lookup';

export const ADDRESSBOOK_HELP = `printdeck addressbook list [--json] [--data DIR]
printdeck addressbook import <file> --book NAME [--format F] [--encoding E] [--mode add|update|replace]
                      [--match number|name|destination] [--dry-run] [--json] [--data DIR]
printdeck addressbook export --book NAME --format F [--encoding E] [--force] <file> [--data DIR]
printdeck addressbook fetch <device> [--book NAME] [--json] [--data DIR]
printdeck addressbook deliver --book NAME <device or group>... [--mode append|replace] [--json] [--data DIR]

The console's address books (the address book plug-in), on the data folder directly (also
while printdeck serve runs on it), as the built-in administrator; every change is written to
the system log with host "cli".

  list     every book: entries per kind, where it came from, when it last changed
  import   reads a file into the book NAME, which is made when there is none. A file with one
           problem imports nothing: every bad line is printed as <file>:<line>: <message>.
           With --dry-run it says what the import would do (entries read, added, updated,
           removed, every problem) and changes nothing
  export   writes the book as a file; an existing file is kept unless --force
  fetch    reads a device's address book into a book (default: named after the device); a
           book of that name that exists has its entries replaced
  deliver  sends the book to the devices and to the devices of the groups named, and waits:
           progress on stderr, then one line per device with its outcome (delivered N,
           reception restriction on, over the device's limit, authentication failed, not
           reached). Ctrl+C cancels the run (devices not yet worked on are not reached)

A device is given by its id, its name or its address[:port]; a group by its name. Devices are
reached as the console's address book settings say (TLS, ports), signed in with the
administrator login stored in the device credentials.

Options:
  --data DIR     the console's data folder (default: ${defaultDataDirText()})
  --book NAME    the address book, by its name
  --format F     ${BOOK_FILE_FORMATS.join(' | ')} (abk and canon-csv: Canon's; csv: a
                 spreadsheet's, with a header line); import detects it when left out
  --encoding E   ${BOOK_ENCODINGS.join(' | ')};
                 import detects it when left out, export uses the format's own
  --mode M       import: add (default; entries the book has are left alone) | update (they are
                 changed) | replace (the book becomes the file)
                 deliver: append (default; the device keeps entries the book does not have) | replace
  --match K      import: how a file's entry finds the book's: destination (default; mail
                 address, fax number, folder) | number | name
  --dry-run      import: show what would change and change nothing
  --force        export: replace a file that exists
  --json         list, import, fetch, deliver: JSON on stdout

Exit codes: 0 done, 1 a device was not fetched from or delivered to (or Ctrl+C), 2 bad
arguments (the message names it), 65 the data or a file does not allow it (no such book, an
unknown or ambiguous device or group — the candidates are named —, a file that cannot be read
or has problems — nothing imported —, an export file that exists, no console data in the folder).`;

const OPTIONS = {
  data: { type: 'string' },
  book: { type: 'string' },
  format: { type: 'string' },
  encoding: { type: 'string' },
  mode: { type: 'string' },
  match: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACTIONS = ['list', 'import', 'export', 'fetch', 'deliver'] as const;
type Action = (typeof ACTIONS)[number];

const ALLOWED: Record<Action, readonly string[]> = {
  list: ['data', 'json'],
  import: ['data', 'book', 'format', 'encoding', 'mode', 'match', 'dry-run', 'json'],
  export: ['data', 'book', 'format', 'encoding', 'force'],
  fetch: ['data', 'book', 'json'],
  deliver: ['data', 'book', 'mode', 'json'],
};

/** The largest file an import reads (the plug-in's own limit). */
/** Devices the plug-in writes at once, and the longest one device's book may take: the run's budget before it is cancelled. */


/** `printdeck addressbook …`: the address books of the console's data folder; returns the exit code. */
export async function addressbookCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.help) {
    io.out(ADDRESSBOOK_HELP);
    return EXIT.ok;
  }
  const [actionText, ...texts] = positionals;
  if (actionText === undefined) throw new CliError(`addressbook needs an action: ${ACTIONS.join(', ')}`);
  const action = ACTIONS.find((a) => a === actionText);
  if (action === undefined) throw new CliError(`addressbook: unknown action "${actionText}" (${ACTIONS.join(', ')})`);
  const misplaced = Object.keys(values).find((key) => !ALLOWED[action].includes(key));
  if (misplaced !== undefined) throw new CliError(`--${misplaced} does not go with addressbook ${action}`);
  const format = oneOf('--format', values.format, BOOK_FILE_FORMATS);
  const encoding = oneOf('--encoding', values.encoding, BOOK_ENCODINGS);
  const json = values.json === true;
  const needsBook = action === 'import' || action === 'export' || action === 'deliver';
  if (needsBook && values.book === undefined) throw new CliError(`addressbook ${action} needs --book NAME`);
  if (values.book !== undefined && values.book.trim() === '') throw new CliError('--book needs a name');

  // Everything the arguments can say is checked before the data folder is opened.
  let run: (session: Session) => Promise<ExitCode>;
  let create = false;
  switch (action) {
    case 'list':
      if (texts.length > 0) throw new CliError(`addressbook list takes no arguments ("${texts.join(' ')}")`);
      run = (s) => listBooks(s);
      break;
    case 'import': {
      const file = oneText(action, texts, 'the file to import');
      const mode = oneOf('--mode', values.mode, IMPORT_MODES) ?? 'add';
      const matchBy = oneOf('--match', values.match, MATCH_KEYS) ?? 'destination';
      const content = await readImportFile(file);
      const dryRun = values['dry-run'] === true;
      // An import may be the first thing done with a data folder; a dry run changes nothing, not even that.
      create = !dryRun;
      run = (s) => importBook(s, { file, content, bookName: values.book ?? '', format, encoding, mode, matchBy, dryRun });
      break;
    }
    case 'export': {
      const file = oneText(action, texts, 'the file to write');
      if (format === undefined) throw new CliError(`addressbook export needs --format ${BOOK_FILE_FORMATS.join('|')}`);
      checkExportFile(file, values.force === true);
      run = (s) => exportBook(s, { file, bookName: values.book ?? '', format, encoding, force: values.force === true });
      break;
    }
    case 'fetch': {
      const device = oneText(action, texts, 'a device (its id, name or address[:port])');
      run = (s) => fetchBook(s, device, values.book);
      break;
    }
    case 'deliver': {
      if (texts.length === 0) throw new CliError('addressbook deliver needs at least one device (id, name or address[:port]) or group');
      const targets = texts;
      const mode = oneOf('--mode', values.mode, DELIVERY_MODES) ?? 'append';
      run = (s) => deliverBook(s, { bookName: values.book ?? '', targets, mode });
      break;
    }
  }

  const data = await openConsoleData(values.data ?? defaultDataDir(), { create });
  try {
    const context = internalContext('cli', data.core.auth.localAdministrator());
    const { books } = createApiClient(addressbookContract, createInProcessTransport(data.core.router, data.core.events, context), ADDRESSBOOK_PLUGIN_ID);
    return await run({ data, api: data.api, books, io, json });
  } catch (error) {
    throw asCliError(error);
  } finally {
    await data.close();
  }
}

async function listBooks(s: Session): Promise<ExitCode> {
  const { books } = await s.books.list({});
  if (s.json) {
    s.io.out(JSON.stringify(books, null, 2));
    return EXIT.ok;
  }
  if (books.length === 0) {
    s.io.out('No address books yet (printdeck addressbook import <file> --book NAME makes one).');
    return EXIT.ok;
  }
  const rows = books.map((b) => [b.name, String(b.entries), ...ENTRY_KINDS.map((kind) => String(b.byKind[kind] ?? 0)), sourceText(b), `${utcMinute(b.updatedAt)}${b.updatedBy === null ? '' : ` by ${b.updatedBy}`}`]);
  s.io.out(formatTable(['NAME', 'ENTRIES', ...ENTRY_KINDS.map((k) => k.toUpperCase()), 'SOURCE', 'UPDATED'], rows));
  return EXIT.ok;
}

interface ImportRequest {
  /** As typed: problems are printed as "<file>:<line>: <message>". */
  file: string;
  content: Buffer;
  bookName: string;
  format: BookFileFormat | undefined;
  encoding: BookEncoding | undefined;
  mode: ImportMode;
  matchBy: MatchKey;
  dryRun: boolean;
}

async function importBook(s: Session, request: ImportRequest): Promise<ExitCode> {
  const existing = await findBook(s.books, request.bookName);
  const target = existing ? { bookId: existing.id } : { newBookName: request.bookName.trim() };
  const source = { kind: 'file' as const, fileName: basename(request.file), content: request.content.toString('base64'), format: request.format, encoding: request.encoding };
  const { mode, matchBy } = request;
  if (request.dryRun) {
    const found = await s.books.previewImport({ source, target, mode, matchBy });
    // Text in plain ASCII reads the same in every encoding but UTF-16: nothing was guessed.
    const preview = { ...found, encodingCertain: found.encodingCertain || isPlainAscii(request.content) };
    if (s.json) s.io.out(JSON.stringify({ dryRun: true, book: { name: existing?.name ?? request.bookName.trim(), id: existing?.id ?? null }, mode, matchBy, ...preview }, null, 2));
    else s.io.out(previewText(request, existing, preview));
    if (!preview.encodingCertain) s.io.err(`${request.file}: read as ${preview.encoding}, which was assumed; give --encoding if names look wrong.`);
    if (preview.problems.length > 0) throw problemsFound(s.io, request.file, preview.problems, 'nothing would be imported');
    return EXIT.ok;
  }
  let result: Awaited<ReturnType<BooksApi['import']>>;
  try {
    result = await s.books.import({ source, target, mode, matchBy });
  } catch (error) {
    const problems = problemsOf(error);
    if (problems === null) throw error;
    throw problemsFound(s.io, request.file, problems, existing ? `nothing imported, "${existing.name}" is unchanged` : 'nothing imported, no book made');
  }
  if (s.json) {
    s.io.out(JSON.stringify(result, null, 2));
    return EXIT.ok;
  }
  const { book } = result;
  s.io.out(
    `${request.file} → "${book.name}"${existing ? '' : ' (new book)'}: ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged; the book holds ${countText(book.entries, 'entry', 'entries')}${kindsText(book.byKind)}.`,
  );
  return EXIT.ok;
}

function previewText(request: ImportRequest, existing: Book | null, preview: ImportPreview): string {
  const into = existing ? `"${existing.name}" (${countText(existing.entries, 'entry', 'entries')})` : `"${request.bookName.trim()}" (a new book)`;
  const lines = [
    `${request.file}: ${preview.format}, ${preview.encoding}${preview.encodingCertain ? '' : ' (assumed)'}; ${countText(preview.read, 'entry', 'entries')} read${kindsText(preview.byKind)}${preview.bookName === null ? '' : `; the file names its book "${preview.bookName}"`}`,
  ];
  if (preview.problems.length === 0) {
    lines.push(`Into ${into}, --mode ${request.mode}${request.mode === 'replace' ? '' : ` --match ${request.matchBy}`}: would add ${preview.added}, update ${preview.updated}, remove ${preview.removed}, leave ${preview.unchanged} unchanged.`);
  } else {
    lines.push(`${countText(preview.problems.length, 'problem', 'problems')} (on stderr): importing it into ${into} would import nothing.`);
  }
  if (preview.first.length > 0) {
    lines.push('', `First entries read${preview.read > preview.first.length ? ` (${preview.first.length} of ${preview.read})` : ''}:`);
    const rows = preview.first.map((e) => [String(e.number), e.kind, e.name, destinationOf(e)]);
    lines.push(...formatTable(['NUMBER', 'KIND', 'NAME', 'DESTINATION'], rows).split('\n').map((line) => `  ${line}`));
  }
  lines.push('', 'Dry run: nothing was changed.');
  return lines.join('\n');
}

/** Prints every problem as "<file>:<line>: <message>" on stderr and returns the exit-65 error that sums them up. */
function problemsFound(io: CommandIo, file: string, problems: readonly BookProblem[], outcome: string): CliError {
  for (const p of problems) io.err(p.line > 0 ? `${file}:${p.line}: ${p.message}` : `${file}: ${p.message}`);
  return new CliError(`${file}: ${countText(problems.length, 'problem', 'problems')}, ${outcome}`, EXIT.dataError);
}

const problemsDetails = z.object({ problems: z.array(bookProblemSchema) });

/** The problems of an import the plug-in refused for what is in the file, or null for every other failure. */
function problemsOf(error: unknown): BookProblem[] | null {
  if (!(error instanceof AppError) || error.code !== 'invalid-argument') return null;
  const details = problemsDetails.safeParse(error.details);
  return details.success ? details.data.problems : null;
}

async function exportBook(s: Session, request: { file: string; bookName: string; format: BookFileFormat; encoding: BookEncoding | undefined; force: boolean }): Promise<ExitCode> {
  const book = await bookNamed(s.books, request.bookName);
  let exported: Awaited<ReturnType<BooksApi['export']>>;
  try {
    exported = await s.books.export({ bookId: book.id, format: request.format, encoding: request.encoding });
  } catch (error) {
    // Entries the format or encoding cannot hold are the book's data, not a mistyped argument.
    if (error instanceof AppError && error.code === 'invalid-argument' && isRecord(error.details) && 'entries' in error.details) throw new CliError(error.message, EXIT.dataError);
    throw error;
  }
  const bytes = Buffer.from(exported.content, 'base64');
  await writeFile(request.file, bytes, { flag: request.force ? 'w' : 'wx' }).catch((error: unknown) => {
    throw new CliError(`${request.file}: ${fileErrorText(error, 'cannot be written')}`, EXIT.dataError);
  });
  s.io.out(`"${book.name}" (${countText(book.entries, 'entry', 'entries')}) written to ${request.file} as ${request.format}${request.encoding === undefined ? '' : `, ${request.encoding}`} (${bytes.length} bytes).`);
  return EXIT.ok;
}

async function fetchBook(s: Session, deviceText: string, bookName: string | undefined): Promise<ExitCode> {
  const { devices } = await s.api.devices.list({});
  const device = deviceNamed(devices, deviceText);
  const label = labelOf(device);
  const name = (bookName ?? label).trim();
  const existing = await findBook(s.books, name);
  if (existing) s.io.err(`"${existing.name}" exists: its ${countText(existing.entries, 'entry', 'entries')} are replaced by the device's.`);
  const started = await s.books.fetch({ deviceId: device.id, target: existing ? { bookId: existing.id } : { newBookName: name } });
  const run = await waitForExecution(s, started.executionId, { what: `fetch from ${label}`, devices: 1 });
  return report(s, run, [{ id: device.id, label }], { book: name, what: 'fetched' });
}

async function deliverBook(s: Session, request: { bookName: string; targets: readonly string[]; mode: DeliveryMode }): Promise<ExitCode> {
  const book = await bookNamed(s.books, request.bookName);
  const [{ devices }, { groups }] = await Promise.all([s.api.devices.list({}), s.api.groups.list({})]);
  const deviceIds = new Set<number>();
  const groupIds = new Set<number>();
  const reached = new Set<number>();
  for (const text of request.targets) {
    const wanted = text.trim().toLowerCase();
    const group = groups.find((g) => g.name === text.trim()) ?? groups.find((g) => g.name.toLowerCase() === wanted);
    const matches = devicesMatching(devices, text);
    if (group && matches.length > 0) {
      throw new CliError(`"${text}" is both the group "${group.name}" and ${matches.map(candidateText).join(', ')}: give the device's id or address:port, or rename one of them`, EXIT.dataError);
    }
    if (group) {
      groupIds.add(group.id);
      for (const id of group.deviceIds) reached.add(id);
      continue;
    }
    const device = deviceNamed(devices, text, groups.map((g) => g.name));
    deviceIds.add(device.id);
    reached.add(device.id);
  }
  if (reached.size === 0) throw new CliError(`${request.targets.length === 1 ? 'the group named holds' : 'the groups named hold'} no devices: nothing to deliver to`, EXIT.dataError);
  const started = await s.books.deliver({ bookId: book.id, targets: { deviceIds: [...deviceIds], groupIds: [...groupIds] }, mode: request.mode });
  const run = await waitForExecution(s, started.executionId, { what: `deliver "${book.name}" (${request.mode})`, devices: reached.size });
  const byId = new Map(devices.map((d) => [d.id, d]));
  const expected = [...reached].map((id) => {
    const device = byId.get(id);
    return { id, label: device ? labelOf(device) : `device ${id}` };
  });
  return report(s, run, expected, { book: book.name, what: 'delivered' });
}

function sourceText(book: Book): string {
  switch (book.source.kind) {
    case 'manual':
      return 'made in the console';
    case 'file':
      return `file ${book.source.label}`;
    case 'directory':
      return `directory ${book.source.label}`;
    case 'device':
      return `device ${book.source.label}`;
    default:
      return assertNever(book.source.kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

/** The option's value if it is one of `allowed`, undefined when not given; exit 2 otherwise. */
function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value.trim().toLowerCase());
  if (found === undefined) throw new CliError(`${option} "${value}" is not one of: ${allowed.join(', ')}`);
  return found;
}

/** The one positional argument after the action; exit 2 when there is none or more. */
function oneText(action: Action, texts: readonly string[], what: string): string {
  const [text, ...extra] = texts;
  if (text === undefined) throw new CliError(`addressbook ${action} needs ${what}`);
  if (extra.length > 0) throw new CliError(`addressbook ${action} takes one argument, ${what}; "${extra.join(' ')}" is extra`);
  return text;
}

/** " (2 email, 1 fax)" for the kinds present; empty when none. */
function kindsText(byKind: Partial<Record<(typeof ENTRY_KINDS)[number], number>>): string {
  const parts = ENTRY_KINDS.flatMap((kind) => ((byKind[kind] ?? 0) > 0 ? [`${byKind[kind] ?? 0} ${kind}`] : []));
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function isPlainAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte > 0 && byte < 0x80);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
