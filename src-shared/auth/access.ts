/**
 * The rights model (SECURITY.md): every function of the console is granted per user group as
 * "none", "view" or "change"; every contract method declares which function it belongs to and
 * whether it reads or changes. Pure data and checks, shared by the router and the renderer
 * (which hides what a user may not do, but never relies on hiding).
 */

export const ACCESS_LEVELS = ['none', 'view', 'change'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The functions of the core, in the order the permission matrix shows them. Plug-ins add their own ids (address books, drivers). */
export const CORE_FUNCTIONS = [
  'deviceList',
  'deviceSearch',
  'deviceManagement',
  'deviceSettings',
  'monitoring',
  'tasks',
  'environment',
  'accounts',
  'systemLog',
] as const;
export type CoreFunctionId = (typeof CORE_FUNCTIONS)[number];

/** A function of the matrix: core or plug-in ("plugin-id.function"). */
export type FunctionId = string;

/** Functions whose highest level is "view" (nothing in them changes anything). */
export const VIEW_ONLY_FUNCTIONS: ReadonlySet<FunctionId> = new Set<FunctionId>(['deviceList']);

/** Granted level per function; a function that is absent is "none" (default deny). */
export type Permissions = Readonly<Record<FunctionId, AccessLevel>>;

/** What a contract method needs of its caller. */
export type MethodAccess =
  /** Nobody needs to be signed in (sign-in itself, "who am I"). */
  | { kind: 'public' }
  /** Any signed-in user (their own password, sign-out, the console's version). */
  | { kind: 'signed-in' }
  /** The caller's group grants `level` (or more) on `function`. */
  | { kind: 'function'; function: FunctionId; level: 'view' | 'change' };

export const PUBLIC: MethodAccess = { kind: 'public' };
export const SIGNED_IN: MethodAccess = { kind: 'signed-in' };
/** Reads of a function. */
export const view = (fn: FunctionId): MethodAccess => ({ kind: 'function', function: fn, level: 'view' });
/** Changes through a function. */
export const change = (fn: FunctionId): MethodAccess => ({ kind: 'function', function: fn, level: 'change' });

/** Whether a method with this access changes something (its calls are written to the audit log). */
export function isChange(access: MethodAccess): boolean {
  return access.kind === 'function' && access.level === 'change';
}

const RANK: Readonly<Record<AccessLevel, number>> = { none: 0, view: 1, change: 2 };

/** The higher of two levels. */
export function maxLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether `granted` covers `needed`. */
export function levelCovers(granted: AccessLevel, needed: AccessLevel): boolean {
  return RANK[granted] >= RANK[needed];
}

/** The user a call acts for, with what their groups grant. */
export interface Caller {
  userId: number;
  userName: string;
  displayName: string;
  /** Member of the built-in Administrator group: every function, plug-ins' too, at "change". */
  administrator: boolean;
  /** The union (highest level per function) of the caller's groups. */
  permissions: Permissions;
  /** Signed in with a one-time or reset password: no rights until the user chooses their own. */
  passwordChangeRequired?: boolean;
}

/** The level a caller holds on a function. */
export function levelOf(caller: Caller, fn: FunctionId): AccessLevel {
  if (caller.administrator) return 'change';
  return caller.permissions[fn] ?? 'none';
}

/** Whether a caller (null: nobody signed in) may call a method with this access. */
export function allows(caller: Caller | null, access: MethodAccess): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'signed-in':
      return caller !== null;
    case 'function':
      return caller !== null && levelCovers(levelOf(caller, access.function), access.level);
  }
}

/** The union of several groups' grants: the highest level per function. */
export function mergePermissions(all: readonly Permissions[]): Permissions {
  const merged: Record<FunctionId, AccessLevel> = {};
  for (const permissions of all) {
    for (const [fn, level] of Object.entries(permissions)) merged[fn] = maxLevel(merged[fn] ?? 'none', level);
  }
  return merged;
}

export const BUILT_IN_ROLES = ['administrator', 'operator', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Functions an Operator does not get: they shape the console itself. */
const ADMINISTRATION: ReadonlySet<FunctionId> = new Set<FunctionId>(['environment', 'accounts', 'systemLog']);

/**
 * What a built-in role grants on the given functions (core and plug-ins): Administrator all,
 * Operator everything but environment settings, accounts and the system log, Viewer "view"
 * on what an Operator has. Computed, so a plug-in's new functions get the right default.
 */
export function builtInPermissions(role: BuiltInRole, functions: readonly FunctionId[]): Permissions {
  const result: Record<FunctionId, AccessLevel> = {};
  for (const fn of functions) {
    const top: AccessLevel = VIEW_ONLY_FUNCTIONS.has(fn) ? 'view' : 'change';
    switch (role) {
      case 'administrator':
        result[fn] = top;
        break;
      case 'operator':
        result[fn] = ADMINISTRATION.has(fn) ? 'none' : top;
        break;
      case 'viewer':
        result[fn] = ADMINISTRATION.has(fn) ? 'none' : 'view';
        break;
    }
  }
  return result;
}
