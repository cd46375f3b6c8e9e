import type { CallContext, CallHost } from '../rpc/contract-builder';
import type { Caller } from './access';

/** The console acting on its own behalf (a scheduled task, a host's own bookkeeping): every right. */
export const SYSTEM_CALLER: Caller = { userId: 0, userName: 'system', displayName: 'Printdeck', administrator: true, permissions: {} };

/** A context for calls a host or the core makes itself (or a test makes as an administrator). */
export function internalContext(host: CallHost = 'in-process', caller: Caller = SYSTEM_CALLER): CallContext {
  return { caller, host, sessionId: null, address: null };
}

/** A context for a user's call from a host. */
export function callerContext(caller: Caller | null, host: CallHost, extra: { sessionId?: number | null; address?: string | null } = {}): CallContext {
  return { caller, host, sessionId: extra.sessionId ?? null, address: extra.address ?? null };
}
