import type { IncomingMessage, ServerResponse } from 'node:http';
import { allows } from '../../src-shared/auth/access';
import type { PluginRouteMatch } from '../core/plugins/plugin-manager';
import { resolveRequestCaller } from './request-caller';
import type { ServerAudit, ServerAuth } from './server-auth';

/** Where a browser without a session is sent to sign in; `next` brings it back after (the renderer reads it). */
export const SIGN_IN_RETURN_PARAM = 'next';

export interface PluginRoutesOptions {
  plugins: { httpRoute(pathname: string): PluginRouteMatch | null };
  auth: Pick<ServerAuth, 'resolveApiToken' | 'resolveSession'>;
  audit: ServerAudit;
  secure: boolean;
  headers: (request: IncomingMessage) => Record<string, string>;
  log: (line: string) => void;
}

/**
 * Serves plug-ins' own HTTP paths ("/plugins/<id>/<path>…", PluginHost.addHttpRoute): 503 while
 * the plug-in is disabled; for a route with a function and level, the caller (API token or
 * session) is resolved and checked before the plug-in sees the request: a browser without a
 * session is sent to sign in and back, others get 401; a user without the right gets 403 and
 * the refusal is in the system log. Returns false for paths no plug-in serves.
 */
export function createPluginRoutes(options: PluginRoutesOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = options.plugins.httpRoute(url.pathname);
    if (match === null) return false;
    const headers = options.headers(request);
    if (!match.plugin.enabled) {
      text(response, 503, headers, `The ${match.plugin.name} plug-in is disabled on this console; an administrator can switch it on in Settings → Plug-ins.`);
      return true;
    }
    const resolved = resolveRequestCaller(request, options.auth, options.secure);
    const caller = resolved.kind === 'caller' ? resolved.caller : null;
    const access = match.route.access;
    if (access.kind !== 'public') {
      if (caller === null) {
        if (wantsPage(request)) {
          response.writeHead(303, { ...headers, Location: `/?${SIGN_IN_RETURN_PARAM}=${encodeURIComponent(url.pathname + url.search)}`, 'Cache-Control': 'no-store' });
          response.end();
        } else {
          text(response, 401, { ...headers, 'WWW-Authenticate': 'Bearer realm="printdeck"' }, 'Sign in to the console first (a session or "Authorization: Bearer <API token>").');
        }
        return true;
      }
      if (!allows(caller, access)) {
        const need = access.kind === 'function' ? `"${access.function}: ${access.level}"` : 'to be signed in';
        options.audit.record({ action: `${match.plugin.id}.http`, context: { caller, host: request.headers.authorization === undefined ? 'web' : 'api-token', address: request.socket.remoteAddress ?? null }, outcome: 'refused', errorCode: 'forbidden', message: `${url.pathname} needs ${need}` });
        text(response, 403, headers, `You may not open this page: it needs ${need}. Ask an administrator for the right.`);
        return true;
      }
    }
    await match.route.handle(request, response, { caller, subpath: match.subpath, url, headers });
    return true;
  };
}

/** A browser asking for a page (not a program asking for data). */
function wantsPage(request: IncomingMessage): boolean {
  return request.method === 'GET' && /\btext\/html\b/.test(request.headers.accept ?? '');
}

function text(response: ServerResponse, status: number, headers: Record<string, string>, message: string): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${message}\n`);
}
