/**
 * `npm run bench:addressbook` (also part of `npm run bench`): reading a 10,000-entry address book
 * file as an import does (decode, parse, check every entry, number, resolve groups), for a
 * generic CSV and a Canon CSV generated here, plus the .abk and LDIF of the same book. Prints
 * the median of 5 reads (wall and CPU time) and entries per second; asserts nothing (target:
 * 10,000 entries well under a second). BENCH_ADDRESSBOOK_ENTRIES=N changes the size.
 */
import type { AddressEntry } from '../src-shared/plugins/addressbook/address-entry';
import type { BookFileFormat } from '../src-shared/plugins/addressbook/addressbook.contract';
import { resolve } from 'node:path';
import { internalContext } from '../src-shared/auth/call-context';
import { addressbookContract, ADDRESSBOOK_PLUGIN_ID } from '../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../src-shared/rpc/api-client';
import { createInProcessTransport } from '../src-shared/rpc/in-process-transport';
import { createCore } from '../src-main/core/create-core';
import { readBook, writeBook } from '../src-main/plugins/addressbook/formats';

const ENTRIES = Number(process.env.BENCH_ADDRESSBOOK_ENTRIES ?? 10_000);
const ROUNDS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A book like a large office's: mostly e-mail (a third with Japanese names and readings), some fax with sub-addresses, folders with passwords, and groups of 50. */
function aLargeBook(count: number): AddressEntry[] {
  const common = { tags: [], oneTouch: null };
  const groups = Math.max(1, Math.floor(count / 1000));
  const people = count - groups;
  const entries: AddressEntry[] = [];
  for (let n = 1; n <= people; n++) {
    const japanese = n % 3 === 0;
    const name = japanese ? `山田 太郎 ${n}` : `Person ${n}, Sales`;
    const reading = japanese ? `やまだ たろう ${n}` : '';
    if (n % 10 === 0) entries.push({ kind: 'fax', number: n, name, reading, faxNumber: `+81 3 ${String(1000 + (n % 9000))} ${String(n).padStart(4, '0')}`, subAddress: String(n % 100), ...common });
    else if (n % 97 === 0) entries.push({ kind: 'folder', number: n, name, reading, protocol: 'smb', host: `fs${n % 7}.example.com`, port: null, path: `/scans/${n}`, user: 'scan', password: `pw-${n}`, ...common });
    else entries.push({ kind: 'email', number: n, name, reading, address: `person.${n}@example.com`, ...common });
  }
  for (let g = 0; g < groups; g++) {
    const members = Array.from({ length: 50 }, (_, i) => ((g * 50 + i) % people) + 1);
    entries.push({ kind: 'group', number: people + g + 1, name: `Group ${g + 1}`, reading: '', members, ...common });
  }
  return entries;
}

function measure(label: string, bytes: Uint8Array, format: BookFileFormat, expected: number): void {
  const warm = readBook(bytes, { format });
  if (warm.problems.length > 0 || warm.entries.length !== expected) {
    console.log(`  ${label}: read ${warm.entries.length} of ${expected} entries, ${warm.problems.length} problems (first: ${JSON.stringify(warm.problems[0])})`);
    return;
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    readBook(bytes, { format });
    const used = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const ms = median(times);
  // On a shared machine the wall time includes waiting for a core; the CPU time is what the read costs.
  console.log(
    `  ${label}: ${(bytes.length / 1024).toFixed(0)} KB, median ${ms.toFixed(0)} ms (of ${times.map((t) => t.toFixed(0)).join(', ')}) = ${Math.round((expected / ms) * 1000).toLocaleString('en-US')} entries/s; CPU ${median(cpu).toFixed(0)} ms`,
  );
}

/** The whole import as a user drives it: the file through the contract into a new book of a console (read, plan, one transaction, folder passwords sealed). */
async function measureImport(bytes: Uint8Array, expected: number): Promise<void> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const core = await createCore({ databaseFile: ':memory:', resourcesDir: resolve(__dirname, '../../resources'), version: 'bench', log: () => undefined });
    const context = internalContext('cli', core.auth.localAdministrator());
    const books = createApiClient(addressbookContract, createInProcessTransport(core.router, core.events, context), ADDRESSBOOK_PLUGIN_ID).books;
    const content = Buffer.from(bytes).toString('base64');
    const started = performance.now();
    const result = await books.import({ source: { kind: 'file', fileName: 'bench.csv', content }, target: { newBookName: `Bench ${round}` } });
    times.push(performance.now() - started);
    if (result.added !== expected) console.log(`  import: added ${result.added} of ${expected}`);
    await core.dispose();
  }
  const ms = median(times);
  console.log(`  import through the console (generic CSV → new book): median ${ms.toFixed(0)} ms (of ${times.map((t) => t.toFixed(0)).join(', ')}) = ${Math.round((expected / ms) * 1000).toLocaleString('en-US')} entries/s (target: under 1 s for 10,000)`);
}

async function main(): Promise<void> {
  const book = aLargeBook(ENTRIES);
  const ldifBook = book.filter((e) => e.kind === 'email');
  console.log(`\nAddress book import: ${ENTRIES.toLocaleString('en-US')} entries (e-mail, fax, folders, groups of 50; a third Japanese), read ${ROUNDS} times after one warm-up`);
  measure('generic CSV (UTF-8 with BOM)', writeBook(book, 'csv', { bookName: 'Bench' }), 'csv', book.length);
  measure('Canon CSV (UTF-8)', writeBook(book, 'canon-csv', { bookName: 'Bench' }), 'canon-csv', book.length);
  measure('Canon .abk (UTF-8)', writeBook(book, 'abk', { bookName: 'Bench' }), 'abk', book.length);
  measure(`LDIF (${ldifBook.length.toLocaleString('en-US')} e-mail entries, base64 names)`, writeBook(ldifBook, 'ldif', { bookName: 'Bench' }), 'ldif', ldifBook.length);
  await measureImport(writeBook(book, 'csv', { bookName: 'Bench' }), book.length);
}

void main();
