import { z } from 'zod';
import { BUILT_IN_ROLES, change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { permissionsSchema } from './auth.contract';

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(120);

export const accountUserSchema = z.object({
  id,
  name: z.string(),
  displayName: z.string(),
  source: z.enum(['local', 'directory']),
  /** The built-in administrator: cannot be removed, disabled or taken out of Administrators. */
  builtin: z.boolean(),
  enabled: z.boolean(),
  groupIds: z.array(id),
  /** A local password is set (directory users sign in with the directory's). */
  passwordSet: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Locked after failed sign-ins until this time; null when not locked. */
  lockedUntil: z.number().nullable(),
  createdAt: z.number(),
  lastSignInAt: z.number().nullable(),
});
export type AccountUser = z.infer<typeof accountUserSchema>;

export const userGroupSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  /** A built-in role (its grants are fixed) or null for a group administrators defined. */
  builtin: z.enum(BUILT_IN_ROLES).nullable(),
  permissions: permissionsSchema,
  /** Directory groups (DNs or names) whose members get this group when they sign in through the directory. */
  directoryGroups: z.array(z.string()),
  memberCount: z.number().int(),
});
export type UserGroup = z.infer<typeof userGroupSchema>;

export const functionInfoSchema = z.object({
  id: z.string(),
  /** The plug-in that added it, or null for the core's. */
  plugin: z.string().nullable(),
  /** Nothing in it changes anything: "view" is its highest level. */
  viewOnly: z.boolean(),
});
export type FunctionInfo = z.infer<typeof functionInfoSchema>;

export const apiTokenSchema = z.object({
  id,
  name: z.string(),
  userId: id,
  userName: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const accountSettingsSchema = z.object({
  minPasswordLength: z.number().int().min(8).max(128),
  /** Failed sign-ins in a row that lock an account. */
  lockoutAttempts: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
  /** A session unused this long ends. */
  idleMinutes: z.number().int().min(1).max(7 * 24 * 60),
  /** The desktop console shows the sign-in screen instead of signing the local user in as administrator. */
  desktopRequireSignIn: z.boolean(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

const password = z.string().min(1).max(1024);
const groupIds = z.array(id).max(100);

/** Users, user groups with their function matrix, API tokens and account settings (the "accounts" function). */
export const accountsContract = {
  listFunctions: method(z.object({}), z.object({ functions: z.array(functionInfoSchema) }), 'The rows of the permission matrix: core functions, then plug-ins\'.', view('accounts')),
  listUsers: method(z.object({}), z.object({ users: z.array(accountUserSchema) }), 'Every user, by name.', view('accounts')),
  createUser: method(
    z.object({ name: z.string().trim().min(1).max(64).regex(/^[^\s:]+$/, 'a user name without spaces or ":"'), displayName: z.string().trim().max(200).default(''), password, groupIds: groupIds.min(1), mustChangePassword: z.boolean().default(true) }),
    accountUserSchema,
    "Adds a local user; 'conflict' when the name is taken, 'invalid-argument' for a short password or an unknown group.",
    change('accounts'),
  ),
  updateUser: method(
    z.object({ id, displayName: z.string().trim().max(200).optional(), enabled: z.boolean().optional(), groupIds: groupIds.optional() }),
    accountUserSchema,
    "Changes a user's display name, groups or enabled flag (disabling ends their sessions); 'conflict' for the built-in administrator's enabled flag or Administrators membership, 'not-found'.",
    change('accounts'),
  ),
  resetPassword: method(
    z.object({ id, password, mustChangePassword: z.boolean().default(true) }),
    accountUserSchema,
    "Sets a user's password (and unlocks them); their sessions end. 'invalid-argument' when too short, 'unsupported' for a directory user, 'not-found'.",
    change('accounts'),
  ),
  unlockUser: method(z.object({ id }), accountUserSchema, "Clears a lockout after failed sign-ins; 'not-found'.", change('accounts')),
  removeUser: method(z.object({ id }), z.object({}), "Deletes a user with their sessions and tokens (audit rows stay); 'conflict' for the built-in administrator or oneself; unknown ids are no error.", change('accounts')),
  listGroups: method(z.object({}), z.object({ groups: z.array(userGroupSchema) }), 'Built-in roles first, then the groups administrators defined, by name.', view('accounts')),
  createGroup: method(
    z.object({ name, description: z.string().trim().max(500).default(''), permissions: permissionsSchema, directoryGroups: z.array(z.string().trim().min(1).max(500)).max(100).default([]) }),
    userGroupSchema,
    "Defines a user group with its level per function; 'conflict' when the name is taken, 'invalid-argument' for an unknown function or \"change\" on a view-only one.",
    change('accounts'),
  ),
  updateGroup: method(
    z.object({ id, name: name.optional(), description: z.string().trim().max(500).optional(), permissions: permissionsSchema.optional(), directoryGroups: z.array(z.string().trim().min(1).max(500)).max(100).optional() }),
    userGroupSchema,
    "Changes a group; a built-in role keeps its name and grants (only its description and directory groups change): 'conflict'. 'not-found'.",
    change('accounts'),
  ),
  removeGroup: method(z.object({ id }), z.object({}), "Deletes a group (its members lose what it granted); 'conflict' for a built-in role; unknown ids are no error.", change('accounts')),
  listTokens: method(z.object({}), z.object({ tokens: z.array(apiTokenSchema) }), 'API tokens (never their secret), newest first, revoked ones included.', view('accounts')),
  createToken: method(
    z.object({ userId: id, name: z.string().trim().min(1).max(120), expiresInDays: z.number().int().min(1).max(3650).optional() }),
    z.object({ token: apiTokenSchema, secret: z.string() }),
    "Creates an API token acting as the user; the secret is returned this once only (stored hashed). 'not-found' for an unknown user.",
    change('accounts'),
  ),
  revokeToken: method(z.object({ id }), apiTokenSchema, "Revokes a token at once (connections using it are refused from their next call); 'not-found'.", change('accounts')),
  getSettings: method(z.object({}), accountSettingsSchema, 'Password length, lockout, idle expiry and desktop sign-in.', view('accounts')),
  updateSettings: method(accountSettingsSchema.partial(), accountSettingsSchema, 'Changes account settings; they apply from the next sign-in or call.', change('accounts')),
};
