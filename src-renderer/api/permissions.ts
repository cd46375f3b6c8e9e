import { levelCovers, levelOf, type AccessLevel, type Caller, type CoreFunctionId } from '../../src-shared/auth/access';

/** A plug-in's function of the matrix: "<plugin id>.<name>" (a core name has no dot, so a typo in one is still a compile error). */
export type PluginFunctionId = `${string}.${string}`;

/** What the UI asks rights for: a core function or a plug-in's. */
export type UiFunctionId = CoreFunctionId | PluginFunctionId;
import type { SessionUser } from '../../src-shared/contract/auth.contract';

/**
 * What the signed-in user may do, as the UI needs it to show only what is allowed. The router
 * is the control (every call is checked there); this only spares people buttons that would be
 * refused. Pure; the hook that feeds it is usePermissions (session-context.tsx).
 */

/** The rights of a session user, in the shape the shared checks take. */
export function callerOf(user: SessionUser): Caller {
  return { userId: user.id, userName: user.name, displayName: user.displayName, administrator: user.administrator, permissions: user.permissions };
}

/** Whether the user holds at least `level` on a function (null: nobody, so nothing). */
export function userCan(user: SessionUser | null, fn: UiFunctionId, level: Exclude<AccessLevel, 'none'>): boolean {
  return user !== null && !user.mustChangePassword && levelCovers(levelOf(callerOf(user), fn), level);
}

/** A user's rights as one function the UI asks: can('tasks', 'change'). */
export type Can = (fn: UiFunctionId, level: Exclude<AccessLevel, 'none'>) => boolean;

export function permissionsOf(user: SessionUser | null): Can {
  return (fn, level) => userCan(user, fn, level);
}
