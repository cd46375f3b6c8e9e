import { builtInPermissions, CORE_FUNCTIONS, type BuiltInRole, type Caller, type Permissions } from '../../src-shared/auth/access';
import { callerContext } from '../../src-shared/auth/call-context';
import type { CallContext, CallHost } from '../../src-shared/rpc/contract-builder';

/** A caller holding a built-in role over the core's functions, or over `functions` (a core's `functions.ids()`, plug-ins' included). */
export function aCallerWithRole(role: BuiltInRole, functions: readonly string[] = CORE_FUNCTIONS): Caller {
  return { userId: 100, userName: role, displayName: role, administrator: role === 'administrator', permissions: builtInPermissions(role, functions) };
}

/** A caller with exactly these grants. */
export function aCallerWith(permissions: Permissions, name = 'custom'): Caller {
  return { userId: 200, userName: name, displayName: name, administrator: false, permissions };
}

/** A context for a call by a user of a built-in role. */
export function contextAs(role: BuiltInRole, host: CallHost = 'in-process', functions?: readonly string[]): CallContext {
  return callerContext(aCallerWithRole(role, functions), host);
}
