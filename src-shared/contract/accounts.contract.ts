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

// ── Directory sign-in (LDAP) ────────────────────────────────────────────────

/** The directory a configuration started from: the form fills the preset's fields, which stay editable. */
export const DIRECTORY_KINDS = ['active-directory', 'domino', 'openldap', 'other'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** ldap://host[:port] or ldaps://host[:port]: a name, an IPv4 address or a bracketed IPv6 address; nothing after the port. */
const LDAP_URL = /^ldaps?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?\/?$/;

function isLdapUrl(url: string): boolean {
  const match = LDAP_URL.exec(url);
  if (!match) return false;
  const port = match[1] === undefined ? 389 : Number(match[1]);
  return port >= 1 && port <= 65535;
}

/** An LDAP filter in one pair of parentheses, such as "(&(objectClass=user)(sAMAccountName={user}))". */
function isFilter(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth < 0 || (depth === 0 && i !== text.length - 1)) return false;
    }
  }
  return depth === 0;
}

const ldapFilter = z.string().trim().max(1000).refine(isFilter, 'expected an LDAP filter in parentheses, such as (uid={user})');
const dnText = z.string().trim().max(1000);
const attributeName = z.string().trim().max(100).regex(/^(?:[A-Za-z][A-Za-z0-9-]*)?$/, 'expected an attribute name such as displayName');

const directoryFields = {
  /** Users Printdeck does not know (and directory users) sign in through the directory. */
  enabled: z.boolean(),
  kind: z.enum(DIRECTORY_KINDS).default('other'),
  /** ldap://host[:port] (389) or ldaps://host[:port] (636, TLS from the start; 3269 for AD's global catalog); empty while not set up. */
  url: z.string().trim().max(300).refine((url) => url === '' || isLdapUrl(url), 'expected ldap://host[:port] or ldaps://host[:port]'),
  /** Upgrade an ldap:// connection with StartTLS before any password is sent (not with ldaps://). */
  startTls: z.boolean().default(false),
  /** Check the server's certificate and name (against caCertificate when given). Off: every certificate is accepted (for tests and closed networks only). */
  verifyCertificate: z.boolean().default(true),
  /** PEM of the authority that signed the server's certificate; empty: Node's built-in list of authorities. */
  caCertificate: z
    .string()
    .trim()
    .max(65_536)
    .refine((pem) => pem === '' || pem.includes('-----BEGIN CERTIFICATE-----'), 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)')
    .default(''),
  /** The service account that looks users up; empty: users bind directly through userDnTemplate. */
  bindDn: dnText.default(''),
  /** Without a service account, how a user name becomes the bind name: "uid={user},ou=people,dc=example,dc=org", or "{user}@example.com" for AD (then the entry read is the one with that userPrincipalName). */
  userDnTemplate: z.string().trim().max(1000).default(''),
  /** Where users are searched (and groups, unless groupSearch names another base). */
  baseDn: dnText.default(''),
  /** Finds the user's entry; {user} becomes the typed name, escaped (RFC 4515). */
  userFilter: ldapFilter.default('(uid={user})'),
  /** Its value becomes the Printdeck user name when it equals the typed name but for case; empty: the name as typed. */
  userNameAttribute: attributeName.default('uid'),
  /** Shown as the user's name; cn, then the user name, when the entry has none. */
  displayNameAttribute: attributeName.default('displayName'),
  /** Lists the user's groups as DNs (memberOf); empty: none. */
  groupsAttribute: attributeName.default('memberOf'),
  /** Groups found by a search (OpenLDAP without memberOf, Domino, AD's nested groups): {dn} and {user} are replaced, escaped; base empty = baseDn. null: none. */
  groupSearch: z.object({ baseDn: dnText.default(''), filter: ldapFilter }).nullable().default(null),
  /** Bounds one whole sign-in: connection, TLS, binds and searches. */
  timeoutMs: z.number().int().min(1_000).max(60_000).default(10_000),
};

export const directorySettingsSchema = z.object({
  ...directoryFields,
  /** The service account's password is stored (sealed); it never leaves the core. */
  bindPasswordSet: z.boolean(),
  updatedAt: z.number().nullable(),
});
export type DirectorySettings = z.infer<typeof directorySettingsSchema>;

export const directorySettingsUpdateSchema = z.object({
  ...directoryFields,
  /** Left out: the stored password stays; null: cleared; a string: replaces it. */
  bindPassword: z.string().min(1).max(1024).nullable().optional(),
});
export type DirectorySettingsUpdate = z.infer<typeof directorySettingsUpdateSchema>;
export type DirectorySettingsUpdateInput = z.input<typeof directorySettingsUpdateSchema>;

/** What a preset fills in; the server, base DN and service account stay the administrator's. */
export interface DirectoryPreset {
  /** The usual port of ldap:// and of ldaps://. */
  port: number;
  tlsPort: number;
  fields: Pick<DirectorySettingsUpdate, 'userFilter' | 'userNameAttribute' | 'displayNameAttribute' | 'groupsAttribute' | 'groupSearch'>;
}

/**
 * Active Directory (and Exchange, whose users are AD's): sAMAccountName, memberOf (direct groups;
 * for nested ones set groupSearch to "(member:1.2.840.113556.1.4.1941:={dn})"). Domino's LDAP
 * service: dominoPerson by short name, groups by search (dominoGroup has no memberOf). OpenLDAP:
 * inetOrgPerson by uid, memberOf where the memberof or dynlist overlay provides it, else the
 * groupOfNames search.
 */
export const DIRECTORY_PRESETS: Readonly<Record<DirectoryKind, DirectoryPreset>> = {
  'active-directory': {
    port: 389,
    tlsPort: 636,
    fields: { userFilter: '(&(objectClass=user)(sAMAccountName={user}))', userNameAttribute: 'sAMAccountName', displayNameAttribute: 'displayName', groupsAttribute: 'memberOf', groupSearch: null },
  },
  domino: {
    port: 389,
    tlsPort: 636,
    fields: { userFilter: '(&(objectClass=dominoPerson)(|(uid={user})(cn={user})))', userNameAttribute: 'uid', displayNameAttribute: 'cn', groupsAttribute: '', groupSearch: { baseDn: '', filter: '(&(objectClass=dominoGroup)(member={dn}))' } },
  },
  openldap: {
    port: 389,
    tlsPort: 636,
    fields: { userFilter: '(&(objectClass=inetOrgPerson)(uid={user}))', userNameAttribute: 'uid', displayNameAttribute: 'displayName', groupsAttribute: 'memberOf', groupSearch: { baseDn: '', filter: '(&(objectClass=groupOfNames)(member={dn}))' } },
  },
  other: {
    port: 389,
    tlsPort: 636,
    fields: { userFilter: '(uid={user})', userNameAttribute: 'uid', displayNameAttribute: 'displayName', groupsAttribute: 'memberOf', groupSearch: null },
  },
};

/** The steps of a directory test, in the order they run (a direct bind runs user-bind before search). */
export const DIRECTORY_TEST_STEPS = ['settings', 'connect', 'tls', 'bind', 'search', 'user-bind', 'groups'] as const;
export type DirectoryTestStep = (typeof DIRECTORY_TEST_STEPS)[number];

export const directoryTestResultSchema = z.object({
  /** Every step passed (and a test user would get at least one Printdeck group). */
  ok: z.boolean(),
  /** The steps that ran, in order; the last one failed when ok is false. */
  steps: z.array(z.object({ step: z.enum(DIRECTORY_TEST_STEPS), ok: z.boolean(), message: z.string(), ms: z.number() })),
  failedStep: z.enum(DIRECTORY_TEST_STEPS).nullable(),
  /** The test user as the directory describes them (null without userName, or when they were not found). */
  user: z
    .object({
      dn: z.string(),
      userName: z.string(),
      displayName: z.string(),
      groups: z.array(z.string()),
      /** The Printdeck groups these directory groups map to; empty: the user would be refused. */
      printdeckGroups: z.array(z.object({ id, name: z.string() })),
    })
    .nullable(),
});
export type DirectoryTestResult = z.infer<typeof directoryTestResultSchema>;

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
  // Directory sign-in (LDAP): its settings and a test.
  getDirectory: method(z.object({}), directorySettingsSchema, 'The directory sign-in (LDAP) settings; the service account password only as bindPasswordSet. Never fails.', view('accounts')),
  updateDirectory: method(
    directorySettingsUpdateSchema,
    directorySettingsSchema,
    "Saves the directory settings (bindPassword left out keeps the stored one, null clears it; sealed at rest); they apply from the next sign-in. 'invalid-argument' naming the field for settings that cannot work: enabled without url, StartTLS with ldaps://, a service account without password, no service account and no user DN template, a filter without {user}, no group source.",
    change('accounts'),
  ),
  testDirectory: method(
    z.object({
      /** Unsaved settings to try (bindPassword left out: the saved one); absent: the saved settings, even when disabled. */
      settings: directorySettingsUpdateSchema.optional(),
      /** A user to look up; with password, their password is checked too. Nobody is created or changed. */
      userName: z.string().trim().min(1).max(200).optional(),
      password: z.string().max(1024).optional(),
    }),
    directoryTestResultSchema,
    'Connects, binds with the service account and, with userName, finds that user, checks their password (when given) and maps their groups, without creating them. A directory problem is a result naming the failed step (settings, connect, tls, bind, search, user-bind, groups), not an error.',
    change('accounts'),
  ),
};

