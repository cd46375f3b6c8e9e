import type { AppErrorData } from '../../src-shared/rpc/app-error';

/**
 * When the console has lost its user: the server closed the socket with this code (the
 * session ended: sign-out elsewhere, idle expiry, password changed or reset, user disabled —
 * CLOSE_SIGNED_OUT of src-main/server/api-socket.ts), or a call answered 'unauthorized'.
 */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** Methods whose 'unauthorized' is about the password typed, not about the session. */
const CREDENTIAL_METHODS: ReadonlySet<string> = new Set(['auth.signIn', 'auth.changePassword']);

/** Whether a failed call means the session is gone (so the console returns to the sign-in page). */
export function replyEndsSession(method: string, error: AppErrorData): boolean {
  return error.code === 'unauthorized' && !CREDENTIAL_METHODS.has(method);
}

/** Whether a closed API socket means the session is gone (rather than a network problem to reconnect through). */
export function closeEndsSession(code: number): boolean {
  return code === SESSION_ENDED_CLOSE_CODE;
}
