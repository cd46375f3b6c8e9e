import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { appContract } from '../../../../src-shared/contract/app.contract';
import { addressbookContract, ADDRESSBOOK_PLUGIN_ID } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../../src-main/core/create-core';

/** The address book plug-in's books service through a real core (temp database, no devices). */

const RESOURCES = resolve(__dirname, '../../../../resources');
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

let dir: string;
let core: Core;
let ab: ReturnType<typeof createApiClient<typeof addressbookContract>>;
let app: ReturnType<typeof createApiClient<typeof appContract>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-books-'));
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: RESOURCES, version: '0.0.0-test', passwordCost: CHEAP, log: () => undefined });
  const transport = createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator()));
  ab = createApiClient(addressbookContract, transport, ADDRESSBOOK_PLUGIN_ID);
  app = createApiClient(appContract, transport);
});

afterAll(async () => {
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});


const folder = { kind: 'folder' as const, name: 'Scans', protocol: 'smb' as const, host: 'files', path: 'scans', user: 'scanner' };

describe('address book books service', () => {
  it('the system log keeps an import by its size, never the file (which may hold folder passwords)', async () => {
    const csv = 'name,path,username,password\nScans,\\\\files\\scans,scanner,Imp0rt-Secret\n';
    const content = Buffer.from(csv).toString('base64');
    await ab.books.import({ source: { kind: 'file', fileName: 'shares.csv', content, format: 'csv' }, target: { newBookName: 'Audit import' } }).catch(() => undefined);
    const { entries } = await app.audit.list({ action: 'addressbook.books.import' });
    expect(entries.length).toBeGreaterThan(0);
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain(content.slice(0, 40));
    expect(logged).not.toContain('Imp0rt-Secret');
  });

  it('a folder password given as null is cleared; left out it is kept', async () => {
    const book = await ab.books.create({ name: 'Passwords' });
    const saved = await ab.books.saveEntry({ bookId: book.id, entry: { ...folder, number: 1, password: 'S3cret' } });
    expect(saved).toMatchObject({ passwordSet: true });
    expect(await ab.books.saveEntry({ bookId: book.id, entryId: saved.id, entry: { ...folder, number: 1 } })).toMatchObject({ passwordSet: true });
    expect(await ab.books.saveEntry({ bookId: book.id, entryId: saved.id, entry: { ...folder, number: 1, password: null } })).toMatchObject({ passwordSet: false });
  });

  it('a folder that becomes another kind keeps no sealed password', async () => {
    const book = await ab.books.create({ name: 'Kind change' });
    const saved = await ab.books.saveEntry({ bookId: book.id, entry: { ...folder, number: 1, password: 'S3cret' } });
    await ab.books.saveEntry({ bookId: book.id, entryId: saved.id, entry: { kind: 'email', number: 1, name: 'Scans', address: 'scans@example.com' } });
    const back = await ab.books.saveEntry({ bookId: book.id, entryId: saved.id, entry: { ...folder, number: 1 } });
    expect(back).toMatchObject({ passwordSet: false });
  });

  it('groups follow a member that is renumbered, and drop one that becomes a group', async () => {
    const book = await ab.books.create({ name: 'Groups' });
    const a = await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'email', number: 1, name: 'A', address: 'a@example.com' } });
    const b = await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'email', number: 2, name: 'B', address: 'b@example.com' } });
    const group = await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'group', number: 10, name: 'Team', members: [1, 2] } });
    await ab.books.saveEntry({ bookId: book.id, entryId: a.id, entry: { kind: 'email', number: 5, name: 'A', address: 'a@example.com' } });
    await ab.books.saveEntry({ bookId: book.id, entryId: b.id, entry: { kind: 'group', number: 2, name: 'B', members: [] } });
    // A new entry takes the freed number 1: it must not join the group silently.
    await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'email', number: 1, name: 'Newcomer', address: 'new@example.com' } });
    const after = (await ab.books.entries({ bookId: book.id })).entries.find((e) => e.id === group.id);
    expect(after).toMatchObject({ kind: 'group', members: [5] });
  });
});

describe('address book books service: bounded work', () => {
  it('removes entries from a 20,000-entry book by a 100,000-id list in well under the seconds a quadratic match took', async () => {
    const ldif = `version: 1\n\n${Array.from({ length: 20_000 }, (_, i) => `dn: cn=P${i},dc=example,dc=com\nobjectClass: inetOrgPerson\ncn: P${i}\nmail: p${i}@example.com\n`).join('\n')}`;
    const { book } = await ab.books.import({ source: { kind: 'file', fileName: 'big.ldif', content: Buffer.from(ldif).toString('base64') }, target: { newBookName: 'Big' } });
    const { entries } = await ab.books.entries({ bookId: book.id });
    const ids = [...entries.slice(0, 100).map((e) => e.id), ...Array.from({ length: 99_900 }, (_, i) => 10_000_000 + i)];
    const started = performance.now();
    expect(await ab.books.removeEntries({ bookId: book.id, entryIds: ids })).toEqual({ removed: 100 });
    // Quadratic (ids × entries, 2·10⁹ comparisons) this took 5–7 s; linear it takes about 1 s.
    expect(performance.now() - started).toBeLessThan(3_500);
  }, 60_000);
});
