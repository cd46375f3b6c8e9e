import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { ADDRESSBOOK_PLUGIN_ID, addressbookContract, type Book, type EntryView } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import type { ContractApi } from '../../../src-shared/rpc/contract-builder';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { main } from '../../../src-main/cli/main';
import type { CommandIo } from '../../../src-main/cli/poll-command';
import { createCore } from '../../../src-main/core/create-core';
import { startSimulator, type SimAddressBookHandle, type Simulator } from '../../../src-main/simulator/simulator';
import { aDemoPrinter } from '../settings/settings-rig';

/**
 * `printdeck addressbook …` run in this process (the command function with a fake io) on temp
 * data folders: import (LDIF, CSV with bad lines, --dry-run), export and import back, list,
 * argument errors; then deliver and fetch against simulated Ricohs serving udirectory over
 * HTTP on 127.137.0.x (nothing leaves loopback).
 */

interface Run {
  code: number;
  out: string;
  err: string;
}

async function printdeck(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => void (out += `${text}\n`), err: (text) => void (err += `${text}\n`) };
  const code = await main(['addressbook', ...args], io);
  return { code, out, err };
}

const shown = (run: Run): string => `exit ${run.code}\n--- stdout\n${run.out}--- stderr\n${run.err}`;

/** A port nothing listens on at that address now. */
async function freePort(address: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, address, () => {
      const bound = server.address();
      server.close(() => (typeof bound === 'object' && bound ? resolvePort(bound.port) : reject(new Error('no port'))));
    });
  });
}

type BooksApi = ContractApi<typeof addressbookContract>['books'];

/** Opens the data folder in this process for a look at (or a set-up of) what the CLI works on; closed after `use`. */
async function withData<T>(dataDir: string, use: (books: BooksApi, api: AppApi) => Promise<T>): Promise<T> {
  const core = await createCore({ databaseFile: join(dataDir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
  try {
    const transport = createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator()));
    return await use(createApiClient(addressbookContract, transport, ADDRESSBOOK_PLUGIN_ID).books, createApiClient(appContract, transport));
  } finally {
    await core.dispose();
  }
}

async function bookAndEntries(dataDir: string, name: string): Promise<{ book: Book | undefined; entries: EntryView[] }> {
  return withData(dataDir, async (books) => {
    const book = (await books.list({})).books.find((b) => b.name === name);
    return { book, entries: book ? (await books.entries({ bookId: book.id })).entries : [] };
  });
}

/** Entries without their row ids, for comparing two books. */
const withoutIds = (entries: readonly EntryView[]): unknown[] => entries.map(({ id: _id, ...rest }) => rest);

const PEOPLE_LDIF = [
  'version: 1',
  '',
  'dn: cn=Ann Archer,ou=people,dc=example,dc=com',
  'objectClass: inetOrgPerson',
  'cn: Ann Archer',
  'mail: ann@example.com',
  '',
  'dn: cn=Bo Baker,ou=people,dc=example,dc=com',
  'objectClass: inetOrgPerson',
  'cn: Bo Baker',
  'facsimileTelephoneNumber: +81 3 1234 5678',
  '',
  // 山田 太郎 in base64, as LDIF carries text beyond ASCII.
  `dn:: ${Buffer.from('cn=山田 太郎,ou=people,dc=example,dc=com').toString('base64')}`,
  'objectClass: inetOrgPerson',
  `cn:: ${Buffer.from('山田 太郎').toString('base64')}`,
  'mail: yamada@example.jp',
  '',
].join('\n');

/** Six bad rows among good ones (more than the plug-in's message shows): lines 3, 4, 6, 7, 9 and 10. */
const BAD_CSV = [
  'name,address,fax',
  'Cleo Cole,cleo@example.com,',
  'Dan Dee,not-a-mail-address,',
  'Eve East,eve@,',
  'Fay Fox,fay@example.com,',
  'Gus Gray,,12ab34',
  'Hal Hill,hal at example.com,',
  'Ida Ives,ida@example.com,',
  'Jo Jay,jo@@example.com,',
  'Kim Kay,,fax please',
  '',
].join('\n');
const BAD_LINES = [3, 4, 6, 7, 9, 10];

const GOOD_CSV = 'name,address\nLee Lane,lee@example.com\nMo Moss,mo@example.com\n';

describe('printdeck addressbook: import, export, list on a data folder', () => {
  let dataDir: string;
  let files: string;
  const cli = (args: string[]): Promise<Run> => printdeck([...args, '--data', dataDir]);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'printdeck-cli-abk-'));
    files = join(dataDir, 'files');
    await mkdir(files);
    await writeFile(join(files, 'people.ldif'), PEOPLE_LDIF);
    await writeFile(join(files, 'bad.csv'), BAD_CSV);
    await writeFile(join(files, 'good.csv'), GOOD_CSV);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a small LDIF into a new book (the first thing done with the folder) and says what it did', async () => {
    const file = join(files, 'people.ldif');
    const run = await cli(['import', file, '--book', 'Office']);
    expect(run.code, shown(run)).toBe(0);
    expect(run.out).toBe(`${file} → "Office" (new book): 3 added, 0 updated, 0 removed, 0 unchanged; the book holds 3 entries (2 email, 1 fax).\n`);
    const { book, entries } = await bookAndEntries(dataDir, 'Office');
    expect(book).toMatchObject({ entries: 3, byKind: { email: 2, fax: 1 }, source: { kind: 'file', label: 'people.ldif' }, updatedBy: 'admin' });
    expect(entries.map((e) => [e.number, e.kind, e.name])).toEqual([
      [1, 'email', 'Ann Archer'],
      [2, 'fax', 'Bo Baker'],
      [3, 'email', '山田 太郎'],
    ]);
  });

  it('a CSV with bad lines: every bad line as <file>:<line>: <message>, exit 65, the book unchanged', async () => {
    const file = join(files, 'bad.csv');
    const before = await bookAndEntries(dataDir, 'Office');
    const run = await cli(['import', file, '--book', 'Office', '--mode', 'replace']);
    expect({ code: run.code, out: run.out }, shown(run)).toEqual({ code: 65, out: '' });
    const problemLines = run.err.split('\n').filter((line) => line.startsWith(`${file}:`));
    expect(problemLines.map((line) => Number(line.slice(file.length + 1).split(':')[0])), run.err).toEqual(BAD_LINES);
    expect(problemLines[0]).toMatch(/:3: address: not a mail address \("not-a-mail-address"\)$/);
    expect(problemLines[3]).toMatch(/:7: address: not a mail address/);
    expect(run.err).toMatch(/^printdeck addressbook: .*bad\.csv: 6 problems, nothing imported, "Office" is unchanged$/m);
    expect(await bookAndEntries(dataDir, 'Office')).toEqual(before);
  });

  it('a CSV with bad lines into a new book makes no book', async () => {
    const run = await cli(['import', join(files, 'bad.csv'), '--book', 'Never made']);
    expect(run.code, shown(run)).toBe(65);
    expect(run.err).toMatch(/6 problems, nothing imported, no book made/);
    expect((await bookAndEntries(dataDir, 'Never made')).book).toBeUndefined();
  });

  it('--dry-run prints what the import would do and changes nothing (--json too); with problems it exits 65', async () => {
    const before = await bookAndEntries(dataDir, 'Office');
    const file = join(files, 'good.csv');
    const text = await cli(['import', file, '--book', 'Office', '--mode', 'replace', '--dry-run']);
    expect(text.code, shown(text)).toBe(0);
    expect(text.out).toContain(`${file}: csv, utf-8; 2 entries read (2 email)`);
    expect(text.out).toContain('Into "Office" (3 entries), --mode replace: would add 2, update 0, remove 3, leave 0 unchanged.');
    expect(text.out).toMatch(/^ {2}1 +email +Lee Lane +lee@example\.com$/m);
    expect(text.out).toMatch(/Dry run: nothing was changed\.\n$/);
    expect(text.err, 'plain ASCII needs no word on its encoding').toBe('');

    const json = await cli(['import', file, '--book', 'Office', '--mode', 'update', '--match', 'name', '--dry-run', '--json']);
    expect(json.code, shown(json)).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ dryRun: true, book: { name: 'Office', id: before.book?.id }, mode: 'update', matchBy: 'name', read: 2, added: 2, updated: 0, removed: 0, problems: [] });

    const newBook = await cli(['import', file, '--book', 'Not yet', '--dry-run']);
    expect(newBook.out).toContain('Into "Not yet" (a new book), --mode add --match destination: would add 2');

    const bad = await cli(['import', join(files, 'bad.csv'), '--book', 'Office', '--dry-run']);
    expect(bad.code, shown(bad)).toBe(65);
    expect(bad.out).toContain('6 problems (on stderr): importing it into "Office" (3 entries) would import nothing.');
    expect(bad.err.split('\n').filter((line) => /bad\.csv:\d+: /.test(line)).length, bad.err).toBe(6);
    expect(bad.err).toMatch(/bad\.csv: 6 problems, nothing would be imported$/m);

    expect(await bookAndEntries(dataDir, 'Office')).toEqual(before);
    expect((await bookAndEntries(dataDir, 'Not yet')).book).toBeUndefined();
  });

  it('--mode update --match destination changes the entries the book has and adds the rest', async () => {
    const file = join(files, 'update.csv');
    await writeFile(file, 'name,address\nAnn A. Archer,ann@example.com\nNed North,ned@example.com\n');
    const run = await cli(['import', file, '--book', 'office', '--mode', 'update']);
    expect(run.code, shown(run)).toBe(0);
    expect(run.out).toMatch(/→ "Office": 1 added, 1 updated, 0 removed, 0 unchanged; the book holds 4 entries \(3 email, 1 fax\)\.$/m);
    const { entries } = await bookAndEntries(dataDir, 'Office');
    expect(entries.find((e) => e.number === 1)).toMatchObject({ name: 'Ann A. Archer', address: 'ann@example.com' });
  });

  it.each(['csv', 'ldif', 'abk', 'canon-csv'] as const)('export --format %s, then import of that file gives the same book', async (format) => {
    const file = join(files, `office.${format}`);
    const run = await cli(['export', '--book', 'Office', '--format', format, file]);
    expect(run.code, shown(run)).toBe(0);
    expect(run.out).toMatch(new RegExp(`^"Office" \\(4 entries\\) written to .*office\\.${format} as ${format} \\(\\d+ bytes\\)\\.\n$`));
    const back = await cli(['import', file, '--book', `Office from ${format}`, '--format', format]);
    expect(back.code, shown(back)).toBe(0);
    const [original, copy] = [await bookAndEntries(dataDir, 'Office'), await bookAndEntries(dataDir, `Office from ${format}`)];
    expect(withoutIds(copy.entries)).toEqual(withoutIds(original.entries));
  });

  it('export keeps a file that exists unless --force', async () => {
    const file = join(files, 'kept.csv');
    await writeFile(file, 'precious');
    const refused = await cli(['export', '--book', 'Office', '--format', 'csv', file]);
    expect({ code: refused.code, out: refused.out }, shown(refused)).toEqual({ code: 65, out: '' });
    expect(refused.err).toMatch(/kept\.csv exists; --force replaces it/);
    expect(await readFile(file, 'utf8')).toBe('precious');
    const forced = await cli(['export', '--book', 'Office', '--format', 'csv', '--force', file]);
    expect(forced.code, shown(forced)).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('ann@example.com');
  });

  it('list shows every book with its counts per kind and source; --json gives the books', async () => {
    const text = await cli(['list']);
    expect(text.code, shown(text)).toBe(0);
    expect(text.out).toMatch(/^NAME +ENTRIES +EMAIL +FAX +IFAX +FOLDER +GROUP +SOURCE +UPDATED$/m);
    expect(text.out).toMatch(/^Office +4 +3 +1 +0 +0 +0 +file update\.csv +\d{4}-\d\d-\d\d \d\d:\d\d UTC by admin$/m);
    const json = await cli(['list', '--json']);
    expect(json.code, shown(json)).toBe(0);
    const books = JSON.parse(json.out) as Book[];
    expect(books.map((b) => b.name)).toEqual(['Office', 'Office from abk', 'Office from canon-csv', 'Office from csv', 'Office from ldif']);
    expect(books[0]).toMatchObject({ name: 'Office', entries: 4, byKind: { email: 3, fax: 1, ifax: 0, folder: 0, group: 0 }, source: { kind: 'file', label: 'update.csv' } });
  });

  it('a file that cannot be read, or an unknown book, is exit 65 with a sentence', async () => {
    for (const [args, message] of [
      [['import', join(files, 'missing.csv'), '--book', 'Office'], /missing\.csv: no such file$/m],
      [['import', files, '--book', 'Office'], /files: this is a folder, not a file to import$/m],
      [['export', '--book', 'No such book', '--format', 'csv', join(files, 'x.csv')], /no address book "No such book" \(printdeck addressbook list shows them\)$/m],
      [['export', '--book', 'Office', '--format', 'csv', join(files, 'no-folder', 'x.csv')], /no such folder/],
      [['deliver', '--book', 'Office', 'nowhere'], /no device "nowhere"/],
    ] as const) {
      const run = await cli([...args]);
      expect({ code: run.code, out: run.out }, shown(run)).toEqual({ code: 65, out: '' });
      expect(run.err).toMatch(message);
      expect(run.err).not.toMatch(/internal error|^\s+at /m);
    }
    expect(existsSync(join(files, 'x.csv'))).toBe(false);
  });

  it('a dry run on a folder without console data does not make any (exit 65)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'printdeck-cli-abk-empty-'));
    try {
      const run = await printdeck(['import', join(files, 'good.csv'), '--book', 'X', '--dry-run', '--data', empty]);
      expect(run.code, shown(run)).toBe(65);
      expect(run.err).toMatch(/no console data there/);
      expect(existsSync(join(empty, 'printdeck.db'))).toBe(false);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('printdeck addressbook: bad arguments are exit 2, naming the argument, nothing on stdout', () => {
  it.each([
    ['no action', [], /addressbook needs an action: list, import, export, fetch, deliver/],
    ['an unknown action', ['sync'], /unknown action "sync"/],
    ['an unknown option', ['list', '--colour'], /unknown option "--colour"/],
    ['an option of another action', ['list', '--book', 'Office'], /--book does not go with addressbook list/],
    ['list with an argument', ['list', 'Office'], /addressbook list takes no arguments \("Office"\)/],
    ['import without a file', ['import', '--book', 'Office'], /addressbook import needs the file to import/],
    ['import without --book', ['import', 'people.ldif'], /addressbook import needs --book NAME/],
    ['import of two files', ['import', 'a.csv', 'b.csv', '--book', 'Office'], /takes one argument, the file to import; "b\.csv" is extra/],
    ['an unknown format', ['import', 'a.vcf', '--book', 'Office', '--format', 'vcard'], /--format "vcard" is not one of: ldif, abk, canon-csv, csv/],
    ['an unknown encoding', ['import', 'a.csv', '--book', 'Office', '--encoding', 'latin1'], /--encoding "latin1" is not one of: utf-8, utf-16le, utf-16be, shift_jis, windows-1252/],
    ['a delivery mode to import', ['import', 'a.csv', '--book', 'Office', '--mode', 'append'], /--mode "append" is not one of: add, update, replace/],
    ['an unknown match key', ['import', 'a.csv', '--book', 'Office', '--match', 'mail'], /--match "mail" is not one of: number, name, destination/],
    ['an empty book name', ['import', 'a.csv', '--book', ' '], /--book needs a name/],
    ['export without --format', ['export', '--book', 'Office', 'out.csv'], /addressbook export needs --format ldif\|abk\|canon-csv\|csv/],
    ['--dry-run to export', ['export', '--book', 'Office', '--format', 'csv', '--dry-run', 'out.csv'], /--dry-run does not go with addressbook export/],
    ['fetch without a device', ['fetch'], /addressbook fetch needs a device/],
    ['deliver without devices', ['deliver', '--book', 'Office'], /deliver needs at least one device/],
    ['deliver without --book', ['deliver', 'printer-1'], /addressbook deliver needs --book NAME/],
    ['an import mode to deliver', ['deliver', '--book', 'Office', 'printer-1', '--mode', 'update'], /--mode "update" is not one of: append, replace/],
  ])('%s', async (_what, args, message) => {
    // The data folder does not exist: arguments are checked before it is looked at.
    const run = await printdeck([...args, '--data', join(tmpdir(), 'printdeck-no-such-folder')]);
    expect({ code: run.code, out: run.out }, shown(run)).toEqual({ code: 2, out: '' });
    expect(run.err).toMatch(message);
  });

  it('help names every action, option and exit code', async () => {
    const [option, topic] = await Promise.all([printdeck(['--help']), main(['help', 'addressbook'], { out: () => undefined, err: () => undefined })]);
    expect(option.code).toBe(0);
    expect(topic).toBe(0);
    for (const text of ['addressbook list', 'addressbook import <file> --book NAME', 'addressbook export --book NAME --format F', 'addressbook fetch <device>', 'addressbook deliver --book NAME <device or group>...', '--dry-run', '--force', '--match K', 'Exit codes: 0 done, 1', '65']) {
      expect(option.out).toContain(text);
    }
  });
});

describe('printdeck addressbook deliver and fetch against simulated Ricohs (udirectory over HTTP)', () => {
  const PASSWORD = 'Cli-Book-Secret-1';
  let dataDir: string;
  let simulator: Simulator;
  let lobbyId = 0;
  let secondId = 0;
  let lobbyAt = '';
  let otherLobbyId = 0;
  let secondLabel = '';
  const cli = (args: string[]): Promise<Run> => printdeck([...args, '--data', dataDir]);
  const simBook = (name: string): SimAddressBookHandle => {
    const handle = simulator.device(name).addressBook;
    if (!handle) throw new Error(`${name} serves no address book`);
    return handle;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'printdeck-cli-abk-deliver-'));
    // One web port for both devices (each on its own address), as the console reaches every device on the same port.
    const webPort = await freePort('127.137.0.1');
    simulator = await startSimulator({ devices: [aDemoPrinter('ricoh-mfp', 0), aDemoPrinter('ricoh-mfp', 1)], baseAddress: '127.137.0.1', port: 0, webPort });
    const [lobby, second] = simulator.devices;
    if (!lobby || !second) throw new Error('two simulated devices expected');
    lobbyAt = `${lobby.address}:${lobby.port}`;
    for (const name of [lobby.name, second.name]) {
      simBook(name).setAdmin('admin', PASSWORD);
      simBook(name).replaceEntries([]);
    }
    await withData(dataDir, async (books, api) => {
      const added = await Promise.all([lobby, second].map((d) => api.devices.add({ address: `${d.address}:${d.port}` })));
      [lobbyId, secondId] = added.map((a) => a.id) as [number, number];
      const { results } = await api.devices.refresh({ ids: [lobbyId, secondId] });
      expect(results.every((r) => r.ok), JSON.stringify(results)).toBe(true);
      await api.devices.rename({ id: lobbyId, name: 'Lobby' });
      // A second "Lobby" that is never read (nothing listens there): a name that is ambiguous.
      otherLobbyId = (await api.devices.add({ address: '127.137.0.99:1', name: 'Lobby' })).id;
      // Only the lobby device has its administrator login: the other one fails for want of it.
      await api.credentials.setForDevices({ deviceIds: [lobbyId], admin: { id: 'admin', password: PASSWORD } });
      const group = await api.groups.create({ name: 'Second floor', kind: 'static' });
      await api.groups.addDevices({ id: group.id, deviceIds: [lobbyId, secondId] });
      secondLabel = (await api.devices.list({ ids: [secondId] })).devices[0]?.identity.sysName ?? '';
      await books.setDeviceAccess({ useTls: false, httpPort: webPort, httpsPort: 443, allowSelfSigned: true });
    });
    await writeFile(join(dataDir, 'people.ldif'), PEOPLE_LDIF);
    const imported = await cli(['import', join(dataDir, 'people.ldif'), '--book', 'Office']);
    expect(imported.code, shown(imported)).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await simulator?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers a book to a device given by address:port: one line with its outcome, progress on stderr, exit 0', async () => {
    const run = await cli(['deliver', '--book', 'Office', lobbyAt]);
    expect(run.code, shown(run)).toBe(0);
    expect(run.out).toMatch(/^DEVICE +OUTCOME +MESSAGE\nLobby +ok +delivered 3 entries\n1 of 1 device delivered \("Office"\)\.\n$/);
    expect(run.err).toMatch(/^deliver "Office" \(append\): 1 device, execution \d+$/m);
    expect(run.err).toMatch(/^deliver "Office" \(append\): succeeded, 1\/1 devices done$/m);
    expect(simBook('ricoh-mfp-0').entries().map((e) => e.props.name)).toEqual(['Ann Archer', 'Bo Baker', '山田 太郎']);
  });

  it('delivers to a group: one line per device, exit 1 when one of them failed', async () => {
    const run = await cli(['deliver', '--book', 'Office', 'second floor', '--mode', 'replace', '--json']);
    expect(run.code, shown(run)).toBe(1);
    const report = JSON.parse(run.out) as { book: string; execution: { state: string }; devices: { deviceId: number; ok: boolean; message: string }[] };
    expect(report.book).toBe('Office');
    expect(report.execution.state).toBe('partly-failed');
    expect(report.devices.find((d) => d.deviceId === lobbyId)).toMatchObject({ ok: true, message: 'delivered 3 entries' });
    expect(report.devices.find((d) => d.deviceId === secondId)).toMatchObject({ ok: false, message: expect.stringMatching(/no administrator login is stored/) });
    expect(simBook('ricoh-mfp-1').entries()).toEqual([]);
  });

  it('an ambiguous device is exit 65 naming every candidate; an unknown one names the devices there are', async () => {
    const ambiguous = await cli(['deliver', '--book', 'Office', 'lobby']);
    expect({ code: ambiguous.code, out: ambiguous.out }, shown(ambiguous)).toEqual({ code: 65, out: '' });
    expect(ambiguous.err).toContain(`"lobby" names 2 devices: id ${lobbyId} "Lobby" at ${lobbyAt}, id ${otherLobbyId} "Lobby" at 127.137.0.99:1; give its id or address:port`);
    const unknown = await cli(['fetch', 'reception']);
    expect(unknown.code, shown(unknown)).toBe(65);
    expect(unknown.err).toMatch(/no device "reception"; the console's devices include id \d+ "Lobby"/);
    const both = await cli(['deliver', '--book', 'Office', `${secondId}`, 'Basement']);
    expect(both.code, shown(both)).toBe(65);
    expect(both.err).toMatch(/no device "Basement" and no group "Basement" \(groups: Second floor\)/);
  });

  it('fetches a device\'s book into a book named after the device and waits for it', async () => {
    simBook('ricoh-mfp-1').replaceEntries([{ index: '7', name: 'Front desk', longName: 'Front desk', tagId: '2', 'mail:': 'true', 'mail:address': 'desk@example.com' }]);
    const noLogin = await cli(['fetch', String(secondId)]);
    expect({ code: noLogin.code, out: noLogin.out }, shown(noLogin)).toEqual({ code: 65, out: '' });
    expect(noLogin.err).toMatch(/no administrator login is stored for this device/);
    expect((await bookAndEntries(dataDir, secondLabel)).book, 'a fetch that cannot start makes no book').toBeUndefined();
    await withData(dataDir, (_books, api) => api.credentials.setForDevices({ deviceIds: [secondId], admin: { id: 'admin', password: PASSWORD } }));
    const run = await cli(['fetch', String(secondId)]);
    expect(run.code, shown(run)).toBe(0);
    expect(run.out).toContain(`fetched 1 entry into "${secondLabel}"`);
    const { book, entries } = await bookAndEntries(dataDir, secondLabel);
    expect(book).toMatchObject({ entries: 1, source: { kind: 'device', label: secondLabel } });
    expect(entries).toMatchObject([{ number: 7, kind: 'email', name: 'Front desk', address: 'desk@example.com' }]);
  });
});
