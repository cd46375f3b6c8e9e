import type { AccessLevel, BuiltInRole, FunctionId } from '../../../src-shared/auth/access';
import type { AccountSettings } from '../../../src-shared/contract/accounts.contract';
import type { Database } from './database';
import { uniquely } from './store-error';

/** A user as stored (the hash never leaves core/auth). */
export interface StoredUser {
  id: number;
  name: string;
  displayName: string;
  source: 'local' | 'directory';
  builtin: boolean;
  passwordHash: string | null;
  mustChangePassword: boolean;
  enabled: boolean;
  failedAttempts: number;
  lockedUntil: number | null;
  createdAt: number;
  lastSignInAt: number | null;
  groupIds: number[];
}

export interface StoredUserGroup {
  id: number;
  name: string;
  description: string;
  builtin: BuiltInRole | null;
  /** As stored; built-in roles' grants are computed by the caller instead. */
  permissions: Record<FunctionId, AccessLevel>;
  directoryGroups: string[];
  memberCount: number;
}

export interface StoredSession {
  id: number;
  userId: number;
  host: string;
  address: string | null;
  createdAt: number;
  lastSeenAt: number;
}

export interface StoredApiToken {
  id: number;
  userId: number;
  userName: string;
  name: string;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface StoredAccountSettings extends AccountSettings {
  auditRetentionDays: number;
  /** The directory sign-in settings as JSON (owned by core/auth/directory), or null. */
  directory: string | null;
}

interface UserRow {
  id: number;
  name: string;
  display_name: string;
  source: 'local' | 'directory';
  builtin: number;
  password_hash: string | null;
  must_change_password: number;
  enabled: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  last_sign_in_at: number | null;
  group_ids: string | null;
}

interface GroupRow {
  id: number;
  name: string;
  description: string;
  builtin: BuiltInRole | null;
  permissions: string;
  directory_groups: string;
  member_count: number;
}

interface TokenRow {
  id: number;
  user_id: number;
  user_name: string;
  name: string;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

interface SettingsRow {
  min_password_length: number;
  lockout_attempts: number;
  lockout_minutes: number;
  idle_minutes: number;
  audit_retention_days: number;
  desktop_require_sign_in: number;
  directory: string | null;
}

const USER_SELECT = `SELECT u.*, (SELECT group_concat(group_id) FROM user_group_members m WHERE m.user_id = u.id) AS group_ids FROM users u`;
const GROUP_SELECT = `SELECT g.*, (SELECT count(*) FROM user_group_members m WHERE m.group_id = g.id) AS member_count FROM user_groups g`;
const TOKEN_SELECT = `SELECT t.*, u.name AS user_name FROM api_tokens t JOIN users u ON u.id = t.user_id`;

/** Users, user groups and memberships, sessions, API tokens and account settings. Secrets arrive here already hashed. */
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  // Users

  listUsers(): StoredUser[] {
    return this.db.prepare<[], UserRow>(`${USER_SELECT} ORDER BY u.name COLLATE NOCASE`).all().map(toUser);
  }

  getUser(id: number): StoredUser | null {
    const row = this.db.prepare<[number], UserRow>(`${USER_SELECT} WHERE u.id = ?`).get(id);
    return row ? toUser(row) : null;
  }

  findUserByName(name: string): StoredUser | null {
    const row = this.db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.name = ? COLLATE NOCASE`).get(name);
    return row ? toUser(row) : null;
  }

  builtinUser(): StoredUser | null {
    const row = this.db.prepare<[], UserRow>(`${USER_SELECT} WHERE u.builtin = 1`).get();
    return row ? toUser(row) : null;
  }

  /** Inserts a user with their groups in one transaction; StoreError 'store-conflict' when the name is taken. */
  insertUser(user: { name: string; displayName: string; source: 'local' | 'directory'; builtin: boolean; passwordHash: string | null; mustChangePassword: boolean; createdAt: number; groupIds: readonly number[] }): StoredUser {
    const id = this.db.transaction(() =>
      uniquely(user.name, () => {
        const result = this.db
          .prepare('INSERT INTO users (name, display_name, source, builtin, password_hash, must_change_password, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(user.name, user.displayName, user.source, user.builtin ? 1 : 0, user.passwordHash, user.mustChangePassword ? 1 : 0, user.createdAt, user.passwordHash === null ? null : user.createdAt);
        const userId = Number(result.lastInsertRowid);
        this.writeGroups(userId, user.groupIds);
        return userId;
      }),
    )();
    const stored = this.getUser(id);
    if (!stored) throw new Error(`user ${id} vanished after insert`);
    return stored;
  }

  updateUser(id: number, changes: { displayName?: string; enabled?: boolean; groupIds?: readonly number[] }): void {
    this.db.transaction(() => {
      if (changes.displayName !== undefined) this.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(changes.displayName, id);
      if (changes.enabled !== undefined) this.db.prepare('UPDATE users SET enabled = ? WHERE id = ?').run(changes.enabled ? 1 : 0, id);
      if (changes.groupIds !== undefined) this.writeGroups(id, changes.groupIds);
    })();
  }

  setPassword(id: number, passwordHash: string, mustChange: boolean, at: number): void {
    this.db
      .prepare('UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?')
      .run(passwordHash, mustChange ? 1 : 0, at, id);
  }

  /** Records a failed sign-in: the count of failures in a row and, when they lock the account, until when. */
  recordFailure(id: number, failedAttempts: number, lockedUntil: number | null): void {
    this.db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
  }

  recordSignIn(id: number, at: number): void {
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(at, id);
  }

  unlock(id: number): void {
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  removeUser(id: number): void {
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
  }

  private writeGroups(userId: number, groupIds: readonly number[]): void {
    this.db.prepare('DELETE FROM user_group_members WHERE user_id = ?').run(userId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO user_group_members (user_id, group_id) VALUES (?, ?)');
    for (const groupId of groupIds) insert.run(userId, groupId);
  }

  // Groups

  listGroups(): StoredUserGroup[] {
    return this.db.prepare<[], GroupRow>(`${GROUP_SELECT} ORDER BY g.builtin IS NULL, g.id * (g.builtin IS NOT NULL), g.name COLLATE NOCASE`).all().map(toGroup);
  }

  getGroup(id: number): StoredUserGroup | null {
    const row = this.db.prepare<[number], GroupRow>(`${GROUP_SELECT} WHERE g.id = ?`).get(id);
    return row ? toGroup(row) : null;
  }

  groupsOf(ids: readonly number[]): StoredUserGroup[] {
    if (ids.length === 0) return [];
    return this.db.prepare<number[], GroupRow>(`${GROUP_SELECT} WHERE g.id IN (${ids.map(() => '?').join(',')})`).all(...ids).map(toGroup);
  }

  insertGroup(group: { name: string; description: string; permissions: Record<FunctionId, AccessLevel>; directoryGroups: readonly string[]; at: number }): number {
    return uniquely(group.name, () =>
      Number(
        this.db
          .prepare('INSERT INTO user_groups (name, description, permissions, directory_groups, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(group.name, group.description, JSON.stringify(group.permissions), JSON.stringify(group.directoryGroups), group.at, group.at).lastInsertRowid,
      ),
    );
  }

  updateGroup(id: number, changes: { name?: string; description?: string; permissions?: Record<FunctionId, AccessLevel>; directoryGroups?: readonly string[]; at: number }): void {
    const current = this.getGroup(id);
    if (!current) return;
    const next = { ...current, ...definedOnly(changes) };
    uniquely(next.name, () =>
      this.db
        .prepare('UPDATE user_groups SET name = ?, description = ?, permissions = ?, directory_groups = ?, updated_at = ? WHERE id = ?')
        .run(next.name, next.description, JSON.stringify(next.permissions), JSON.stringify(next.directoryGroups), changes.at, id),
    );
  }

  removeGroup(id: number): void {
    this.db.prepare('DELETE FROM user_groups WHERE id = ? AND builtin IS NULL').run(id);
  }

  // Sessions

  insertSession(session: { tokenHash: string; userId: number; host: string; address: string | null; at: number }): number {
    return Number(
      this.db
        .prepare('INSERT INTO sessions (token_hash, user_id, host, address, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(session.tokenHash, session.userId, session.host, session.address, session.at, session.at).lastInsertRowid,
    );
  }

  findSession(tokenHash: string): StoredSession | null {
    const row = this.db
      .prepare<[string], { id: number; user_id: number; host: string; address: string | null; created_at: number; last_seen_at: number }>('SELECT * FROM sessions WHERE token_hash = ?')
      .get(tokenHash);
    return row ? { id: row.id, userId: row.user_id, host: row.host, address: row.address, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : null;
  }

  touchSession(id: number, at: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
  }

  removeSession(id: number): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  /** Ends every session of a user but `keep`; returns the ids ended. */
  removeSessionsOf(userId: number, keep: number | null = null): number[] {
    const ids = this.db.prepare<[number, number], { id: number }>('SELECT id FROM sessions WHERE user_id = ? AND id != ?').all(userId, keep ?? -1).map((r) => r.id);
    this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?').run(userId, keep ?? -1);
    return ids;
  }

  /** Deletes sessions idle since before `idleBefore` or older than `createdBefore`; returns the ids. */
  removeStaleSessions(idleBefore: number, createdBefore: number): number[] {
    const ids = this.db.prepare<[number, number], { id: number }>('SELECT id FROM sessions WHERE last_seen_at < ? OR created_at < ?').all(idleBefore, createdBefore).map((r) => r.id);
    this.db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idleBefore, createdBefore);
    return ids;
  }

  // API tokens

  insertToken(token: { userId: number; name: string; tokenHash: string; createdAt: number; createdBy: string; expiresAt: number | null }): StoredApiToken {
    const id = Number(
      this.db
        .prepare('INSERT INTO api_tokens (user_id, name, token_hash, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(token.userId, token.name, token.tokenHash, token.createdAt, token.createdBy, token.expiresAt).lastInsertRowid,
    );
    const stored = this.getToken(id);
    if (!stored) throw new Error(`token ${id} vanished after insert`);
    return stored;
  }

  listTokens(): StoredApiToken[] {
    return this.db.prepare<[], TokenRow>(`${TOKEN_SELECT} ORDER BY t.id DESC`).all().map(toToken);
  }

  getToken(id: number): StoredApiToken | null {
    const row = this.db.prepare<[number], TokenRow>(`${TOKEN_SELECT} WHERE t.id = ?`).get(id);
    return row ? toToken(row) : null;
  }

  findTokenByHash(tokenHash: string): StoredApiToken | null {
    const row = this.db.prepare<[string], TokenRow>(`${TOKEN_SELECT} WHERE t.token_hash = ?`).get(tokenHash);
    return row ? toToken(row) : null;
  }

  touchToken(id: number, at: number): void {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  revokeToken(id: number, at: number): void {
    this.db.prepare('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(at, id);
  }

  // Settings

  getSettings(): StoredAccountSettings {
    const row = this.db.prepare<[], SettingsRow>('SELECT * FROM account_settings WHERE id = 1').get();
    if (!row) throw new Error('account_settings has no row (schema 7 creates it)');
    return {
      minPasswordLength: row.min_password_length,
      lockoutAttempts: row.lockout_attempts,
      lockoutMinutes: row.lockout_minutes,
      idleMinutes: row.idle_minutes,
      desktopRequireSignIn: row.desktop_require_sign_in === 1,
      auditRetentionDays: row.audit_retention_days,
      directory: row.directory,
    };
  }

  updateSettings(settings: StoredAccountSettings): void {
    this.db
      .prepare(
        'UPDATE account_settings SET min_password_length = ?, lockout_attempts = ?, lockout_minutes = ?, idle_minutes = ?, desktop_require_sign_in = ?, audit_retention_days = ?, directory = ? WHERE id = 1',
      )
      .run(
        settings.minPasswordLength,
        settings.lockoutAttempts,
        settings.lockoutMinutes,
        settings.idleMinutes,
        settings.desktopRequireSignIn ? 1 : 0,
        settings.auditRetentionDays,
        settings.directory,
      );
  }
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    source: row.source,
    builtin: row.builtin === 1,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    enabled: row.enabled === 1,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    groupIds: row.group_ids ? row.group_ids.split(',').map(Number).sort((a, b) => a - b) : [],
  };
}

function toGroup(row: GroupRow): StoredUserGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtin: row.builtin,
    permissions: parseJson<Record<FunctionId, AccessLevel>>(row.permissions, {}),
    directoryGroups: parseJson<string[]>(row.directory_groups, []),
    memberCount: row.member_count,
  };
}

function toToken(row: TokenRow): StoredApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
