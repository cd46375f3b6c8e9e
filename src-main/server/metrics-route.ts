import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { allows, view, type Caller, type MethodAccess } from '../../src-shared/auth/access';
import { RefusalThrottle } from '../../src-shared/auth/refusal-throttle';
import type { CallHost } from '../../src-shared/rpc/contract-builder';
import type { ExpositionFormat } from './fleet-exposition';
import type { MetricsRegistry } from './metrics-registry';
import { resolveRequestCaller } from './request-caller';
import type { ServerAudit, ServerAuth } from './server-auth';

/** Where Prometheus scrapes. */
export const METRICS_PATH = '/metrics';
/** Who may scrape: the same right as reading the device list (default deny, checked like a contract method's). */
export const METRICS_ACCESS: MethodAccess = view('deviceList');

export interface MetricsRouteOptions {
  registry: MetricsRegistry;
  auth: Pick<ServerAuth, 'resolveApiToken' | 'resolveSession'>;
  audit: ServerAudit;
  secure: boolean;
  log: (line: string) => void;
}

/**
 * GET /metrics: the Prometheus exposition (OpenMetrics when the scraper asks for it in Accept,
 * else the text format 0.0.4; gzip when accepted). The caller is an API token
 * ("Authorization: Bearer …") or a signed-in browser session, and needs METRICS_ACCESS; else
 * 401 or 403 with nothing else, and the refusal goes to the system log (`metrics.scrape`; a
 * scraper that keeps failing every few seconds is one line a minute with a count).
 * Returns false for other paths.
 */
export function createMetricsRoute(options: MetricsRouteOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const refusals = new RefusalThrottle();
  const refuse = (request: IncomingMessage, response: ServerResponse, status: 401 | 403, caller: Caller | null, host: CallHost, reason: string): void => {
    const address = request.socket.remoteAddress ?? null;
    const repeated = refusals.admit(`${address ?? '?'}|${status}|${caller?.userId ?? ''}|${reason}`, Date.now());
    if (repeated !== null) {
      const message = repeated > 0 ? `${reason} (${repeated} more like it were refused since the last entry)` : reason;
      options.audit.record({ action: 'metrics.scrape', context: { caller, host, address }, outcome: 'refused', errorCode: status === 401 ? 'unauthorized' : 'forbidden', message });
    }
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="printdeck"';
    response.writeHead(status, headers);
    response.end(status === 401 ? 'an API token (Authorization: Bearer …) or a session is needed\n' : 'this user may not read the device list\n');
  };

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== METRICS_PATH) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('method not allowed\n');
      return true;
    }
    const host: CallHost = request.headers.authorization === undefined ? 'web' : 'api-token';
    const caller = resolveRequestCaller(request, options.auth, options.secure);
    if (caller.kind === 'none') {
      refuse(request, response, 401, null, host, caller.reason);
      return true;
    }
    if (!allows(caller.caller, METRICS_ACCESS)) {
      refuse(request, response, 403, caller.caller, host, 'needs "deviceList" at "view" to read /metrics');
      return true;
    }
    const { contentType, chunks } = await options.registry.scrape(formatAsked(request.headers.accept));
    const compress = /\bgzip\b/i.test(request.headers['accept-encoding'] ?? '');
    const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Cache-Control': 'no-store', Vary: 'Accept, Accept-Encoding, Authorization, Cookie' };
    if (request.method === 'HEAD') {
      response.writeHead(200, headers);
      response.end();
      return true;
    }
    if (!compress) {
      // The chunks are written as they are: the text is not copied into one string first.
      response.writeHead(200, { ...headers, 'Content-Length': chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0) });
      for (const chunk of chunks) response.write(chunk);
      response.end();
      return true;
    }
    response.writeHead(200, { ...headers, 'Content-Encoding': 'gzip' });
    const zip = createGzip({ level: constants.Z_BEST_SPEED });
    const sent = pipeline(zip, response);
    for (const chunk of chunks) zip.write(chunk);
    zip.end();
    await sent;
    return true;
  };
}

/** OpenMetrics when Accept names it (with a q above 0), as Prometheus does; else the text format 0.0.4. */
export function formatAsked(accept: string | undefined): ExpositionFormat {
  const openMetrics = (accept ?? '').split(',').some((part) => {
    const [type = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type !== 'application/openmetrics-text') return false;
    const q = parameters.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
  return openMetrics ? 'openmetrics' : 'prometheus';
}
