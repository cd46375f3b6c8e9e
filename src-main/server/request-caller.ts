import type { IncomingMessage } from 'node:http';
import type { Caller } from '../../src-shared/auth/access';
import { bearerTokenOf, sessionTokenOf } from './session-cookie';
import type { ServerAuth } from './server-auth';

export type ResolvedCaller = { kind: 'caller'; caller: Caller } | { kind: 'none'; reason: string };

/** The caller of an API token, else of the session cookie; never both (a token given is the only one tried). For HTTP routes beside the API socket (/metrics, plug-in pages). */
export function resolveRequestCaller(request: IncomingMessage, auth: Pick<ServerAuth, 'resolveApiToken' | 'resolveSession'>, secure: boolean): ResolvedCaller {
  if (request.headers.authorization !== undefined) {
    const secret = bearerTokenOf(request);
    if (secret === null) return { kind: 'none', reason: 'an Authorization header that is not "Bearer <API token>"' };
    const resolved = auth.resolveApiToken(secret);
    return resolved === null ? { kind: 'none', reason: 'an unknown, revoked or expired API token' } : { kind: 'caller', caller: resolved.caller };
  }
  const cookie = sessionTokenOf(request, secure);
  if (cookie === null) return { kind: 'none', reason: 'no API token and no session' };
  const resolved = auth.resolveSession(cookie);
  return resolved === null ? { kind: 'none', reason: 'an unknown or expired session' } : { kind: 'caller', caller: resolved.caller };
}
