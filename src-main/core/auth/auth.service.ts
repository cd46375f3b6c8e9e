import { createHash, randomBytes } from 'node:crypto';
import { builtInPermissions, mergePermissions, type Caller, type Permissions } from '../../../src-shared/auth/access';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { authContract, SessionUser } from '../../../src-shared/contract/auth.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallHost, ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../monitor/clock';
import type { AccountsRepository, StoredUser, StoredUserGroup } from '../store/accounts.repository';
import type { DirectoryAuthenticator } from './directory';
import type { FunctionRegistry } from './function-registry';
import { DEFAULT_COST, hashPassword, verifyPassword, type ScryptCost } from './password-hash';
import { wordMessage, type WordedMessage } from '../../../src-shared/wording/worded-message';

type AuthImpl = ServiceImpl<typeof authContract>;

/** The name of the administrator the first start creates. */
export const BUILTIN_ADMIN_NAME = 'admin';
/** A session ends this long after sign-in, however busy (idle expiry comes from the settings). */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 15_000;
/** One-time sign-in links (serve's first start, tests) work once, within this time. */
const LINK_LIFETIME_MS = 15 * 60_000;
/** Every reason a sign-in fails reads the same to the person signing in (ASVS 16.5.1); the log keeps the reason. */
const SIGN_IN_FAILED_WORDING: WordedMessage = { key: 'signInFailed', params: {} };
export const SIGN_IN_FAILED = wordMessage('en', SIGN_IN_FAILED_WORDING);

export interface SignInMeta {
  host: CallHost;
  address: string | null;
}

export type SignInOutcome = { ok: true; token: string; sessionId: number; caller: Caller; user: SessionUser } | { ok: false; message: string; wording?: WordedMessage };

/** A resolved session or API token: who the call acts for. */
export interface ResolvedCaller {
  caller: Caller;
  sessionId: number | null;
}

export interface AuthServiceDeps {
  accounts: AccountsRepository;
  functions: FunctionRegistry;
  audit: AuditLog;
  events: EventHub<AppEvents>;
  clock: Clock;
  /** The directory to sign unknown or directory users in through, when one is configured. */
  directory?: () => DirectoryAuthenticator | null;
  /** scrypt cost (unit tests lower it; everything else uses the default). */
  passwordCost?: ScryptCost;
}

/**
 * Who is calling: passwords (scrypt) with lockout, sessions with idle and absolute expiry,
 * API tokens, one-time sign-in links, the built-in administrator, and the "auth" contract
 * (me, sign-in on the desktop, sign-out, one's own password). Hosts resolve the caller of
 * every call through it, so a session that ended or a token revoked stops working at once.
 */
export class AuthService implements AuthImpl {
  private readonly links = new Map<string, { userId: number; expiresAt: number }>();
  private readonly endedListeners = new Set<(sessionIds: readonly number[]) => void>();
  /**
   * Failed sign-ins of the built-in administrator, per address: it is locked out only where the
   * failures came from, so nobody who can reach the sign-in page can lock it out of administration.
   */
  private readonly adminFailures = new Map<string, { failures: number; lockedUntil: number | null }>();
  private decoy: Promise<string> | null = null;

  constructor(private readonly deps: AuthServiceDeps) {}

  private get cost(): ScryptCost {
    return this.deps.passwordCost ?? DEFAULT_COST;
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.cost);
  }

  // ── The built-in administrator ─────────────────────────────────────────────

  /** Creates the built-in administrator ("admin", no password yet) when there is none; returns it. */
  ensureAdministrator(): StoredUser {
    const existing = this.deps.accounts.builtinUser();
    if (existing) return existing;
    const taken = this.deps.accounts.findUserByName(BUILTIN_ADMIN_NAME);
    const name = taken ? `${BUILTIN_ADMIN_NAME}-${randomBytes(2).toString('hex')}` : BUILTIN_ADMIN_NAME;
    return this.deps.accounts.insertUser({
      name,
      displayName: 'Administrator',
      source: 'local',
      builtin: true,
      passwordHash: null,
      mustChangePassword: true,
      createdAt: this.deps.clock.now(),
      groupIds: [this.builtinGroupId('administrator')],
    });
  }

  /** The built-in administrator as a caller: the desktop's local user and the CLI act as it. */
  localAdministrator(): Caller {
    return this.callerFor(this.ensureAdministrator(), { ignorePasswordChange: true });
  }

  /** Whether the built-in administrator still has no password of its own (the first start of `serve`). */
  administratorNeedsPassword(): boolean {
    return this.ensureAdministrator().passwordHash === null;
  }

  /** Gives the built-in administrator a random one-time password that must be changed at first sign-in; returns it. */
  async setOneTimeAdministratorPassword(): Promise<string> {
    const admin = this.ensureAdministrator();
    const password = randomBytes(12).toString('base64url');
    this.deps.accounts.setPassword(admin.id, await this.hash(password), true, this.deps.clock.now());
    return password;
  }

  /** Whether the desktop window must show the sign-in screen. */
  desktopSignInRequired(): boolean {
    return this.deps.accounts.getSettings().desktopRequireSignIn;
  }

  // ── Callers ───────────────────────────────────────────────────────────────

  /**
   * What a user may do: the union of their groups (built-in roles computed over every
   * registered function). A user who must first change their password may do nothing else.
   */
  callerFor(user: StoredUser, options: { ignorePasswordChange?: boolean } = {}): Caller {
    const groups = this.deps.accounts.groupsOf(user.groupIds);
    const administrator = groups.some((g) => g.builtin === 'administrator');
    const restricted = user.mustChangePassword && !options.ignorePasswordChange;
    return {
      userId: user.id,
      userName: user.name,
      displayName: user.displayName || user.name,
      administrator: administrator && !restricted,
      permissions: restricted ? {} : mergePermissions(groups.map((g) => this.permissionsOf(g))),
      ...(restricted ? { passwordChangeRequired: true } : {}),
    };
  }

  /** A group's grants: computed for built-in roles, as stored (known functions only) for the others. */
  permissionsOf(group: StoredUserGroup): Permissions {
    const functions = this.deps.functions.ids();
    if (group.builtin) return builtInPermissions(group.builtin, functions);
    return Object.fromEntries(Object.entries(group.permissions).filter(([fn]) => this.deps.functions.has(fn)));
  }

  builtinGroupId(role: 'administrator' | 'operator' | 'viewer'): number {
    const group = this.deps.accounts.listGroups().find((g) => g.builtin === role);
    if (!group) throw new Error(`the built-in group "${role}" is missing (schema 7 creates it)`);
    return group.id;
  }

  // ── Signing in ────────────────────────────────────────────────────────────

  /** Checks a user name and password (local, else the directory) and opens a session. Never throws for a wrong password. */
  async signInWithPassword(userName: string, password: string, meta: SignInMeta): Promise<SignInOutcome> {
    const now = this.deps.clock.now();
    const settings = this.deps.accounts.getSettings();
    let user = this.deps.accounts.findUserByName(userName);
    const fail = (reason: string, known: StoredUser | null): SignInOutcome => {
      this.deps.audit.record({ action: 'auth.signIn', context: { caller: null, ...meta }, userName: known?.name ?? userName, userId: known?.id ?? null, targets: [`user ${userName}`], outcome: 'failed', errorCode: 'unauthorized', message: reason });
      return { ok: false, message: SIGN_IN_FAILED, wording: SIGN_IN_FAILED_WORDING };
    };
    const lockedUntil = user?.builtin ? (this.adminFailures.get(meta.address ?? '')?.lockedUntil ?? null) : (user?.lockedUntil ?? null);
    if (user && lockedUntil !== null && lockedUntil > now) {
      await this.spendDecoy(password);
      return fail(`locked until ${new Date(lockedUntil).toISOString()} after failed sign-ins${user.builtin ? ` from ${meta.address ?? 'this host'}` : ''}`, user);
    }
    if (user && !user.enabled) {
      await this.spendDecoy(password);
      return fail('the account is disabled', user);
    }
    if (user && user.source === 'local') {
      const matches = user.passwordHash !== null && (await verifyPassword(password, user.passwordHash));
      if (!matches) return fail(user.builtin ? this.countAdminFailure(meta.address ?? '', settings.lockoutAttempts, settings.lockoutMinutes, now) : this.countFailure(user, settings.lockoutAttempts, settings.lockoutMinutes, now), user);
    } else {
      const directory = this.deps.directory?.() ?? null;
      if (!directory) {
        await this.spendDecoy(password);
        return fail(user ? 'directory sign-in is not configured' : 'no such user', user);
      }
      const result = await directory.authenticate(userName, password);
      if (!result.ok) {
        const reason = `directory: ${result.message}`;
        return fail(user && result.reason === 'wrong-password' ? `${reason}; ${this.countFailure(user, settings.lockoutAttempts, settings.lockoutMinutes, now)}` : reason, user);
      }
      const groupIds = mappedGroupIds(this.deps.accounts.listGroups(), result.user.groups);
      if (groupIds.length === 0) return fail(`directory: none of the user's groups (${result.user.groups.join('; ') || 'none'}) is mapped to a Printdeck group`, user);
      user = this.upsertDirectoryUser(user, result.user.userName, result.user.displayName, groupIds, now);
    }
    this.deps.accounts.recordSignIn(user.id, now);
    if (user.builtin) this.adminFailures.delete(meta.address ?? '');
    const opened = this.openSession(user, meta);
    this.deps.audit.record({ action: 'auth.signIn', context: { caller: opened.caller, ...meta }, targets: [`user ${user.name}`], outcome: 'ok', message: user.source === 'directory' ? 'signed in through the directory' : null });
    return opened;
  }

  private upsertDirectoryUser(existing: StoredUser | null, userName: string, displayName: string, groupIds: number[], now: number): StoredUser {
    if (existing) {
      this.deps.accounts.updateUser(existing.id, { displayName, groupIds });
      return this.deps.accounts.getUser(existing.id) ?? existing;
    }
    return this.deps.accounts.insertUser({ name: userName, displayName, source: 'directory', builtin: false, passwordHash: null, mustChangePassword: false, createdAt: now, groupIds });
  }

  /** Counts a failure; locks the account when it reaches the limit. Returns the reason for the log. */
  private countFailure(user: StoredUser, limit: number, minutes: number, now: number): string {
    const failures = user.failedAttempts + 1;
    if (failures >= limit) {
      this.deps.accounts.recordFailure(user.id, 0, now + minutes * 60_000);
      return `wrong password (${failures} in a row): locked for ${minutes} minutes`;
    }
    this.deps.accounts.recordFailure(user.id, failures, null);
    return `wrong password (${failures} in a row)`;
  }

  /** The built-in administrator's failures from one address; locks that address only. */
  private countAdminFailure(address: string, limit: number, minutes: number, now: number): string {
    const entry = this.adminFailures.get(address) ?? { failures: 0, lockedUntil: null };
    this.adminFailures.delete(address);
    // Bounded: the oldest addresses are forgotten first (a Map iterates in insertion order).
    if (this.adminFailures.size >= 10_000) this.adminFailures.delete(this.adminFailures.keys().next().value ?? '');
    const failures = entry.failures + 1;
    if (failures >= limit) {
      this.adminFailures.set(address, { failures: 0, lockedUntil: now + minutes * 60_000 });
      return `wrong password (${failures} in a row from ${address || 'this host'}): that address is locked for ${minutes} minutes`;
    }
    this.adminFailures.set(address, { failures, lockedUntil: null });
    return `wrong password (${failures} in a row from ${address || 'this host'})`;
  }

  /** Spends what a password check costs, so a refusal's timing does not tell which names exist or are locked. */
  private async spendDecoy(password: string): Promise<void> {
    this.decoy ??= this.hash(randomBytes(16).toString('hex'));
    await verifyPassword(password, await this.decoy);
  }

  private openSession(user: StoredUser, meta: SignInMeta): { ok: true; token: string; sessionId: number; caller: Caller; user: SessionUser } {
    const token = randomBytes(32).toString('base64url');
    const sessionId = this.deps.accounts.insertSession({ tokenHash: digest(token), userId: user.id, host: meta.host, address: meta.address, at: this.deps.clock.now() });
    const caller = this.callerFor(user);
    return { ok: true, token, sessionId, caller, user: this.sessionUserOf(user, caller) };
  }

  /** A one-time link code that signs `userId` in (default: the built-in administrator). */
  createSignInLink(userId?: number): string {
    const user = userId === undefined ? this.ensureAdministrator() : this.deps.accounts.getUser(userId);
    if (!user) throw new AppError('not-found', `no user ${userId ?? ''}`);
    const code = randomBytes(24).toString('base64url');
    this.links.set(code, { userId: user.id, expiresAt: this.deps.clock.now() + LINK_LIFETIME_MS });
    return code;
  }

  /** Uses a one-time link: a session for its user, or a failure when it is unknown, used or stale. */
  redeemSignInLink(code: string, meta: SignInMeta): SignInOutcome {
    const link = this.links.get(code);
    this.links.delete(code);
    const user = link && link.expiresAt > this.deps.clock.now() ? this.deps.accounts.getUser(link.userId) : null;
    if (!user || !user.enabled) {
      this.deps.audit.record({ action: 'auth.signInLink', context: { caller: null, ...meta }, outcome: 'failed', errorCode: 'unauthorized', message: 'an unknown, used or expired one-time sign-in link' });
      return { ok: false, message: 'This sign-in link was already used or has expired. Sign in with your user name and password.' };
    }
    this.deps.accounts.recordSignIn(user.id, this.deps.clock.now());
    const opened = this.openSession(user, meta);
    this.deps.audit.record({ action: 'auth.signInLink', context: { caller: opened.caller, ...meta }, targets: [`user ${user.name}`], outcome: 'ok' });
    return opened;
  }

  // ── Sessions and tokens ──────────────────────────────────────────────────

  /**
   * The caller of a session token, or null when it is unknown, idle too long, too old, or its user
   * disabled. A call counts as activity (`touch`, default); a host checking who may receive a
   * pushed event passes `touch: false`, so events alone never keep an idle session alive.
   */
  resolveSession(token: string, options: { touch?: boolean } = {}): ResolvedCaller | null {
    const session = this.deps.accounts.findSession(digest(token));
    if (!session) return null;
    const now = this.deps.clock.now();
    const idleMs = this.deps.accounts.getSettings().idleMinutes * 60_000;
    const user = this.deps.accounts.getUser(session.userId);
    if (!user || !user.enabled || now - session.lastSeenAt > idleMs || now - session.createdAt >= SESSION_LIFETIME_MS) {
      this.deps.accounts.removeSession(session.id);
      if (user) this.deps.audit.record({ action: 'auth.sessionExpired', context: { caller: null, host: hostOf(session.host), address: session.address }, userName: user.name, userId: user.id, outcome: 'ok', message: user.enabled ? 'idle or too old' : 'the user was disabled' });
      this.notifyEnded([session.id]);
      return null;
    }
    if ((options.touch ?? true) && now - session.lastSeenAt >= TOUCH_EVERY_MS) this.deps.accounts.touchSession(session.id, now);
    return { caller: this.callerFor(user), sessionId: session.id };
  }

  /** The caller of an API token ("Authorization: Bearer …"), or null when unknown, revoked, expired or its user disabled. */
  resolveApiToken(secret: string): ResolvedCaller | null {
    const token = this.deps.accounts.findTokenByHash(digest(secret));
    const now = this.deps.clock.now();
    if (!token || token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) return null;
    const user = this.deps.accounts.getUser(token.userId);
    if (!user || !user.enabled) return null;
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS) this.deps.accounts.touchToken(token.id, now);
    return { caller: this.callerFor(user, { ignorePasswordChange: true }), sessionId: null };
  }

  /** Ends a session by its token (the web sign-out); unknown tokens are no error. */
  endSessionByToken(token: string, meta: SignInMeta): void {
    const session = this.deps.accounts.findSession(digest(token));
    if (!session) return;
    const user = this.deps.accounts.getUser(session.userId);
    this.deps.accounts.removeSession(session.id);
    this.deps.audit.record({ action: 'auth.signOut', context: { caller: user ? this.callerFor(user) : null, ...meta }, userName: user?.name, outcome: 'ok' });
    this.notifyEnded([session.id]);
  }

  /** Ends every session of a user but `keep` (password change, reset, disable, removal). */
  endSessionsOf(userId: number, keep: number | null = null): void {
    const ended = this.deps.accounts.removeSessionsOf(userId, keep);
    if (ended.length > 0) this.notifyEnded(ended);
  }

  /** Hosts close connections of sessions that ended; returns the disposer. */
  onSessionsEnded(listener: (sessionIds: readonly number[]) => void): () => void {
    this.endedListeners.add(listener);
    return () => void this.endedListeners.delete(listener);
  }

  private notifyEnded(ids: readonly number[]): void {
    for (const listener of [...this.endedListeners]) listener(ids);
  }

  /** A new API token's secret and hash (the hash is what the store keeps). */
  newTokenSecret(): { secret: string; hash: string } {
    const secret = `pdt_${randomBytes(32).toString('base64url')}`;
    return { secret, hash: digest(secret) };
  }

  // ── The "auth" contract ──────────────────────────────────────────────────

  me: AuthImpl['me'] = (_args, context) => ({
    user: context.caller ? this.sessionUser(context.caller) : null,
    host: context.host,
    signInRequired: context.host === 'web' || (context.host === 'desktop' && this.desktopSignInRequired()),
  });

  signIn: AuthImpl['signIn'] = async ({ userName, password }, context) => {
    if (!context.hostSession) throw new AppError('unsupported', 'Sign in through the sign-in page of the console.');
    const outcome = await this.signInWithPassword(userName, password, { host: context.host, address: context.address });
    if (!outcome.ok) throw new AppError('unauthorized', outcome.message, undefined, outcome.wording);
    context.hostSession.adopt(outcome.token);
    return { user: outcome.user };
  };

  signOut: AuthImpl['signOut'] = (_args, context) => {
    if (context.sessionId !== null) {
      this.deps.accounts.removeSession(context.sessionId);
      this.notifyEnded([context.sessionId]);
    }
    context.hostSession?.drop();
    this.deps.audit.record({ action: 'auth.signOut', context, outcome: 'ok' });
    return {};
  };

  changePassword: AuthImpl['changePassword'] = async ({ current, next }, context) => {
    const user = context.caller ? this.deps.accounts.getUser(context.caller.userId) : null;
    if (!user) throw new AppError('unsupported', 'This caller has no password of its own to change.');
    const record = (outcome: 'ok' | 'failed', message: string | null): void =>
      this.deps.audit.record({ action: 'auth.changePassword', context, targets: [`user ${user.name}`], outcome, errorCode: outcome === 'ok' ? null : 'invalid-argument', message });
    if (user.source !== 'local') throw new AppError('unsupported', 'Directory users change their password in the directory.');
    if (user.passwordHash === null || !(await verifyPassword(current, user.passwordHash))) {
      record('failed', 'the current password was wrong');
      throw new AppError('unauthorized', 'The current password is wrong.');
    }
    const problem = this.passwordProblem(next) ?? (next === current ? 'The new password must differ from the current one.' : null);
    if (problem) {
      record('failed', problem);
      throw new AppError('invalid-argument', problem);
    }
    this.deps.accounts.setPassword(user.id, await this.hash(next), false, this.deps.clock.now());
    this.endSessionsOf(user.id, context.sessionId);
    record('ok', null);
    this.deps.events.emit('accounts.changed', {});
    return {};
  };

  /** Why a new password is refused (too short), or null. */
  passwordProblem(password: string): string | null {
    const min = this.deps.accounts.getSettings().minPasswordLength;
    return [...password].length < min ? `The password must have at least ${min} characters.` : null;
  }

  private sessionUser(caller: Caller): SessionUser {
    const user = caller.userId > 0 ? this.deps.accounts.getUser(caller.userId) : null;
    if (!user) return { id: caller.userId, name: caller.userName, displayName: caller.displayName, administrator: caller.administrator, permissions: { ...caller.permissions }, mustChangePassword: false, source: 'local' };
    return this.sessionUserOf(user, caller);
  }

  private sessionUserOf(user: StoredUser, caller: Caller): SessionUser {
    return {
      id: user.id,
      name: user.name,
      displayName: user.displayName || user.name,
      administrator: caller.administrator,
      permissions: { ...caller.permissions },
      mustChangePassword: caller.passwordChangeRequired === true,
      source: user.source,
    };
  }
}

/** SHA-256 of a high-entropy secret (session or API token): what the store keeps instead of it. */
function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function hostOf(text: string): CallHost {
  return text === 'desktop' || text === 'web' || text === 'cli' || text === 'api-token' ? text : 'in-process';
}

/**
 * Printdeck groups a directory user gets: those whose directory groups name one of the user's,
 * compared without case, by whole DN or by its first RDN's value ("CN=Print Admins,OU=…" matches "Print Admins").
 */
export function mappedGroupIds(groups: readonly StoredUserGroup[], directoryGroups: readonly string[]): number[] {
  const names = new Set<string>();
  for (const dn of directoryGroups) {
    names.add(dn.trim().toLowerCase());
    const first = /^[^=,]+=((?:\\.|[^,\\])+)/.exec(dn.trim());
    if (first?.[1]) names.add(first[1].trim().toLowerCase());
  }
  return groups.filter((g) => g.directoryGroups.some((d) => names.has(d.trim().toLowerCase()))).map((g) => g.id);
}

