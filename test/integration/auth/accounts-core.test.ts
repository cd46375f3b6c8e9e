import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerContext, internalContext } from '../../../src-shared/auth/call-context';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { SIGN_IN_FAILED } from '../../../src-main/core/auth/auth.service';
import { FakeClock } from '../../helpers/fake-clock';

/**
 * Accounts as the core keeps them: lockout and its expiry, idle and absolute session expiry,
 * sessions that die on sign-out, password change and disabling, API tokens that stop when
 * revoked, the built-in administrator's guards, and secrets that never reach the system log.
 * A fake clock moves time; scrypt runs at a low cost so the file stays quick.
 */

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const WEB = { host: 'web' as const, address: '127.0.0.5' };
const ADMIN = internalContext();

let dir: string;
let clock: FakeClock;
let core: Core;
/** The contract as an administrator's client sees it: through the router (defaults applied, changes audited). */
let api: AppApi;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printdeck-accounts-'));
  clock = new FakeClock();
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: 'test', clock, passwordCost: CHEAP });
  api = createApiClient(appContract, createInProcessTransport(core.router, core.events));
});

afterEach(async () => {
  await core.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function groupId(role: 'administrator' | 'operator' | 'viewer'): Promise<number> {
  const { groups } = await api.accounts.listGroups({});
  const group = groups.find((g) => g.builtin === role);
  if (!group) throw new Error(`no ${role} group`);
  return group.id;
}

async function aUser(name: string, role: 'administrator' | 'operator' | 'viewer' = 'operator', password = 'correct-horse-1') {
  return api.accounts.createUser({ name, displayName: name, password, groupIds: [await groupId(role)], mustChangePassword: false });
}

async function signIn(name: string, password: string) {
  return core.auth.signInWithPassword(name, password, WEB);
}

function contextOf(outcome: Awaited<ReturnType<typeof signIn>>): CallContext {
  if (!outcome.ok) throw new Error(`not signed in: ${outcome.message}`);
  return callerContext(outcome.caller, 'web', { sessionId: outcome.sessionId });
}

describe('the first start', () => {
  it('creates the database readable by its owner only (it holds password hashes)', () => {
    expect(statSync(join(dir, 'printdeck.db')).mode & 0o777).toBe(0o600);
  });

  it('creates the built-in administrator without a password, in Administrators, and never a second one', async () => {
    const { users } = await api.accounts.listUsers({});
    expect(users).toEqual([expect.objectContaining({ name: 'admin', builtin: true, passwordSet: false, enabled: true, groupIds: [await groupId('administrator')] })]);
    expect(core.auth.administratorNeedsPassword()).toBe(true);
    core.auth.ensureAdministrator();
    expect((await api.accounts.listUsers({})).users).toHaveLength(1);
  });

  it('a one-time password signs the administrator in with no rights until they choose their own', async () => {
    const once = await core.auth.setOneTimeAdministratorPassword();
    expect(once).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const outcome = await signIn('admin', once);
    const context = contextOf(outcome);
    expect(outcome.ok && outcome.user.mustChangePassword).toBe(true);
    expect(await core.router.handle('devices.list', {}, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.router.handle('auth.changePassword', { current: once, next: 'short' }, context)).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/at least 10 characters/) } });
    expect(await core.router.handle('auth.changePassword', { current: once, next: 'a-password-of-my-own' }, context)).toEqual({ ok: true, value: {} });
    const again = contextOf(await signIn('admin', 'a-password-of-my-own'));
    expect(again.caller?.administrator).toBe(true);
    expect(await core.router.handle('devices.list', {}, again)).toMatchObject({ ok: true });
  });
});

describe('lockout', () => {
  it('locks after 5 wrong passwords in a row for 15 minutes, says the same thing whatever the reason, then lets the right password in', async () => {
    await aUser('alice');
    for (let i = 0; i < 5; i += 1) expect(await signIn('alice', `wrong-${i}`)).toEqual({ ok: false, message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } });
    // Locked: even the right password is refused, with the same message as an unknown user.
    expect(await signIn('alice', 'correct-horse-1')).toEqual({ ok: false, message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } });
    expect(await signIn('nobody', 'whatever')).toEqual({ ok: false, message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } });
    const locked = (await api.accounts.listUsers({})).users.find((u) => u.name === 'alice');
    expect(locked?.lockedUntil).toBe(clock.now() + 15 * 60_000);
    clock.advance(15 * 60_000 - 1);
    expect((await signIn('alice', 'correct-horse-1')).ok).toBe(false);
    clock.advance(1);
    expect((await signIn('alice', 'correct-horse-1')).ok).toBe(true);
    const { entries } = await api.audit.list({ action: 'auth.signIn', user: 'alice' });
    expect(entries.map((e) => e.message ?? e.outcome).reverse()).toEqual([
      'wrong password (1 in a row)',
      'wrong password (2 in a row)',
      'wrong password (3 in a row)',
      'wrong password (4 in a row)',
      'wrong password (5 in a row): locked for 15 minutes',
      expect.stringMatching(/^locked until /),
      expect.stringMatching(/^locked until /),
      'ok',
    ]);
  });

  it('locks the built-in administrator only at the address the failures came from', async () => {
    const admin = core.auth.ensureAdministrator();
    await api.accounts.resetPassword({ id: admin.id, password: 'the-admin-password', mustChangePassword: false });
    const from = (address: string, password: string) => core.auth.signInWithPassword('admin', password, { host: 'web', address });
    for (let i = 0; i < 5; i += 1) await from('127.0.0.66', `guess-${i}`);
    expect((await from('127.0.0.66', 'the-admin-password')).ok).toBe(false);
    expect((await from('127.0.0.7', 'the-admin-password')).ok).toBe(true);
    expect((await api.accounts.listUsers({})).users.find((u) => u.builtin)?.lockedUntil).toBeNull();
    clock.advance(15 * 60_000);
    expect((await from('127.0.0.66', 'the-admin-password')).ok).toBe(true);
  });

  it('follows the configured attempts and minutes, and an administrator can unlock at once', async () => {
    await api.accounts.updateSettings({ lockoutAttempts: 2, lockoutMinutes: 60 });
    const bob = await aUser('bob');
    await signIn('bob', 'x');
    await signIn('bob', 'y');
    expect((await signIn('bob', 'correct-horse-1')).ok).toBe(false);
    await api.accounts.unlockUser({ id: bob.id });
    expect((await signIn('bob', 'correct-horse-1')).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('end when idle longer than the setting, and after 12 hours however busy', async () => {
    await aUser('carol');
    const outcome = await signIn('carol', 'correct-horse-1');
    if (!outcome.ok) throw new Error('not signed in');
    clock.advance(29 * 60_000);
    expect(core.auth.resolveSession(outcome.token)).not.toBeNull();
    clock.advance(29 * 60_000);
    expect(core.auth.resolveSession(outcome.token)).not.toBeNull();
    // Pushed events check the session without counting as activity.
    clock.advance(20 * 60_000);
    expect(core.auth.resolveSession(outcome.token, { touch: false })).not.toBeNull();
    clock.advance(10 * 60_000 + 1);
    expect(core.auth.resolveSession(outcome.token, { touch: false })).toBeNull();
    expect(core.auth.resolveSession(outcome.token)).toBeNull();

    const busy = await signIn('carol', 'correct-horse-1');
    if (!busy.ok) throw new Error('not signed in');
    for (let i = 0; i < 48; i += 1) {
      clock.advance(15 * 60_000);
      if (i < 47) expect(core.auth.resolveSession(busy.token), `after ${(i + 1) * 15} minutes`).not.toBeNull();
    }
    expect(core.auth.resolveSession(busy.token)).toBeNull();
  });

  it('die on sign-out, on a password change (the other sessions), on a reset and when the user is disabled', async () => {
    const dave = await aUser('dave');
    const first = await signIn('dave', 'correct-horse-1');
    const second = await signIn('dave', 'correct-horse-1');
    if (!first.ok || !second.ok) throw new Error('not signed in');
    const ended: number[] = [];
    core.auth.onSessionsEnded((ids) => ended.push(...ids));
    await core.router.handle('auth.changePassword', { current: 'correct-horse-1', next: 'battery-staple-2' }, contextOf(first));
    expect(core.auth.resolveSession(first.token)).not.toBeNull();
    expect(core.auth.resolveSession(second.token)).toBeNull();
    expect(ended).toEqual([second.sessionId]);

    await core.router.handle('auth.signOut', {}, contextOf(first));
    expect(core.auth.resolveSession(first.token)).toBeNull();

    const third = await signIn('dave', 'battery-staple-2');
    if (!third.ok) throw new Error('not signed in');
    await api.accounts.resetPassword({ id: dave.id, password: 'reset-by-admin-3', mustChangePassword: true });
    expect(core.auth.resolveSession(third.token)).toBeNull();

    const fourth = await signIn('dave', 'reset-by-admin-3');
    if (!fourth.ok) throw new Error('not signed in');
    await api.accounts.updateUser({ id: dave.id, enabled: false });
    expect(core.auth.resolveSession(fourth.token)).toBeNull();
    expect((await signIn('dave', 'reset-by-admin-3')).ok).toBe(false);
  });
});

describe('API tokens', () => {
  it('act as their user, stop when revoked or expired, and are stored only hashed', async () => {
    const erin = await aUser('erin', 'viewer');
    const { token, secret } = await api.accounts.createToken({ userId: erin.id, name: 'reporting script', expiresInDays: 2 });
    expect(secret).toMatch(/^pdt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'reporting script', userName: 'erin', createdBy: 'system', expiresAt: clock.now() + 2 * 86_400_000, revokedAt: null });
    const resolved = core.auth.resolveApiToken(secret);
    expect(resolved?.caller.userName).toBe('erin');
    const context = callerContext(resolved?.caller ?? null, 'api-token');
    expect(await core.router.handle('devices.list', {}, context)).toMatchObject({ ok: true });
    expect(await core.router.handle('devices.remove', { ids: [1] }, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    clock.advance(2 * 86_400_000);
    expect(core.auth.resolveApiToken(secret)).toBeNull();

    const other = await api.accounts.createToken({ userId: erin.id, name: 'second' });
    expect(core.auth.resolveApiToken(other.secret)).not.toBeNull();
    await api.accounts.revokeToken({ id: other.token.id });
    expect(core.auth.resolveApiToken(other.secret)).toBeNull();
    expect(core.auth.resolveApiToken(`${other.secret}x`)).toBeNull();
  });
});

describe('the built-in administrator and roles', () => {
  it('cannot be removed, disabled or taken out of Administrators; built-in roles keep their rights', async () => {
    const admin = core.auth.ensureAdministrator();
    const operators = await groupId('operator');
    expect(await core.router.handle('accounts.removeUser', { id: admin.id }, ADMIN)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.router.handle('accounts.updateUser', { id: admin.id, enabled: false }, ADMIN)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.router.handle('accounts.updateUser', { id: admin.id, groupIds: [operators] }, ADMIN)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.router.handle('accounts.updateGroup', { id: operators, permissions: { accounts: 'change' } }, ADMIN)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.router.handle('accounts.removeGroup', { id: operators }, ADMIN)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a matrix with an unknown function or "change" on a view-only one, naming it', async () => {
    expect(await core.router.handle('accounts.createGroup', { name: 'X', permissions: { coffee: 'view' } }, ADMIN)).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/permissions\.coffee/) } });
    expect(await core.router.handle('accounts.createGroup', { name: 'X', permissions: { deviceList: 'change' } }, ADMIN)).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/can only be viewed/) } });
  });

  it('a user in several groups gets the highest level of each function', async () => {
    const a = await api.accounts.createGroup({ name: 'A', permissions: { deviceList: 'view', tasks: 'view' } });
    const b = await api.accounts.createGroup({ name: 'B', permissions: { tasks: 'change', monitoring: 'view' } });
    await api.accounts.createUser({ name: 'frank', password: 'correct-horse-1', groupIds: [a.id, b.id], mustChangePassword: false });
    const outcome = await signIn('frank', 'correct-horse-1');
    expect(outcome.ok && outcome.user.permissions).toEqual({ deviceList: 'view', tasks: 'change', monitoring: 'view' });
  });
});

describe('the system log', () => {
  it('never holds a password or token secret, and refuses to change a row', async () => {
    const grace = await aUser('grace', 'operator', 'secret-pass-XYZ-1');
    await signIn('grace', 'secret-pass-XYZ-1');
    await signIn('grace', 'wrong-secret-ABC');
    const { secret } = await api.accounts.createToken({ userId: grace.id, name: 't' });
    await core.router.handle('accounts.resetPassword', { id: grace.id, password: 'another-secret-Q9', mustChangePassword: false }, ADMIN);
    await core.router.handle('mail.updateSettings', { smtp: { host: 'smtp.example.test', auth: 'plain', user: 'u', password: 'smtp-secret-77' } }, ADMIN);
    const { csv } = await api.audit.exportCsv({});
    const { entries } = await api.audit.list({ limit: 1000 });
    const everything = `${csv}\n${JSON.stringify(entries)}`;
    for (const leaked of ['secret-pass-XYZ-1', 'wrong-secret-ABC', secret, 'another-secret-Q9', 'smtp-secret-77']) expect(everything).not.toContain(leaked);
    expect(entries.find((e) => e.action === 'accounts.resetPassword')?.detail).toMatchObject({ password: '••••••' });
  });

  it('keeps entries for the retention period only', async () => {
    await aUser('heidi');
    await api.audit.updateSettings({ retentionDays: 7 });
    clock.advance(8 * 86_400_000);
    expect(core.audit.prune()).toBeGreaterThan(0);
    expect((await api.audit.list({ user: 'system', action: 'accounts.createUser' })).entries).toEqual([]);
  });

  it('exports CSV with cells a spreadsheet would run as formulas neutralised', async () => {
    // A failed sign-in is logged under the name typed, whatever it is.
    await signIn('=HYPERLINK("http://x","y")', 'x');
    await signIn('@SUM(1+1)', 'x');
    const { csv, count } = await api.audit.exportCsv({ action: 'auth.signIn' });
    expect(count).toBe(2);
    const lines = csv.trim().split('\n');
    expect(lines[1]).toMatch(/^[^,]+,"'=HYPERLINK\(""http:\/\/x"",""y""\)",web,127\.0\.0\.5,auth\.signIn,/);
    expect(lines[2]).toMatch(/^[^,]+,'@SUM\(1\+1\),web,/);
  });
});
