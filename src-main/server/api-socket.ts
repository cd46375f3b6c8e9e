import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { allows, type Caller } from '../../src-shared/auth/access';
import { eventAccess, type AppEventName } from '../../src-shared/contract/app.contract';
import { AppError, type AppErrorData } from '../../src-shared/rpc/app-error';
import type { CallContext } from '../../src-shared/rpc/contract-builder';
import type { Envelope, WireMessage } from '../../src-shared/rpc/envelope';
import type { Router } from '../../src-shared/rpc/router';
import { hostAllowed, originAllowed } from './access-guard';
import { DEFAULT_REQUEST_LIMITS, RequestQueue, type RequestQueueLimits } from './request-queue';
import { bearerTokenOf, sessionTokenOf } from './session-cookie';
import type { ServerAuth, ServerAudit } from './server-auth';

/** Where the WebSocket API lives. */
export const API_PATH = '/api';

/** importCsv takes up to 20 million characters; JSON-escaped and UTF-8 that stays below this. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A client that lets this much pile up unread is dropped; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
/** How long a connection's caller is trusted for filtering pushed events before it is resolved again. */
const CALLER_TTL_MS = 5_000;
/** What a "busy" reply suggests waiting before the request is sent again. */
export const BUSY_RETRY_AFTER_MS = 250;
/** Close code when the session ended (signed out, expired, password changed) or the token was revoked. */
export const CLOSE_SIGNED_OUT = 4401;

export interface ApiSocketOptions {
  router: Router;
  events: { subscribe(listener: (name: string, payload: unknown) => void): () => void };
  auth: ServerAuth;
  audit: ServerAudit;
  listenHost: string;
  secure: boolean;
  /** Origins allowed besides the server's own (a reverse proxy's public name). */
  allowedOrigins: readonly string[];
  log: (line: string) => void;
  /** How much one connection may ask at a time (defaults: DEFAULT_REQUEST_LIMITS). */
  requestLimits?: Partial<RequestQueueLimits>;
}

export interface ApiSocket {
  /** Handles an HTTP upgrade: refuses (401/403/404, nothing else sent) or opens the API. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** How a connection proves who it is: the session cookie of the browser, or a script's API token. */
type Credential = { kind: 'session'; token: string } | { kind: 'api-token'; secret: string };

interface ApiRequest {
  id: number;
  method: string;
  params: unknown;
}

interface Connection {
  credential: Credential;
  address: string | null;
  sessionId: number | null;
  caller: Caller | null;
  resolvedAt: number;
}

/**
 * The contract over WebSocket: WireMessage JSON, requests answered through the router with the
 * connection's caller (resolved again for every call, so a session that ended or a token that
 * was revoked stops at once), and the core's events pushed to the clients allowed to see them.
 * Handshakes need a session cookie or an API token, and a browser's Origin must be allowed.
 */
export function createApiSocket(options: ApiSocketOptions): ApiSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  const connections = new Map<WebSocket, Connection>();
  const limits: RequestQueueLimits = { ...DEFAULT_REQUEST_LIMITS, ...options.requestLimits };

  /** `touch: false` when only checking who may receive an event: events alone never keep an idle session alive. */
  const resolve = (connection: Connection, touch = true): Caller | null => {
    const resolved = connection.credential.kind === 'session' ? options.auth.resolveSession(connection.credential.token, { touch }) : options.auth.resolveApiToken(connection.credential.secret);
    connection.caller = resolved?.caller ?? null;
    connection.sessionId = resolved?.sessionId ?? connection.sessionId;
    connection.resolvedAt = Date.now();
    return connection.caller;
  };

  const stopEvents = options.events.subscribe((name, payload) => {
    const access = eventAccess(name as AppEventName, payload);
    let text: string | null = null;
    for (const [client, connection] of connections) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        options.log(`dropping a WebSocket client that stopped reading (${client.bufferedAmount} bytes queued)`);
        client.terminate();
        continue;
      }
      const caller = Date.now() - connection.resolvedAt > CALLER_TTL_MS || name === 'accounts.changed' ? resolve(connection, false) : connection.caller;
      if (caller === null) {
        client.close(CLOSE_SIGNED_OUT, 'signed out');
        continue;
      }
      if (access === undefined || !allows(caller, access)) continue;
      text ??= JSON.stringify({ kind: 'event', name, payload } satisfies WireMessage);
      client.send(text);
    }
  });

  // A session that ended (sign-out, password change, disabled user) closes its sockets at once.
  const stopEnded = options.auth.onSessionsEnded((ids) => {
    const ended = new Set(ids);
    for (const [client, connection] of connections) {
      if (connection.sessionId !== null && ended.has(connection.sessionId)) client.close(CLOSE_SIGNED_OUT, 'signed out');
    }
  });

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  wss.on('connection', (client: WebSocket, _request: IncomingMessage, connection: Connection) => {
    connections.set(client, connection);
    alive.add(client);
    const work: RequestQueue<ApiRequest> = new RequestQueue<ApiRequest>({ limits, run: (request): Promise<void> => answer(client, connection, request, work), unsentBytes: () => client.bufferedAmount });
    client.on('pong', () => alive.add(client));
    client.on('close', () => {
      connections.delete(client);
      work.close();
    });
    client.on('error', (error) => options.log(`WebSocket client error: ${error.message}`));
    client.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        client.close(1003, 'the API speaks JSON text');
        return;
      }
      const text = rawText(data);
      const request = parseRequest(text);
      if (request === null) {
        client.close(1007, 'expected {"kind":"request","id":<number>,"method":<string>,"params":{…}}');
        return;
      }
      if (!work.offer(request, text.length)) reply(client, work, request.id, { ok: false, error: busy(request.method, limits) });
    });
  });

  const reply = (client: WebSocket, work: RequestQueue<ApiRequest>, id: number, envelope: Envelope<unknown>): void => {
    if (client.readyState !== WebSocket.OPEN) return;
    if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
      // Sending, never reading: even "busy" replies would pile up without end.
      options.log(`dropping a WebSocket client that stopped reading (${client.bufferedAmount} bytes queued)`);
      client.terminate();
      return;
    }
    client.send(JSON.stringify({ kind: 'response', id, reply: envelope } satisfies WireMessage), () => work.outputSent());
  };

  /** Runs one accepted request; never rejects (the router turns failures into envelopes). */
  const answer = async (client: WebSocket, connection: Connection, request: ApiRequest, work: RequestQueue<ApiRequest>): Promise<void> => {
    if (client.readyState !== WebSocket.OPEN) return;
    const caller = resolve(connection);
    const context: CallContext = {
      caller,
      host: connection.credential.kind === 'api-token' ? 'api-token' : 'web',
      sessionId: connection.sessionId,
      address: connection.address,
    };
    const envelope =
      caller === null
        ? { ok: false as const, error: new AppError('unauthorized', 'Your session has ended. Sign in again.').toData() }
        : await options.router.handle(request.method, request.params, context);
    reply(client, work, request.id, envelope);
    if (caller === null) client.close(CLOSE_SIGNED_OUT, 'signed out');
  };

  return {
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const address = request.socket.remoteAddress ?? null;
      const host = request.headers.authorization === undefined ? 'web' : 'api-token';
      const refuse = (status: number, reason: string): void => {
        if (status !== 404) options.audit.record({ action: 'api.connect', context: { caller: null, host, address }, outcome: 'refused', errorCode: status === 401 ? 'unauthorized' : 'forbidden', message: reason });
        refuseHandshake(socket, status);
      };
      if (url.pathname !== API_PATH) return refuse(404, 'not the API path');
      if (!hostAllowed(options.listenHost, request.headers.host, options.allowedOrigins)) return refuse(403, `Host "${request.headers.host ?? ''}" is not this server`);
      if (!originAllowed(request.headers.origin, request.headers.host, { secure: options.secure, extra: options.allowedOrigins })) return refuse(403, `Origin "${request.headers.origin ?? ''}" is not allowed`);
      const bearer = bearerTokenOf(request);
      const cookie = sessionTokenOf(request, options.secure);
      const credential: Credential | null = bearer !== null ? { kind: 'api-token', secret: bearer } : cookie !== null ? { kind: 'session', token: cookie } : null;
      if (credential === null) return refuse(401, 'no session and no API token');
      const connection: Connection = { credential, address, sessionId: null, caller: null, resolvedAt: 0 };
      if (resolve(connection) === null) return refuse(401, credential.kind === 'api-token' ? 'an unknown, revoked or expired API token' : 'an unknown or expired session');
      wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request, connection));
    },
    close() {
      clearInterval(heartbeat);
      stopEvents();
      stopEnded();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

const REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** A bare status line and no body: a refused handshake learns nothing but the status. */
function refuseHandshake(socket: Duplex, status: number): void {
  socket.on('error', () => undefined);
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8');
  return data.toString('utf8');
}

/** The answer to a request beyond the connection's limits: it was not run, and may be sent again. */
function busy(method: string, limits: RequestQueueLimits): AppErrorData {
  return new AppError(
    'busy',
    `The Printdeck server is still working on this connection's earlier requests (${limits.maxRunning} running, ${limits.maxWaiting} waiting), so ${method} was not run. Send it again in a moment.`,
    { retryAfterMs: BUSY_RETRY_AFTER_MS },
  ).toData();
}

function parseRequest(text: string): ApiRequest | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { kind, id, method, params } = message as Record<string, unknown>;
  if (kind !== 'request' || typeof id !== 'number' || !Number.isSafeInteger(id) || typeof method !== 'string') return null;
  return { id, method, params: params ?? {} };
}
