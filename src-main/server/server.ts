import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Router } from '../../src-shared/rpc/router';
import type { CoreMetrics } from '../core/metrics/console-activity';
import type { PluginRouteMatch } from '../core/plugins/plugin-manager';
import { allowedOriginOfHost, hostAllowed, hostnameOf, isLoopbackHost } from './access-guard';
import { createApiSocket } from './api-socket';
import { createMetricsRegistry } from './metrics-registry';
import { createMetricsRoute } from './metrics-route';
import { createPluginRoutes } from './plugin-routes';
import type { RequestQueueLimits } from './request-queue';
import { AUTH_PATHS, createAuthRoutes, type ServerAudit, type ServerAuth } from './server-auth';
import { createStaticFiles } from './static-files';

/** What the server needs of the core: the router (access checks, audit), its events, who is calling. */
export interface ServerCore {
  router: Router;
  events: { subscribe(listener: (name: string, payload: unknown) => void): () => void };
  auth: ServerAuth;
  audit: ServerAudit;
  /** What /metrics reads; absent: the server has no /metrics. */
  metrics?: CoreMetrics;
  /** Plug-ins' own HTTP paths ("/plugins/<id>/…"); absent: none. */
  plugins?: { httpRoute(pathname: string): PluginRouteMatch | null };
}

/** A certificate and key in PEM: the server speaks HTTPS and WSS. */
export interface TlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
}

export interface ServerOptions {
  core: ServerCore;
  /** Address to listen on (default 127.0.0.1: only this machine can connect). Any other needs `tls`. */
  host?: string;
  /** TCP port (default 0: the system picks a free one; `url` tells which). */
  port?: number;
  /** The built renderer (dist/renderer); when it has no index.html, pages say how to build it. */
  rendererDir: string;
  /** HTTPS and WSS; required to listen beyond loopback (ASVS 4.4.1). */
  tls?: TlsOptions;
  /** Origins allowed besides the server's own (e.g. a reverse proxy's "https://printdeck.example.com"). */
  allowedOrigins?: readonly string[];
  /** Unexpected failures (a socket error, a file that cannot be read). Default: stderr. */
  log?: (line: string) => void;
  /** How much one API connection may ask at a time; beyond it requests are answered "busy" (defaults: DEFAULT_REQUEST_LIMITS). */
  requestLimits?: Partial<RequestQueueLimits>;
  /** The `console` label on every /metrics series, telling consoles apart when one Prometheus federates several (e.g. the site's name). */
  consoleName?: string;
}

export interface RunningServer {
  /** The console's address: http(s)://HOST:PORT/ (sign in there). */
  url: string;
  port: number;
  /** A one-time link that signs `userId` (default: the built-in administrator) in and then forgets itself. */
  signInUrl(userId?: number): string;
  /** Disconnects every client and stops listening; does not dispose the core (its owner does). */
  close(): Promise<void>;
}

/**
 * The headless host: the built renderer over HTTP(S), the sign-in endpoints, the contract
 * over a WebSocket at /api (a session cookie or an API token required, same origin only), and
 * the Prometheus metrics at /metrics (the same, with the right to view the device list), and
 * plug-ins' own paths under /plugins/<id>/ (plugin-routes.ts).
 * Rejects when the address cannot be bound (in use, not local), or is beyond loopback without
 * TLS; the error names the address.
 */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.tls) throw new Error(`listening on ${host} (beyond this computer) needs TLS: give a certificate and key`);
  const secure = options.tls !== undefined;
  const allowedOrigins = options.allowedOrigins ?? [];
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const headers = (request: IncomingMessage) => securityHeaders(request, secure, allowedOrigins);
  const api = createApiSocket({ router: options.core.router, events: options.core.events, auth: options.core.auth, audit: options.core.audit, listenHost: host, secure, allowedOrigins, log, requestLimits: options.requestLimits });
  const files = createStaticFiles(options.rendererDir, headers);
  const authRoutes = createAuthRoutes({ auth: options.core.auth, secure, allowedOrigins, headers, log });
  const registry = options.core.metrics ? createMetricsRegistry({ metrics: options.core.metrics, consoleName: options.consoleName }) : null;
  const pluginRoutes = options.core.plugins ? createPluginRoutes({ plugins: options.core.plugins, auth: options.core.auth, audit: options.core.audit, secure, headers, log }) : async () => false;
  const metricsRoute = registry ? createMetricsRoute({ registry, auth: options.core.auth, audit: options.core.audit, secure, log }) : async () => false;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (!hostAllowed(host, request.headers.host, allowedOrigins)) {
      plain(response, 421, 'this server answers only to its own address');
      return;
    }
    authRoutes(request, response)
      .then((handled) => handled || metricsRoute(request, response))
      .then((handled) => handled || pluginRoutes(request, response))
      .then((handled) => (handled ? undefined : files.handle(request, response)))
      .catch((error: unknown) => {
        log(`serving ${request.url ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) plain(response, 500, 'internal error');
        else response.destroy();
      });
  };
  const http: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle) : createHttpServer(handle);
  http.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => api.upgrade(request, socket, head));
  http.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    http.once('error', (error) => reject(new Error(`cannot listen on ${host}:${options.port ?? 0}: ${error.message}`)));
    http.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (error: unknown) => {
    registry?.dispose();
    await api.close();
    throw error;
  });
  const port = (http.address() as AddressInfo).port;
  const base = `${secure ? 'https' : 'http'}://${urlHost(host)}:${port}/`;
  let closing: Promise<void> | null = null;
  return {
    url: base,
    port,
    signInUrl: (userId) => `${base}${AUTH_PATHS.link.slice(1)}?code=${options.core.auth.createSignInLink(userId)}`,
    close() {
      closing ??= (async () => {
        registry?.dispose();
        await api.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

/**
 * Headers on every page: the CSP allows only our own scripts and the API socket of the host
 * the page came from (Mantine sets inline styles, hence 'unsafe-inline' for styles only).
 */
function securityHeaders(request: IncomingMessage, secure: boolean, allowedOrigins: readonly string[]): Record<string, string> {
  const hostHeader = request.headers.host;
  // Behind a TLS proxy the page is https although this server speaks plain HTTP: its socket is wss.
  const proxied = hostHeader === undefined ? null : allowedOriginOfHost(hostHeader, allowedOrigins);
  const socketScheme = (proxied ? proxied.protocol === 'https:' : secure) ? 'wss' : 'ws';
  const socketSource = hostHeader !== undefined && hostnameOf(hostHeader) !== null ? ` ${socketScheme}://${hostHeader}` : '';
  const headers: Record<string, string> = {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self'${socketSource}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (secure) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${message}\n`);
}

/** The host part of the printed URL: a wildcard listener is opened through loopback; IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
