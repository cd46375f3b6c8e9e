import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import { DIRECTORY_PRESETS, type DirectorySettings, type DirectorySettingsUpdateInput, type DirectoryTestResult } from '../../../src-shared/contract/accounts.contract';
import type { AuditEntry } from '../../../src-shared/contract/audit.contract';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { freePort, hasSlapd, selfSignedCertificate, startSlapd, whoAmI, type SlapdRig } from '../../helpers/slapd';

/**
 * Directory sign-in end to end: a real core (createCore on a temporary folder) against Debian's
 * slapd started by the test on loopback ports, with memberOf (dynlist overlay), StartTLS and
 * ldaps://. Proves the group mapping, every refusal and its reason in the system log, the
 * report of accounts.testDirectory, and that no password reaches the log or the database.
 */

const SUFFIX = 'dc=printdeck,dc=test';
const PEOPLE = `ou=people,${SUFFIX}`;
const SERVICE_DN = `cn=printdeck,ou=services,${SUFFIX}`;
const SERVICE_PASSWORD = 'svc-Secret-4711';
const ALICE_PASSWORD = 'alice-Secret-0815';
const BOB_PASSWORD = 'bob-Secret-2342';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const WEB = { host: 'web' as const, address: '127.0.0.1' };

const LDIF = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
o: Printdeck test
dc: printdeck

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=services,${SUFFIX}
objectClass: organizationalUnit
ou: services

dn: ${SERVICE_DN}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: printdeck
userPassword: ${SERVICE_PASSWORD}

dn: uid=alice,${PEOPLE}
objectClass: inetOrgPerson
uid: alice
cn: Alice Liddell
sn: Liddell
displayName: Alice Liddell
userPassword: ${ALICE_PASSWORD}

dn: uid=bob,${PEOPLE}
objectClass: inetOrgPerson
uid: bob
cn: Bob Builder
sn: Builder
userPassword: ${BOB_PASSWORD}

dn: cn=Print Operators,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: Print Operators
member: uid=alice,${PEOPLE}

dn: cn=Accounting,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: Accounting
member: uid=bob,${PEOPLE}
member: uid=alice,${PEOPLE}
`;

let dir: string;
let slapd: SlapdRig;
let core: Core;
let caPem: string;
let operatorsId: number;

/** OpenLDAP preset, the service account, memberOf only (no group search) unless overridden. */
function settings(overrides: Partial<DirectorySettingsUpdateInput> = {}): DirectorySettingsUpdateInput {
  return {
    enabled: true,
    kind: 'openldap',
    url: slapd.url,
    ...DIRECTORY_PRESETS.openldap.fields,
    groupSearch: null,
    bindDn: SERVICE_DN,
    baseDn: SUFFIX,
    timeoutMs: 5_000,
    ...overrides,
  };
}

async function call<T>(wire: string, args: unknown): Promise<T> {
  const reply = await core.router.handle(wire, args, internalContext());
  if (!reply.ok) throw new Error(`${wire}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

const saveDirectory = (update: DirectorySettingsUpdateInput): Promise<DirectorySettings> => call('accounts.updateDirectory', update);
const testDirectory = (args: { settings?: DirectorySettingsUpdateInput; userName?: string; password?: string }): Promise<DirectoryTestResult> => call('accounts.testDirectory', args);

async function lastSignIn(): Promise<AuditEntry> {
  const { entries } = await core.api.audit.list({ action: 'auth.signIn', limit: 1 }, internalContext());
  const entry = entries[0];
  if (!entry) throw new Error('no auth.signIn entry in the system log');
  return entry;
}

const stepsOf = (result: DirectoryTestResult): string[] => result.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`);

describe.skipIf(!hasSlapd)('directory sign-in against slapd', () => {
  beforeAll(async () => {
    const tls = await selfSignedCertificate({ ip: ['127.0.0.1'] });
    caPem = tls.cert;
    slapd = await startSlapd({ suffix: SUFFIX, ldif: LDIF, tls, allowUnauthenticatedBind: true });
    dir = await mkdtemp(join(tmpdir(), 'printdeck-ldap-'));
    core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: 'test', pollIntervalMs: 3_600_000, passwordCost: CHEAP });
    const { groups } = await core.api.accounts.listGroups({}, internalContext());
    const operators = groups.find((g) => g.builtin === 'operator');
    if (!operators) throw new Error('no Operators group');
    operatorsId = operators.id;
    await call('accounts.updateGroup', { id: operatorsId, directoryGroups: ['Print Operators'] });
    await saveDirectory({ ...settings(), bindPassword: SERVICE_PASSWORD });
  }, 60_000);

  afterAll(async () => {
    await core?.dispose();
    await slapd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs a directory user in with Operator rights through the mapping of their directory group (memberOf)', async () => {
    const outcome = await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB);
    if (!outcome.ok) throw new Error(`refused: ${(await lastSignIn()).message ?? ''}`);
    const { groups } = await core.api.accounts.listGroups({}, internalContext());
    expect(outcome.user).toMatchObject({ name: 'alice', displayName: 'Alice Liddell', source: 'directory', administrator: false });
    expect(outcome.user.permissions).toEqual(groups.find((g) => g.id === operatorsId)?.permissions);
    const { users } = await core.api.accounts.listUsers({}, internalContext());
    expect(users.find((u) => u.name === 'alice')).toMatchObject({ source: 'directory', groupIds: [operatorsId], passwordSet: false });
    expect(await lastSignIn()).toMatchObject({ userName: 'alice', outcome: 'ok', message: 'signed in through the directory' });
  });

  it('finds the groups by a search where the directory has no memberOf, and binds directly without a service account', async () => {
    const groupSearch = { baseDn: `ou=groups,${SUFFIX}`, filter: '(&(objectClass=groupOfNames)(member={dn}))' };
    await saveDirectory(settings({ groupsAttribute: '', groupSearch }));
    expect((await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB)).ok).toBe(true);
    await saveDirectory(settings({ bindDn: '', userDnTemplate: `uid={user},${PEOPLE}`, groupsAttribute: '', groupSearch }));
    expect((await core.auth.signInWithPassword('Alice', ALICE_PASSWORD, WEB)).ok).toBe(true);
    expect(await lastSignIn()).toMatchObject({ userName: 'alice', outcome: 'ok' });
    // Back to the service account: its stored password was dropped with it and must be given again.
    await expect(saveDirectory(settings())).rejects.toThrow(/invalid-argument: bindPassword: the service account needs its password/);
    await saveDirectory({ ...settings(), bindPassword: SERVICE_PASSWORD });
  });

  it('refuses a wrong password, a user in no mapped group and an unknown user, and logs why', async () => {
    expect(await core.auth.signInWithPassword('alice', 'not-her-password', WEB)).toMatchObject({ ok: false });
    expect(await lastSignIn()).toMatchObject({ userName: 'alice', outcome: 'failed', message: expect.stringMatching(/^directory: wrong-password: .*; wrong password \(1 in a row\)$/) });
    expect(await core.auth.signInWithPassword('bob', BOB_PASSWORD, WEB)).toMatchObject({ ok: false });
    expect((await lastSignIn()).message).toMatch(/none of the user's groups \(cn=accounting,ou=groups,dc=printdeck,dc=test\) is mapped/i);
    expect(await core.auth.signInWithPassword('nobody', 'whatever-it-is', WEB)).toMatchObject({ ok: false });
    expect((await lastSignIn()).message).toMatch(/^directory: unknown-user: no entry matches/);
    const { users } = await core.api.accounts.listUsers({}, internalContext());
    expect(users.map((u) => u.name).sort()).toEqual(['admin', 'alice']);
  });

  it('escapes the typed name in the filter: "*" and a filter injection find nobody', async () => {
    for (const name of ['*', 'alice)(uid=*', 'al*']) {
      expect(await core.auth.signInWithPassword(name, ALICE_PASSWORD, WEB)).toMatchObject({ ok: false });
      expect((await lastSignIn()).message).toMatch(/^directory: unknown-user: no entry matches .*\\2a/);
    }
  });

  it('refuses an empty password without contacting the directory, which would accept it as an unauthenticated bind', async () => {
    // The danger is real: this server (like Active Directory) answers a name with an empty password as "anonymous", successfully.
    const beforeWhoAmI = slapd.accepted();
    expect(whoAmI(slapd.url, `uid=alice,${PEOPLE}`, '')).toBe('anonymous');
    expect(await slapd.waitForAccepted(beforeWhoAmI + 1)).toBe(true);
    const before = slapd.accepted();
    expect(await core.auth.signInWithPassword('alice', '', WEB)).toMatchObject({ ok: false });
    expect((await lastSignIn()).message).toMatch(/^directory: wrong-password: an empty password is refused/);
    // Had a connection been opened, slapd would have logged it within half a second (the whoami above took milliseconds).
    expect(await slapd.waitForAccepted(before + 1, 500)).toBe(false);
    const report = await testDirectory({ userName: 'alice', password: '' });
    expect(report).toMatchObject({ ok: false, failedStep: 'user-bind' });
    expect(report.steps.at(-1)?.message).toMatch(/empty password is refused/);
  });

  it('refuses with "unreachable" when nothing listens, and within the timeout when the server never answers', async () => {
    const closedPort = await freePort();
    await saveDirectory(settings({ url: `ldap://127.0.0.1:${closedPort}` }));
    expect(await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB)).toMatchObject({ ok: false });
    expect(await lastSignIn()).toMatchObject({ userName: 'alice', outcome: 'failed', message: expect.stringMatching(/^directory: unreachable: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/) });

    const held: Socket[] = [];
    const silent: Server = createServer((socket) => void held.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    try {
      const address = silent.address();
      if (typeof address !== 'object' || !address) throw new Error('no address');
      await saveDirectory(settings({ url: `ldap://127.0.0.1:${address.port}`, timeoutMs: 1_000 }));
      const started = Date.now();
      expect(await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB)).toMatchObject({ ok: false });
      expect(Date.now() - started).toBeLessThan(4_000);
      expect((await lastSignIn()).message).toMatch(/^directory: unreachable: no answer from ldap:\/\/127\.0\.0\.1:\d+ within 1000 ms \(at the bind step\)$/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
    }
    await saveDirectory(settings());
  });

  it('tests the settings step by step and says which step failed', async () => {
    const good = await testDirectory({ userName: 'alice', password: ALICE_PASSWORD });
    expect(stepsOf(good)).toEqual(['settings:ok', 'connect:ok', 'bind:ok', 'search:ok', 'user-bind:ok', 'groups:ok']);
    expect(good).toMatchObject({ ok: true, failedStep: null, user: { dn: `uid=alice,${PEOPLE}`, userName: 'alice', displayName: 'Alice Liddell', printdeckGroups: [{ id: operatorsId, name: 'Operators' }] } });
    expect(good.steps.at(-1)?.message).toMatch(/Printdeck groups: Operators$/);

    expect(stepsOf(await testDirectory({}))).toEqual(['settings:ok', 'connect:ok', 'bind:ok', 'search:ok']);
    expect(await testDirectory({ userName: 'bob', password: BOB_PASSWORD })).toMatchObject({ ok: false, failedStep: 'groups', user: { userName: 'bob', printdeckGroups: [] } });
    expect(await testDirectory({ userName: 'alice', password: 'wrong' })).toMatchObject({ ok: false, failedStep: 'user-bind' });
    expect(await testDirectory({ userName: 'nobody' })).toMatchObject({ ok: false, failedStep: 'search', user: null });
    expect(await testDirectory({ settings: { ...settings(), bindPassword: 'not-the-service-password' } })).toMatchObject({ ok: false, failedStep: 'bind' });
    expect(await testDirectory({ settings: settings({ baseDn: 'dc=elsewhere,dc=test' }) })).toMatchObject({ ok: false, failedStep: 'search' });
    expect(await testDirectory({ settings: settings({ url: `ldap://127.0.0.1:${await freePort()}` }) })).toMatchObject({ ok: false, failedStep: 'connect' });
    expect(await testDirectory({ settings: settings({ url: slapd.ldapsUrl ?? '', startTls: true }) })).toMatchObject({ ok: false, failedStep: 'settings' });
    // Nothing was created by testing.
    expect((await core.api.accounts.listUsers({}, internalContext())).users.map((u) => u.name).sort()).toEqual(['admin', 'alice']);
  });

  it('speaks TLS: StartTLS and ldaps:// with the CA certificate, refused without it', async () => {
    const startTls = await testDirectory({ settings: settings({ startTls: true, caCertificate: caPem }), userName: 'alice', password: ALICE_PASSWORD });
    expect(stepsOf(startTls)).toEqual(['settings:ok', 'connect:ok', 'tls:ok', 'bind:ok', 'search:ok', 'user-bind:ok', 'groups:ok']);
    expect(startTls.steps[2]?.message).toMatch(/^StartTLS: TLSv1\.[23], certificate "printdeck-test-ldap" verified$/);

    const ldaps = slapd.ldapsUrl ?? '';
    const untrusted = await testDirectory({ settings: settings({ url: ldaps }) });
    expect(untrusted).toMatchObject({ ok: false, failedStep: 'tls' });
    expect(untrusted.steps.at(-1)?.message).toMatch(/give the CA certificate/);
    expect((await testDirectory({ settings: settings({ url: ldaps, verifyCertificate: false }) })).steps[2]?.message).toMatch(/not checked$/);

    await saveDirectory(settings({ url: ldaps, caCertificate: caPem }));
    expect((await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB)).ok).toBe(true);
    await saveDirectory(settings());
  });

  it('keeps the service password when an update leaves it out, and shows only that it is set', async () => {
    const saved = await saveDirectory(settings({ displayNameAttribute: 'cn' }));
    expect(saved).toMatchObject({ bindPasswordSet: true, displayNameAttribute: 'cn' });
    expect(JSON.stringify(await call('accounts.getDirectory', {}))).not.toContain(SERVICE_PASSWORD);
    expect((await core.auth.signInWithPassword('alice', ALICE_PASSWORD, WEB)).ok).toBe(true);
    await expect(saveDirectory(settings({ url: '' }))).rejects.toThrow(/invalid-argument: url: name the directory server/);
    await expect(saveDirectory(settings({ userFilter: '(uid=alice)' }))).rejects.toThrow(/invalid-argument: userFilter: the user filter must contain \{user\}/);
  });

  it('never writes a password to the system log or the database', async () => {
    const { csv } = await core.api.audit.exportCsv({}, internalContext());
    const { entries } = await core.api.audit.list({ limit: 1000 }, internalContext());
    expect(entries.some((e) => e.action === 'accounts.updateDirectory')).toBe(true);
    expect(entries.some((e) => e.action === 'accounts.testDirectory')).toBe(true);
    const database = ['printdeck.db', 'printdeck.db-wal'].map((f) => join(dir, f)).filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
    for (const secret of [SERVICE_PASSWORD, ALICE_PASSWORD, BOB_PASSWORD, 'not-the-service-password']) {
      expect(csv).not.toContain(secret);
      expect(JSON.stringify(entries)).not.toContain(secret);
      expect(database).not.toContain(secret);
    }
  });
});
