import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditLog } from '../core/audit/audit-log';
import type { AuthService } from '../core/auth/auth.service';
import { originAllowed } from './access-guard';
import { clearedSessionCookie, serverPortOf, sessionCookie, sessionTokenOf } from './session-cookie';

/** What the server needs of the core's auth service. */
export type ServerAuth = Pick<AuthService, 'resolveSession' | 'resolveApiToken' | 'onSessionsEnded' | 'signInWithPassword' | 'endSessionByToken' | 'createSignInLink' | 'redeemSignInLink'>;
/** What the server records in the system log itself (refused handshakes). */
export type ServerAudit = Pick<AuditLog, 'record'>;

/** Paths of the sign-in endpoints. */
export const AUTH_PATHS = { signIn: '/auth/sign-in', signOut: '/auth/sign-out', session: '/auth/session', link: '/auth/link' } as const;

const MAX_BODY_BYTES = 16 * 1024;

export interface AuthRoutesOptions {
  auth: ServerAuth;
  secure: boolean;
  allowedOrigins: readonly string[];
  headers: (request: IncomingMessage) => Record<string, string>;
  log: (line: string) => void;
}

/**
 * The web sign-in over plain HTTP (the WebSocket cannot set cookies):
 * - POST /auth/sign-in {userName, password} (JSON only, same origin) → the session cookie, or
 *   401 with one message for every reason;
 * - POST /auth/sign-out → the session ends, the cookie is cleared;
 * - GET /auth/session → {signedIn}: whether to show the sign-in page or connect;
 * - GET /auth/link?code=… → a one-time link: the cookie, then a redirect to "/" so the code does
 *   not stay in the address bar.
 * Returns false for other paths.
 */
export function createAuthRoutes(options: AuthRoutesOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const json = (request: IncomingMessage, response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    response.writeHead(status, { ...options.headers(request), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...extra });
    response.end(text);
  };
  const meta = (request: IncomingMessage) => ({ host: 'web' as const, address: request.socket.remoteAddress ?? null });

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case AUTH_PATHS.session: {
        if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
        const token = sessionTokenOf(request, options.secure);
        const resolved = token === null ? null : options.auth.resolveSession(token);
        json(request, response, 200, { signedIn: resolved !== null });
        return true;
      }
      case AUTH_PATHS.signIn: {
        if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
        // A form on another site cannot send JSON without a CORS preflight we never grant, and its Origin is refused.
        if (!originAllowed(request.headers.origin, request.headers.host, { secure: options.secure, extra: options.allowedOrigins })) {
          json(request, response, 403, { message: 'Sign in from the console’s own page.' });
          return true;
        }
        if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
          json(request, response, 415, { message: 'Send the user name and password as JSON.' });
          return true;
        }
        const body = await readBody(request);
        const fields = body === null ? null : parseCredentials(body);
        if (fields === null) {
          json(request, response, 400, { message: 'Send {"userName": "…", "password": "…"}.' });
          return true;
        }
        const outcome = await options.auth.signInWithPassword(fields.userName, fields.password, meta(request));
        if (!outcome.ok) {
          json(request, response, 401, { message: outcome.message, wording: outcome.wording });
          return true;
        }
        json(request, response, 200, { user: outcome.user }, { 'Set-Cookie': sessionCookie(outcome.token, options.secure, serverPortOf(request)) });
        return true;
      }
      case AUTH_PATHS.signOut: {
        if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
        if (!originAllowed(request.headers.origin, request.headers.host, { secure: options.secure, extra: options.allowedOrigins })) {
          json(request, response, 403, { message: 'Sign out from the console’s own page.' });
          return true;
        }
        const token = sessionTokenOf(request, options.secure);
        if (token !== null) options.auth.endSessionByToken(token, meta(request));
        json(request, response, 200, {}, { 'Set-Cookie': clearedSessionCookie(options.secure, serverPortOf(request)) });
        return true;
      }
      case AUTH_PATHS.link: {
        if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
        const outcome = options.auth.redeemSignInLink(url.searchParams.get('code') ?? '', meta(request));
        const headers: Record<string, string> = { ...options.headers(request), Location: outcome.ok ? '/' : '/?link=expired', 'Cache-Control': 'no-store' };
        if (outcome.ok) headers['Set-Cookie'] = sessionCookie(outcome.token, options.secure, serverPortOf(request));
        response.writeHead(303, headers);
        response.end();
        return true;
      }
      default:
        return false;
    }
  };
}

function methodNotAllowed(response: ServerResponse, allow: string): true {
  response.writeHead(405, { Allow: allow, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('method not allowed\n');
  return true;
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

function parseCredentials(text: string): { userName: string; password: string } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { userName, password } = value as Record<string, unknown>;
    if (typeof userName !== 'string' || typeof password !== 'string') return null;
    if (userName.trim() === '' || userName.length > 200 || password === '' || password.length > 1024) return null;
    return { userName: userName.trim(), password };
  } catch {
    return null;
  }
}
