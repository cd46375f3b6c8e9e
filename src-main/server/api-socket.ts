import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { CallContext } from '../../src-shared/rpc/contract-builder';
import type { WireMessage } from '../../src-shared/rpc/envelope';
import type { Router } from '../../src-shared/rpc/router';
import { hostAllowed, originAllowed, tokenMatches } from './access-guard';

/** Where the WebSocket API lives. */
export const API_PATH = '/api';

/** importCsv takes up to 20 million characters; JSON-escaped and UTF-8 that stays below this. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A client that lets this much pile up unread is dropped; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

const CONTEXT: CallContext = { role: 'administrator', via: 'ws' };

export interface ApiSocketOptions {
  router: Router;
  events: { subscribe(listener: (name: string, payload: unknown) => void): () => void };
  token: string;
  listenHost: string;
  log: (line: string) => void;
}

export interface ApiSocket {
  /** Handles an HTTP upgrade: refuses (401/403/404, nothing else sent) or opens the API. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * The contract over WebSocket: WireMessage JSON, requests answered through the router, every
 * core event pushed to every connection. Only handshakes with the access token get through.
 */
export function createApiSocket(options: ApiSocketOptions): ApiSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();

  const stopEvents = options.events.subscribe((name, payload) => {
    const text = JSON.stringify({ kind: 'event', name, payload } satisfies WireMessage);
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        options.log(`dropping a WebSocket client that stopped reading (${client.bufferedAmount} bytes queued)`);
        client.terminate();
        continue;
      }
      client.send(text);
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

  wss.on('connection', (client: WebSocket) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
    client.on('error', (error) => options.log(`WebSocket client error: ${error.message}`));
    client.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        client.close(1003, 'the API speaks JSON text');
        return;
      }
      void answer(client, rawText(data));
    });
  });

  const answer = async (client: WebSocket, text: string): Promise<void> => {
    const request = parseRequest(text);
    if (request === null) {
      client.close(1007, 'expected {"kind":"request","id":<number>,"method":<string>,"params":{…}}');
      return;
    }
    const reply = await options.router.handle(request.method, request.params, CONTEXT);
    if (client.readyState !== WebSocket.OPEN) return;
    client.send(JSON.stringify({ kind: 'response', id: request.id, reply } satisfies WireMessage));
  };

  return {
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const refusal =
        url.pathname !== API_PATH ? 404
        : !hostAllowed(options.listenHost, request.headers.host) ? 403
        : !originAllowed(request.headers.origin, request.headers.host) ? 403
        : !tokenMatches(options.token, url.searchParams.get('token')) ? 401
        : 0;
      if (refusal !== 0) {
        refuse(socket, refusal);
        return;
      }
      wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
    },
    close() {
      clearInterval(heartbeat);
      stopEvents();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

const REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** A bare status line and no body: a refused handshake learns nothing but the status. */
function refuse(socket: Duplex, status: number): void {
  socket.on('error', () => undefined);
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8');
  return data.toString('utf8');
}

function parseRequest(text: string): { id: number; method: string; params: unknown } | null {
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
