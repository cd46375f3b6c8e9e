import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appContract, type AppImpl } from '../../src-shared/contract/app.contract';
import { createRouter } from '../../src-shared/rpc/router';
import { checkGivenToken, createAccessToken, hostAllowed, hostnameOf } from './access-guard';
import { createApiSocket } from './api-socket';
import { createStaticFiles } from './static-files';

/** What the server needs of the core: the contract's implementation and its pushed events. */
export interface ServerCore {
  api: AppImpl;
  events: { subscribe(listener: (name: string, payload: unknown) => void): () => void };
}

export interface ServerOptions {
  core: ServerCore;
  /** Address to listen on (default 127.0.0.1: only this machine can connect). */
  host?: string;
  /** TCP port (default 0: the system picks a free one; `url` tells which). */
  port?: number;
  /** The built renderer (dist/renderer); when it has no index.html, pages say how to build it. */
  rendererDir: string;
  /** The access token (default: 32 random bytes, hex); throws when a given one is weak. */
  token?: string;
  /** Unexpected failures (a service that threw a non-AppError, a socket error). Default: stderr. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** The page to open, with the token: http://127.0.0.1:PORT/?token=… */
  url: string;
  token: string;
  port: number;
  /** Disconnects every client and stops listening; does not dispose the core (its owner does). */
  close(): Promise<void>;
}

/**
 * The headless host: the built renderer over HTTP and the contract over a WebSocket at /api
 * (token required, same-origin only). Rejects when the address cannot be bound (in use,
 * not local); the error names the address.
 */
export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === undefined ? createAccessToken() : checkGivenToken(options.token);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const router = createRouter(appContract, options.core.api, (error, method) =>
    log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  const api = createApiSocket({ router, events: options.core.events, token, listenHost: host, log });
  const files = createStaticFiles(options.rendererDir, securityHeaders);

  const http = createHttpServer((request, response) => {
    if (!hostAllowed(host, request.headers.host)) {
      plain(response, 421, 'this server answers only to its own address');
      return;
    }
    files.handle(request, response).catch((error: unknown) => {
      log(`serving ${request.url ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) plain(response, 500, 'internal error');
      else response.destroy();
    });
  });
  http.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => api.upgrade(request, socket, head));
  http.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    http.once('error', (error) => reject(new Error(`cannot listen on ${host}:${options.port ?? 0}: ${error.message}`)));
    http.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  const port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${port}/?token=${token}`,
    token,
    port,
    close() {
      closing ??= (async () => {
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
 * Headers on every page. The token travels in the page URL, so no Referer may carry it away;
 * the CSP allows only our own scripts and the API socket of the host the page came from
 * (Mantine sets inline styles, hence 'unsafe-inline' for styles only).
 */
function securityHeaders(request: IncomingMessage): Record<string, string> {
  const hostHeader = request.headers.host;
  const socketSource = hostHeader !== undefined && hostnameOf(hostHeader) !== null ? ` ws://${hostHeader}` : '';
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self'${socketSource}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
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
