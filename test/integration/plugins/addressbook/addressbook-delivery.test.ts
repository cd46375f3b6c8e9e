import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressbookContract, ADDRESSBOOK_PLUGIN_ID } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import { contextAs } from '../../../helpers/callers';
import { freePort } from '../../../helpers/daemon';
import { hasSlapd, startSlapd, type SlapdRig } from '../../../helpers/slapd';
import { aDemoPrinter, startSettingsRig, type SettingsRig } from '../../settings/settings-rig';

/**
 * The address book plug-in end to end: a real core (plug-in loaded through the plug-in
 * interface), simulated Ricoh devices serving udirectory over HTTP, a Canon without a remote
 * service. Import a file, deliver append and replace, the reception restriction, a smaller
 * limit, wrong credentials, fetch, the system log. Simulated printers of this file: 127.133.0.x.
 */

const RICOHS = ['ricoh-mfp-0', 'ricoh-mfp-1', 'ricoh-mfp-2', 'ricoh-mfp-3'];
const PASSWORD = 'Book-Secret-1';
let rig: SettingsRig;
let ab: ReturnType<typeof createApiClient<typeof addressbookContract>>;

const id = (name: string): number => {
  const found = rig.ids.get(name);
  if (found === undefined) throw new Error(`no device ${name}`);
  return found;
};
const simBook = (name: string) => {
  const handle = rig.simulator.device(name).addressBook;
  if (!handle) throw new Error(`${name} serves no address book`);
  return handle;
};

function ldif(count: number): string {
  const records = Array.from({ length: count }, (_, i) => `dn: cn=Person ${i + 1},ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\ncn: Person ${i + 1}\nmail: person${i + 1}@example.com\n`);
  return `version: 1\n\n${records.join('\n')}`;
}

async function finished(executionId: number) {
  for (let i = 0; i < 400; i++) {
    const detail = await rig.api.tasks.getExecution({ executionId });
    if (!['queued', 'running'].includes(detail.execution.state)) return detail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`execution ${executionId} did not finish`);
}

beforeAll(async () => {
  const webPort = await freePort();
  rig = await startSettingsRig('127.133.0.1', [...RICOHS.map((_, i) => aDemoPrinter('ricoh-mfp', i)), aDemoPrinter('canon-color-mfp')], { webPort });
  rig.core.start();
  ab = createApiClient(addressbookContract, createInProcessTransport(rig.core.router, rig.core.events), ADDRESSBOOK_PLUGIN_ID);
  await ab.books.setDeviceAccess({ useTls: false, httpPort: webPort, httpsPort: 443, allowSelfSigned: true });
  for (const name of RICOHS) {
    simBook(name).setAdmin('admin', PASSWORD);
    simBook(name).replaceEntries([]);
  }
  await rig.api.credentials.setForDevices({ deviceIds: RICOHS.map(id), admin: { id: 'admin', password: PASSWORD } });
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('address book plug-in: import, deliver, fetch against simulated devices', () => {
  let bookId = 0;

  it('imports an LDIF into a new book and plans the delivery per device', async () => {
    const content = Buffer.from(ldif(30)).toString('base64');
    const preview = await ab.books.previewImport({ source: { kind: 'file', fileName: 'people.ldif', content }, target: { newBookName: 'Head office' } });
    expect(preview).toMatchObject({ format: 'ldif', read: 30, added: 30, problems: [] });
    const imported = await ab.books.import({ source: { kind: 'file', fileName: 'people.ldif', content }, target: { newBookName: 'Head office' } });
    bookId = imported.book.id;
    expect(imported).toMatchObject({ added: 30, book: { name: 'Head office', entries: 30, source: { kind: 'file', label: 'people.ldif' } } });
    const { devices } = await ab.books.plan({ bookId, targets: { deviceIds: [...RICOHS.map(id), id('canon-color-mfp-0')], groupIds: [] } });
    expect(devices.find((d) => d.deviceId === id('ricoh-mfp-0'))).toMatchObject({ adapter: 'ricoh-udirectory', loginStored: true, over: 0 });
    expect(devices.find((d) => d.deviceId === id('canon-color-mfp-0'))).toMatchObject({ adapter: null, handoffFormat: 'canon-csv', loginStored: false });
  });

  it('delivers to many devices in one execution: each device says what happened to it', async () => {
    simBook('ricoh-mfp-1').receptionRestricted = true;
    simBook('ricoh-mfp-2').entryLimit = 20;
    simBook('ricoh-mfp-3').setAdmin('admin', 'another password');
    const { executionId } = await ab.books.deliver({ bookId, targets: { deviceIds: [...RICOHS.map(id), id('canon-color-mfp-0')], groupIds: [] }, mode: 'append' });
    const { execution, devices } = await finished(executionId);
    const by = (name: string) => devices.find((d) => d.deviceId === id(name));
    expect(by('ricoh-mfp-0')).toMatchObject({ ok: true, message: 'delivered 30 entries' });
    expect(by('ricoh-mfp-1')).toMatchObject({ ok: false, message: expect.stringMatching(/reception restriction is on/) });
    expect(by('ricoh-mfp-2')).toMatchObject({ ok: false, message: expect.stringMatching(/^delivered 20 entries; 10 over the device's limit not delivered/) });
    expect(by('ricoh-mfp-2')?.items).toHaveLength(10);
    expect(by('ricoh-mfp-3')).toMatchObject({ ok: false, message: expect.stringMatching(/^authentication failed/) });
    expect(by('canon-color-mfp-0')).toMatchObject({ ok: false, message: expect.stringMatching(/File hand-off, canon-csv/) });
    expect(execution).toMatchObject({ state: 'partly-failed', succeeded: 1, failed: 4 });
    // The simulated books hold what was delivered, and nothing was left open.
    expect(simBook('ricoh-mfp-0').entries().map((e) => e.props['mail:address'] ?? e.props['mail:address'])).toHaveLength(30);
    expect(simBook('ricoh-mfp-1').entries()).toHaveLength(0);
    expect(simBook('ricoh-mfp-2').entries()).toHaveLength(20);
    for (const name of RICOHS) expect(simBook(name).openSessions).toBe(0);
    // Every delivery is in the system log, per device.
    const { entries } = await rig.api.audit.list({ action: 'addressbook.deliver' });
    expect(entries).toHaveLength(4);
    expect(entries.filter((e) => e.outcome === 'ok')).toHaveLength(1);
  });

  it('replace mode leaves the device with exactly the book; fetch reads it back into a book', async () => {
    simBook('ricoh-mfp-1').receptionRestricted = false;
    simBook('ricoh-mfp-1').replaceEntries([{ index: '900', name: 'Stale', longName: 'Stale', 'mail:': 'true', 'mail:address': 'stale@example.com', isDestination: 'true' }]);
    const { executionId } = await ab.books.deliver({ bookId, targets: { deviceIds: [id('ricoh-mfp-1')], groupIds: [] }, mode: 'replace' });
    const { devices } = await finished(executionId);
    expect(devices[0]).toMatchObject({ ok: true, message: 'delivered 30 entries; 1 removed (replace)' });
    expect(simBook('ricoh-mfp-1').entries()).toHaveLength(30);

    const fetched = await ab.books.fetch({ deviceId: id('ricoh-mfp-1'), target: { newBookName: 'From ricoh 1' } });
    const result = await finished(fetched.executionId);
    expect(result.devices[0]).toMatchObject({ ok: true, message: 'fetched 30 entries into "From ricoh 1"' });
    const list = (await ab.books.list({})).books;
    const from = list.find((b) => b.name === 'From ricoh 1');
    expect(from).toMatchObject({ entries: 30, source: { kind: 'device' } });
    const original = (await ab.books.entries({ bookId })).entries.map((e) => (e.kind === 'email' ? e.address : '')).sort();
    const back = (await ab.books.entries({ bookId: from?.id ?? 0 })).entries.map((e) => (e.kind === 'email' ? e.address : '')).sort();
    expect(back).toEqual(original);
  });

  it('tests the login of a device, and says which step failed', async () => {
    expect(await ab.books.testDevice({ deviceId: id('ricoh-mfp-0') })).toMatchObject({ ok: true });
    expect(await ab.books.testDevice({ deviceId: id('ricoh-mfp-3') })).toMatchObject({ ok: false, step: 'wrong-credentials' });
    expect(await ab.books.testDevice({ deviceId: id('canon-color-mfp-0') })).toMatchObject({ ok: false, step: 'not-supported' });
  });

  it('hands the book over as a file in the vendor format for a device without a remote service', async () => {
    const handoff = await ab.books.handoff({ bookId, deviceId: id('canon-color-mfp-0') });
    expect(handoff.format).toBe('canon-csv');
    expect(handoff.steps.join(' ')).toMatch(/Remote UI/);
    expect(Buffer.from(handoff.content, 'base64').toString('utf8')).toMatch(/^# Canon AddressBook CSV version/);
  });
});

describe('address book plug-in: who sees stored passwords', () => {
  it('an export carries folder passwords only for users who may change books', async () => {
    const book = await ab.books.create({ name: 'Shares' });
    await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'folder', number: 1, name: 'Scans', protocol: 'smb', host: 'files', path: 'scans', user: 'scanner', password: 'S3cret-share' } });
    const asAdmin = Buffer.from((await ab.books.export({ bookId: book.id, format: 'abk' })).content, 'base64').toString('utf8');
    expect(asAdmin).toContain('S3cret-share');
    const functions = rig.core.functions.ids();
    const viewer = createApiClient(addressbookContract, createInProcessTransport(rig.core.router, rig.core.events, contextAs('viewer', 'in-process', functions)), ADDRESSBOOK_PLUGIN_ID);
    const asViewer = Buffer.from((await viewer.books.export({ bookId: book.id, format: 'abk' })).content, 'base64').toString('utf8');
    expect(asViewer).toContain('Scans');
    expect(asViewer).not.toContain('S3cret-share');
    await ab.books.remove({ id: book.id });
  });
});

describe('address book plug-in: switched off and on', () => {
  it('disabled: its calls and its tasks are refused with the reason, the matrix loses its rows; enabled again: the books are back', async () => {
    const before = (await ab.books.list({})).books.map((b) => b.name);
    expect(before.length).toBeGreaterThan(0);
    await rig.api.plugins.setEnabled({ id: 'addressbook', enabled: false });
    await expect(ab.books.list({})).rejects.toThrow(/The Address books plug-in is disabled/);
    await expect(rig.api.tasks.run({ type: 'addressbook.deliver', params: { bookId: 1 }, targets: { deviceIds: [id('ricoh-mfp-0')], groupIds: [] } })).rejects.toThrow(/plug-in is disabled/);
    expect((await rig.api.accounts.listFunctions({})).functions.map((f) => f.id)).not.toContain('addressbook.books');
    await rig.api.plugins.setEnabled({ id: 'addressbook', enabled: true });
    expect((await ab.books.list({})).books.map((b) => b.name)).toEqual(before);
  });
});

describe.runIf(hasSlapd)('address book plug-in: directory → book → devices', () => {
  const SUFFIX = 'dc=example,dc=com';
  let slapd: SlapdRig;
  beforeAll(async () => {
    const people = Array.from({ length: 12 }, (_, i) => `dn: uid=p${i},ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: p${i}\ncn:: ${Buffer.from(`社員 ${i}`).toString('base64')}\nsn: p${i}\nmail: p${i}@example.com\nuserPassword: secret\n`);
    const ldif = [`dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n`, `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`, ...people].join('\n');
    slapd = await startSlapd({ suffix: SUFFIX, ldif });
  }, 60_000);
  afterAll(async () => {
    await slapd?.stop();
  });

  it('saves a connection (password sealed, never returned), tests it, and a sync task re-imports the directory and delivers it', async () => {
    const port = Number(new URL(slapd.url).port);
    const saved = await ab.directories.save({
      connection: { name: 'Head office LDAP', kind: 'openldap', host: '127.0.0.1', port, security: 'none', baseDn: `ou=people,${SUFFIX}`, bindDn: `uid=p0,ou=people,${SUFFIX}`, password: 'secret', filter: '(objectClass=inetOrgPerson)', mapping: { name: 'cn', reading: '', mail: 'mail', fax: '', member: '' } },
    });
    expect(saved).toMatchObject({ passwordSet: true, name: 'Head office LDAP' });
    expect(JSON.stringify(saved)).not.toContain('secret');
    expect(await ab.directories.test({ id: saved.id })).toMatchObject({ ok: true });
    // The stored bind password is only sent to the directory it was given for.
    const { id: _id, passwordSet: _set, warnings: _warnings, ...settings } = saved;
    await expect(ab.directories.test({ id: saved.id, connection: { ...settings, host: '127.0.0.2' } })).rejects.toThrow(/enter the bind password again — the host changed/);
    await expect(ab.directories.save({ id: saved.id, connection: { ...settings, bindDn: `uid=p1,ou=people,${SUFFIX}` } })).rejects.toThrow(/bindDn changed/);
    expect(await ab.directories.save({ id: saved.id, connection: { ...settings, name: 'Head office directory' } })).toMatchObject({ passwordSet: true });
    const preview = await ab.books.previewImport({ source: { kind: 'directory', connectionId: saved.id }, target: { newBookName: 'Directory' } });
    expect(preview).toMatchObject({ format: 'ldap', read: 12, problems: [] });
    expect(preview.first.map((e) => e.name)).toContain('社員 0');
    const book = await ab.books.create({ name: 'Directory' });
    const task = await rig.api.tasks.create({ name: 'Nightly directory to Ricoh 0', type: 'addressbook.sync', params: { connectionId: saved.id, bookId: book.id, delivery: 'replace' }, targets: { deviceIds: [id('ricoh-mfp-0')], groupIds: [] }, schedule: { kind: 'now' } });
    let detail = await rig.api.tasks.getExecution({ executionId: (await rig.api.tasks.listExecutions({ taskId: task.id, limit: 1 })).executions[0]?.id ?? 0 }).catch(() => null);
    for (let i = 0; i < 200 && (!detail || ['queued', 'running'].includes(detail.execution.state)); i++) {
      await new Promise((r) => setTimeout(r, 50));
      const [latest] = (await rig.api.tasks.listExecutions({ taskId: task.id, limit: 1 })).executions;
      detail = latest ? await rig.api.tasks.getExecution({ executionId: latest.id }) : null;
    }
    expect(detail?.execution.state).toBe('succeeded');
    expect(detail?.log.map((l) => l.line).join('\n')).toMatch(/"Head office directory" → "Directory": 12 read; 12 added/);
    expect(detail?.devices[0]).toMatchObject({ ok: true, message: expect.stringMatching(/^delivered 12 entries/) });
    expect(simBook('ricoh-mfp-0').entries().map((e) => e.props.name).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `社員 ${i}`).sort());
  });
});
