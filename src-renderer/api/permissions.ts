import { levelCovers, levelOf, type AccessLevel, type Caller, type CoreFunctionId } from '../../src-shared/auth/access';
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
export function userCan(user: SessionUser | null, fn: CoreFunctionId, level: Exclude<AccessLevel, 'none'>): boolean {
  return user !== null && !user.mustChangePassword && levelCovers(levelOf(callerOf(user), fn), level);
}

/** A user's rights as one function the UI asks: can('tasks', 'change'). */
export type Can = (fn: CoreFunctionId, level: Exclude<AccessLevel, 'none'>) => boolean;

export function permissionsOf(user: SessionUser | null): Can {
  return (fn, level) => userCan(user, fn, level);
}
