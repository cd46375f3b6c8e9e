import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import type { AccountUser, ApiToken } from '../../../src-shared/contract/accounts.contract';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import { errorOf, mustOpenApi, openApi, postSignIn, signIn } from '../server/server-rig';
import { describeResult, requireBuiltCli, runCli, type CliResult } from './cli-process';

/**
 * `printdeck users …` and `printdeck tokens …` run as separate processes against a temp data
 * folder, as an administrator would for setting up and recovery. The last tests serve the same
 * folder from this process (HTTP on 127.0.0.1, a free port) while the CLI changes it.
 */

let dataDir: string;
const passwords = { admin: 'recovered-admin-password', alice: 'alice-first-password', alice2: 'alice-second-password', ops: 'ops-team-password' };
/** Token secrets printed by the CLI: none may end up in the system log. */
const printedSecrets: string[] = [];

beforeAll(async () => {
  requireBuiltCli();
  dataDir = await mkdtemp(join(tmpdir(), 'printdeck-cli-users-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], input?: string): Promise<CliResult> => runCli([...args, '--data', dataDir], 20_000, input === undefined ? {} : { input });
type ListedUser = AccountUser & { groups: string[] };
const listUsers = async (): Promise<ListedUser[]> => {
  const result = await cli(['users', 'list', '--json']);
  expect(result.code, describeResult(result)).toBe(0);
  return JSON.parse(result.stdout) as ListedUser[];
};

/** Opens the data folder in this process for a look at what the CLI did; disposes it after `use`. */
async function withCore<T>(use: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ databaseFile: join(dataDir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
  try {
    return await use(core);
  } finally {
    await core.dispose();
  }
}

describe('printdeck users', () => {
  it('refuses a data folder that does not exist, or one without console data for a list (exit 65)', async () => {
    const missing = await runCli(['users', 'list', '--data', join(dataDir, 'no-such-folder')]);
    expect(missing.code, describeResult(missing)).toBe(65);
    expect(missing.stderr).toMatch(/--data ".*no-such-folder": no such folder/);
    const empty = await runCli(['users', 'list', '--data', dataDir]);
    expect(empty.code, describeResult(empty)).toBe(65);
    expect(empty.stderr).toMatch(/no console data there \(printdeck\.db is missing\)/);
  });

  it('passwd sets the built-in administrator\'s password in a new data folder (bootstrap), read from --password-stdin', async () => {
    const result = await cli(['users', 'passwd', 'admin', '--password-stdin'], `${passwords.admin}\n`);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/^Password of "admin" set/);
    expect(result.stdout + result.stderr, 'the password is never echoed').not.toContain(passwords.admin);
    const [admin] = await listUsers();
    expect(admin).toMatchObject({ name: 'admin', builtin: true, passwordSet: true, mustChangePassword: false, groups: ['Administrators'] });
  });

  it('add creates a user with a role and a display name; list shows it', async () => {
    const result = await cli(['users', 'add', 'alice', '--role', 'operator', '--display-name', 'Alice Archer', '--password-stdin'], `${passwords.alice}\r\n`);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toBe('User "alice" added to Operators.\n');
    const alice = (await listUsers()).find((u) => u.name === 'alice');
    expect(alice).toMatchObject({ displayName: 'Alice Archer', enabled: true, passwordSet: true, mustChangePassword: false, groups: ['Operators'] });
    const table = await cli(['users', 'list']);
    expect(table.stdout).toMatch(/^NAME +DISPLAY NAME +GROUPS +STATE +LAST SIGN-IN$/m);
    expect(table.stdout).toMatch(/^alice +Alice Archer +Operators +enabled +never$/m);
  });

  it('add accepts a user group by name and --temporary (a new password at the first sign-in)', async () => {
    await withCore(async (core) => {
      await core.api.accounts.createGroup({ name: 'Help desk', description: '', permissions: { deviceList: 'view' }, directoryGroups: [] }, internalContext());
    });
    const result = await cli(['users', 'add', 'ops', '--role', 'help DESK', '--role', 'viewer', '--temporary', '--password-stdin'], `${passwords.ops}\n`);
    expect(result.code, describeResult(result)).toBe(0);
    const ops = (await listUsers()).find((u) => u.name === 'ops');
    expect(ops?.mustChangePassword).toBe(true);
    expect([...(ops?.groups ?? [])].sort()).toEqual(['Help desk', 'Viewers']);
  });

  it.each([
    ['no user name', ['users', 'add', '--role', 'viewer', '--password-stdin'], '', /users add needs a user name/],
    ['no role', ['users', 'add', 'bob', '--password-stdin'], '', /users add needs --role administrator\|operator\|viewer\|<user group name>/],
    ['an unknown role', ['users', 'add', 'bob', '--role', 'wizard', '--password-stdin'], '', /--role "wizard" is neither administrator, operator, viewer nor a user group \(Administrators, Operators, Viewers, Help desk\)/],
    ['an unknown action', ['users', 'remove', 'bob'], '', /users: unknown action "remove"/],
    ['an option of another action', ['users', 'list', '--role', 'viewer'], '', /--role does not go with users list/],
    ['a password that is too short', ['users', 'add', 'bob', '--role', 'viewer', '--password-stdin'], 'short\n', /password: The password must have at least 10 characters/],
    ['a user name with a space', ['users', 'add', 'bob smith', '--role', 'viewer', '--password-stdin'], 'long-enough-password\n', /name: a user name without spaces or ":"/],
    ['no password on stdin', ['users', 'passwd', 'alice', '--password-stdin'], '', /--password-stdin: no password on the standard input/],
  ])('refuses %s with exit 2 and a message naming it', async (_what, args, input, message) => {
    const result = await cli(args, input);
    expect({ code: result.code, stdout: result.stdout }, describeResult(result)).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
  });

  it('without --password-stdin and without a terminal, asks for --password-stdin (exit 2) and changes nothing', async () => {
    const result = await cli(['users', 'add', 'bob', '--role', 'viewer']);
    expect(result.code, describeResult(result)).toBe(2);
    expect(result.stderr).toMatch(/the standard input is not a terminal: pass --password-stdin/);
    expect((await listUsers()).map((u) => u.name)).not.toContain('bob');
  });

  it.each([
    ['a name that is taken', ['users', 'add', 'ALICE', '--role', 'viewer', '--password-stdin'], /a user "ALICE" exists already/],
    ['an unknown user', ['users', 'passwd', 'nobody', '--password-stdin'], /no user "nobody" \(printdeck users list shows them\)/],
    ['disabling the built-in administrator', ['users', 'disable', 'admin'], /admin is the built-in administrator and cannot be disabled/],
  ])('refuses %s with exit 65', async (_what, args, message) => {
    const result = await cli(args, 'long-enough-password\n');
    expect(result.code, describeResult(result)).toBe(65);
    expect(result.stderr).toMatch(message);
  });

  it('disable stops a user signing in; enable lets them again', async () => {
    expect((await cli(['users', 'disable', 'alice'])).code).toBe(0);
    expect((await listUsers()).find((u) => u.name === 'alice')?.enabled).toBe(false);
    await withCore(async (core) => {
      expect((await core.auth.signInWithPassword('alice', passwords.alice, { host: 'web', address: null })).ok).toBe(false);
    });
    const enabled = await cli(['users', 'enable', 'alice']);
    expect([enabled.code, enabled.stdout]).toEqual([0, 'User "alice" enabled.\n']);
    await withCore(async (core) => {
      expect((await core.auth.signInWithPassword('alice', passwords.alice, { host: 'web', address: null })).ok).toBe(true);
    });
  });

  it('passwd unlocks a locked-out user, and recovers the built-in administrator (never locked account-wide: only where failures came from)', async () => {
    await withCore(async (core) => {
      for (let i = 0; i < 5; i++) await core.auth.signInWithPassword('alice', `wrong-${i}`, { host: 'web', address: null });
      expect((await core.auth.signInWithPassword('alice', passwords.alice, { host: 'web', address: null })).ok, 'locked').toBe(false);
      for (let i = 0; i < 5; i++) await core.auth.signInWithPassword('admin', `wrong-${i}`, { host: 'web', address: '127.0.0.99' });
      expect((await core.auth.signInWithPassword('admin', passwords.admin, { host: 'web', address: '127.0.0.99' })).ok, 'locked at that address').toBe(false);
      expect((await core.auth.signInWithPassword('admin', passwords.admin, { host: 'web', address: '127.0.0.98' })).ok, 'not elsewhere').toBe(true);
    });
    expect((await cli(['users', 'list'])).stdout).toMatch(/^alice .*locked until \d{4}-\d\d-\d\d \d\d:\d\d UTC/m);
    const unlockedPassword = 'alice-unlocked-password';
    const unlocked = await cli(['users', 'passwd', 'alice', '--password-stdin'], `${unlockedPassword}\n`);
    expect(unlocked.code, describeResult(unlocked)).toBe(0);
    expect(unlocked.stdout).toMatch(/^Password of "alice" set and unlocked/);
    const newPassword = 'a-brand-new-admin-password';
    const result = await cli(['users', 'passwd', 'admin', '--password-stdin'], `${newPassword}\n`);
    expect(result.code, describeResult(result)).toBe(0);
    await withCore(async (core) => {
      expect((await core.auth.signInWithPassword('alice', unlockedPassword, { host: 'web', address: null })).ok).toBe(true);
      expect((await core.auth.signInWithPassword('admin', newPassword, { host: 'web', address: null })).ok).toBe(true);
    });
    passwords.admin = newPassword;
    passwords.alice = unlockedPassword;
  });
});

describe('printdeck tokens', () => {
  let tokenId = 0;

  it('create prints the secret alone on stdout, once; list shows the token but never the secret', async () => {
    const created = await cli(['tokens', 'create', 'alice', '--name', 'nightly export', '--expires', '30']);
    expect(created.code, describeResult(created)).toBe(0);
    expect(created.stdout).toMatch(/^pdt_[A-Za-z0-9_-]{43}\n$/);
    const secret = created.stdout.trim();
    printedSecrets.push(secret);
    expect(created.stderr).toMatch(/^API token (\d+) "nightly export" acts as alice until \d{4}-\d\d-\d\d \d\d:\d\d UTC\. It is shown this once/);
    tokenId = Number(/^API token (\d+)/.exec(created.stderr)?.[1]);
    const listed = await cli(['tokens', 'list', '--json']);
    expect(listed.code, describeResult(listed)).toBe(0);
    const tokens = JSON.parse(listed.stdout) as ApiToken[];
    expect(tokens).toEqual([expect.objectContaining({ id: tokenId, name: 'nightly export', userName: 'alice', createdBy: 'admin', revokedAt: null })]);
    expect(listed.stdout).not.toContain(secret);
    expect((await cli(['tokens', 'list'])).stdout).toMatch(new RegExp(`^${tokenId} +nightly export +alice +.* active$`, 'm'));
  });

  it.each([
    ['no user', ['tokens', 'create'], 2, /tokens create needs the name of the user/],
    ['an unknown user', ['tokens', 'create', 'nobody'], 65, /no user "nobody"/],
    ['a bad expiry', ['tokens', 'create', 'alice', '--expires', '0'], 2, /--expires "0" must be a whole number from 1 to 3650/],
    ['a bad id', ['tokens', 'revoke', 'abc'], 2, /the token id "abc" must be a whole number/],
    ['an unknown id', ['tokens', 'revoke', '999'], 65, /There is no API token 999/],
  ])('refuses %s', async (_what, args, code, message) => {
    const result = await cli(args);
    expect(result.code, describeResult(result)).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('revoke ends the token', async () => {
    const result = await cli(['tokens', 'revoke', String(tokenId)]);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^API token ${tokenId} "nightly export" of alice is revoked`));
    const [token] = JSON.parse((await cli(['tokens', 'list', '--json'])).stdout) as ApiToken[];
    expect(token?.revokedAt).toEqual(expect.any(Number));
  });

  it('every change is in the system log as the built-in administrator on host "cli", without passwords or token secrets', async () => {
    const entries = await withCore(async (core) => (await core.api.audit.list({ limit: 1000 }, internalContext())).entries);
    const cliEntries = entries.filter((e) => e.host === 'cli');
    expect(new Set(cliEntries.map((e) => e.action))).toEqual(new Set(['accounts.resetPassword', 'accounts.createUser', 'accounts.updateUser', 'accounts.createToken', 'accounts.revokeToken']));
    expect(new Set(cliEntries.map((e) => e.userName))).toEqual(new Set(['admin']));
    expect(cliEntries.find((e) => e.action === 'accounts.createUser' && e.targets.some((t) => t.includes('alice')))).toMatchObject({ outcome: 'ok' });
    const text = JSON.stringify(entries);
    const leaked = [...Object.values(passwords), ...printedSecrets, 'a-brand-new-admin-password'].filter((secret) => text.includes(secret));
    expect(leaked).toEqual([]);
  });
});

describe('the CLI while the console serves the same data folder', () => {
  let core: Core;
  let server: RunningServer;

  beforeAll(async () => {
    core = await createCore({ databaseFile: join(dataDir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
    server = await createServer({ core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), log: () => undefined });
  });
  afterAll(async () => {
    await server?.close();
    await core?.dispose();
  });

  it("a token revoked by the CLI fails its open connection's next call with 'unauthorized' (4401), and new handshakes with 401", async () => {
    const created = await cli(['tokens', 'create', 'alice', '--name', 'live']);
    expect(created.code, describeResult(created)).toBe(0);
    const secret = created.stdout.trim();
    const id = /^API token (\d+)/.exec(created.stderr)?.[1] ?? '';
    const api = await mustOpenApi(server.port, { Authorization: `Bearer ${secret}` });
    expect(await api.call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'alice' }, host: 'api-token' } });

    expect((await cli(['tokens', 'revoke', id])).code).toBe(0);
    // The server heard nothing of it (another process): the next call finds out.
    expect(errorOf(await api.call('devices.list')).code).toBe('unauthorized');
    expect(await api.closed).toBe(4401);
    expect(await openApi(server.port, { Authorization: `Bearer ${secret}` })).toEqual({ ok: false, status: 401, body: '' });
  });

  it("users passwd from the CLI ends the user's web sessions and the old password", async () => {
    const cookie = await signIn(server.port, 'alice', passwords.alice);
    const origin = `http://127.0.0.1:${server.port}`;
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    expect(await api.call('devices.list')).toMatchObject({ ok: true });
    expect((await cli(['users', 'passwd', 'alice', '--password-stdin'], `${passwords.alice2}\n`)).code).toBe(0);
    expect(errorOf(await api.call('devices.list')).code).toBe('unauthorized');
    expect(await api.closed).toBe(4401);
    expect((await postSignIn(server.port, 'alice', passwords.alice)).status).toBe(401);
    expect((await postSignIn(server.port, 'alice', passwords.alice2)).status).toBe(200);
  });
});
