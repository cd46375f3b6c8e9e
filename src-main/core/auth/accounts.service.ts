import type { AccessLevel, FunctionId } from '../../../src-shared/auth/access';
import type { AccountUser, accountsContract, ApiToken, UserGroup } from '../../../src-shared/contract/accounts.contract';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { Clock } from '../monitor/clock';
import type { AccountsRepository, StoredApiToken, StoredUser, StoredUserGroup } from '../store/accounts.repository';
import { StoreError } from '../store/store-error';
import type { AuthService } from './auth.service';
import type { DirectorySettingsService } from './directory-settings';
import type { FunctionRegistry } from './function-registry';

type AccountsImpl = ServiceImpl<typeof accountsContract>;

export interface AccountsServiceDeps {
  accounts: AccountsRepository;
  auth: AuthService;
  functions: FunctionRegistry;
  events: EventHub<AppEvents>;
  clock: Clock;
  /** Directory sign-in settings and their test; absent: the directory methods answer 'unsupported'. */
  directory?: DirectorySettingsService;
}

const DAY_MS = 86_400_000;

/**
 * The "accounts" contract: users, user groups and their function matrix, API tokens and the
 * account settings. Guards the built-in administrator (never removed, disabled or taken out of
 * Administrators) and the built-in roles (fixed grants). Every change is audited by the router.
 */
export class AccountsService implements AccountsImpl {
  constructor(private readonly deps: AccountsServiceDeps) {}

  private now(): number {
    return this.deps.clock.now();
  }

  private changed(): void {
    this.deps.events.emit('accounts.changed', {});
  }

  listFunctions: AccountsImpl['listFunctions'] = () => ({ functions: this.deps.functions.list() });

  listUsers: AccountsImpl['listUsers'] = () => ({ users: this.deps.accounts.listUsers().map((u) => toAccountUser(u, this.deps.clock.now())) });

  createUser: AccountsImpl['createUser'] = async ({ name, displayName, password, groupIds, mustChangePassword }) => {
    this.checkGroups(groupIds);
    this.checkPassword(password);
    const user = this.conflicts(() =>
      this.deps.accounts.insertUser({ name, displayName, source: 'local', builtin: false, passwordHash: null, mustChangePassword, createdAt: this.deps.clock.now(), groupIds }),
    );
    // Hashing is slow: the name is reserved first, so a second create of it fails at once.
    this.deps.accounts.setPassword(user.id, await this.deps.auth.hash(password), mustChangePassword, this.deps.clock.now());
    this.changed();
    return toAccountUser(this.userOrThrow(user.id), this.now());
  };

  updateUser: AccountsImpl['updateUser'] = ({ id, displayName, enabled, groupIds }, context) => {
    const user = this.userOrThrow(id);
    if (groupIds) this.checkGroups(groupIds);
    if (user.builtin) {
      if (enabled === false) throw new AppError('conflict', `${user.name} is the built-in administrator and cannot be disabled.`);
      const admins = this.deps.auth.builtinGroupId('administrator');
      if (groupIds && !groupIds.includes(admins)) throw new AppError('conflict', `${user.name} is the built-in administrator and stays in Administrators.`);
    }
    if (enabled === false && context.caller?.userId === id) throw new AppError('conflict', 'You cannot disable your own account.');
    this.deps.accounts.updateUser(id, { displayName, enabled, groupIds });
    if (enabled === false) this.deps.auth.endSessionsOf(id);
    this.changed();
    return toAccountUser(this.userOrThrow(id), this.now());
  };

  resetPassword: AccountsImpl['resetPassword'] = async ({ id, password, mustChangePassword }) => {
    const user = this.userOrThrow(id);
    if (user.source !== 'local') throw new AppError('unsupported', `${user.name} signs in through the directory; reset the password there.`);
    this.checkPassword(password);
    this.deps.accounts.setPassword(id, await this.deps.auth.hash(password), mustChangePassword, this.deps.clock.now());
    this.deps.auth.endSessionsOf(id);
    this.changed();
    return toAccountUser(this.userOrThrow(id), this.now());
  };

  unlockUser: AccountsImpl['unlockUser'] = ({ id }) => {
    this.userOrThrow(id);
    this.deps.accounts.unlock(id);
    this.changed();
    return toAccountUser(this.userOrThrow(id), this.now());
  };

  removeUser: AccountsImpl['removeUser'] = ({ id }, context) => {
    const user = this.deps.accounts.getUser(id);
    if (!user) return {};
    if (user.builtin) throw new AppError('conflict', `${user.name} is the built-in administrator and cannot be removed.`);
    if (context.caller?.userId === id) throw new AppError('conflict', 'You cannot remove your own account.');
    this.deps.auth.endSessionsOf(id);
    this.deps.accounts.removeUser(id);
    this.changed();
    return {};
  };

  listGroups: AccountsImpl['listGroups'] = () => ({ groups: this.deps.accounts.listGroups().map((g) => this.toUserGroup(g)) });

  createGroup: AccountsImpl['createGroup'] = ({ name, description, permissions, directoryGroups }) => {
    const id = this.conflicts(() => this.deps.accounts.insertGroup({ name, description, permissions: this.checkPermissions(permissions), directoryGroups, at: this.deps.clock.now() }));
    this.changed();
    return this.toUserGroup(this.groupOrThrow(id));
  };

  updateGroup: AccountsImpl['updateGroup'] = ({ id, name, description, permissions, directoryGroups }) => {
    const group = this.groupOrThrow(id);
    if (group.builtin && ((name !== undefined && name !== group.name) || permissions !== undefined)) {
      throw new AppError('conflict', `${group.name} is a built-in role: its name and rights are fixed. Define a group of your own for other rights.`);
    }
    const checked = permissions === undefined ? undefined : this.checkPermissions(permissions);
    this.conflicts(() => this.deps.accounts.updateGroup(id, { name, description, permissions: checked, directoryGroups, at: this.deps.clock.now() }));
    this.changed();
    return this.toUserGroup(this.groupOrThrow(id));
  };

  removeGroup: AccountsImpl['removeGroup'] = ({ id }) => {
    const group = this.deps.accounts.getGroup(id);
    if (!group) return {};
    if (group.builtin) throw new AppError('conflict', `${group.name} is a built-in role and cannot be removed.`);
    this.deps.accounts.removeGroup(id);
    this.changed();
    return {};
  };

  listTokens: AccountsImpl['listTokens'] = () => ({ tokens: this.deps.accounts.listTokens().map(toApiToken) });

  createToken: AccountsImpl['createToken'] = ({ userId, name, expiresInDays }, context) => {
    const user = this.userOrThrow(userId);
    const { secret, hash } = this.deps.auth.newTokenSecret();
    const now = this.deps.clock.now();
    const token = this.deps.accounts.insertToken({
      userId: user.id,
      name,
      tokenHash: hash,
      createdAt: now,
      createdBy: context.caller?.userName ?? 'system',
      expiresAt: expiresInDays === undefined ? null : now + expiresInDays * DAY_MS,
    });
    this.changed();
    return { token: toApiToken(token), secret };
  };

  revokeToken: AccountsImpl['revokeToken'] = ({ id }) => {
    if (!this.deps.accounts.getToken(id)) throw new AppError('not-found', `There is no API token ${id}.`);
    this.deps.accounts.revokeToken(id, this.deps.clock.now());
    this.changed();
    const token = this.deps.accounts.getToken(id);
    if (!token) throw new AppError('not-found', `There is no API token ${id}.`);
    return toApiToken(token);
  };

  getSettings: AccountsImpl['getSettings'] = () => {
    const { minPasswordLength, lockoutAttempts, lockoutMinutes, idleMinutes, desktopRequireSignIn } = this.deps.accounts.getSettings();
    return { minPasswordLength, lockoutAttempts, lockoutMinutes, idleMinutes, desktopRequireSignIn };
  };

  updateSettings: AccountsImpl['updateSettings'] = (changes) => {
    const current = this.deps.accounts.getSettings();
    this.deps.accounts.updateSettings({ ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
    this.changed();
    return this.getSettings({}, { caller: null, host: 'in-process', sessionId: null, address: null });
  };

  getDirectory: AccountsImpl['getDirectory'] = () => this.directory().get();

  updateDirectory: AccountsImpl['updateDirectory'] = (update) => {
    const settings = this.directory().update(update);
    this.changed();
    return settings;
  };

  testDirectory: AccountsImpl['testDirectory'] = (args) => this.directory().test(args);

  // ── helpers ──

  private directory(): DirectorySettingsService {
    if (!this.deps.directory) throw new AppError('unsupported', 'Directory sign-in is not available in this console.');
    return this.deps.directory;
  }

  private userOrThrow(id: number): StoredUser {
    const user = this.deps.accounts.getUser(id);
    if (!user) throw new AppError('not-found', `There is no user ${id}.`);
    return user;
  }

  private groupOrThrow(id: number): StoredUserGroup {
    const group = this.deps.accounts.getGroup(id);
    if (!group) throw new AppError('not-found', `There is no user group ${id}.`);
    return group;
  }

  private checkGroups(ids: readonly number[]): void {
    const known = new Set(this.deps.accounts.listGroups().map((g) => g.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('invalid-argument', `groupIds: there is no user group ${unknown.join(', ')}.`);
  }

  private checkPassword(password: string): void {
    const problem = this.deps.auth.passwordProblem(password);
    if (problem) throw new AppError('invalid-argument', `password: ${problem}`);
  }

  /** Only known functions; "change" only where a function has changes; "none" entries dropped. */
  private checkPermissions(permissions: Readonly<Record<FunctionId, AccessLevel>>): Record<FunctionId, AccessLevel> {
    const result: Record<FunctionId, AccessLevel> = {};
    for (const [fn, level] of Object.entries(permissions)) {
      if (!this.deps.functions.has(fn)) throw new AppError('invalid-argument', `permissions.${fn}: there is no function "${fn}".`);
      if (level === 'change' && this.deps.functions.isViewOnly(fn)) throw new AppError('invalid-argument', `permissions.${fn}: "${fn}" can only be viewed.`);
      if (level !== 'none') result[fn] = level;
    }
    return result;
  }

  private conflicts<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (error instanceof StoreError && error.code === 'store-conflict') throw new AppError('conflict', `${error.message[0]?.toUpperCase() ?? ''}${error.message.slice(1)}.`);
      throw error;
    }
  }

  private toUserGroup(group: StoredUserGroup): UserGroup {
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      builtin: group.builtin,
      permissions: { ...this.deps.auth.permissionsOf(group) },
      directoryGroups: group.directoryGroups,
      memberCount: group.memberCount,
    };
  }
}

function toAccountUser(user: StoredUser, now: number): AccountUser {
  return {
    id: user.id,
    name: user.name,
    displayName: user.displayName,
    source: user.source,
    builtin: user.builtin,
    enabled: user.enabled,
    groupIds: user.groupIds,
    passwordSet: user.passwordHash !== null,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil !== null && user.lockedUntil > now ? user.lockedUntil : null,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

function toApiToken(token: StoredApiToken): ApiToken {
  return { ...token };
}
