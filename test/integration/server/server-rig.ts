import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { WebSocket, type ClientOptions } from 'ws';
import { internalContext } from '../../../src-shared/auth/call-context';
import type { BuiltInRole } from '../../../src-shared/auth/access';
import type { AccountUser } from '../../../src-shared/contract/accounts.contract';
import type { AppErrorData } from '../../../src-shared/rpc/app-error';
import type { Envelope } from '../../../src-shared/rpc/envelope';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { MainPlugin } from '../../../src-main/plugin-api/plugin-host';
import { FakeClock } from '../../helpers/fake-clock';

/** A cheap scrypt cost: these tests sign in dozens of times on a 2-core machine; the hashing itself is the core's business. */
const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export interface TestCore {
  core: Core;
  /** The core's clock: advance it to expire lockouts and idle sessions. */
  clock: FakeClock;
  /** What the core logged. */
  logs: string[];
  close(): Promise<void>;
}

/** A real core in memory (no printers, never started) on a fake clock. */
export async function startTestCore(options: { plugins?: readonly MainPlugin[] } = {}): Promise<TestCore> {
  const clock = new FakeClock(Date.now());
  const logs: string[] = [];
  const core = await createCore({
    databaseFile: ':memory:',
    resourcesDir: resolve(__dirname, '../../../resources'),
    version: '0.0.0-server',
    clock,
    passwordCost: TEST_PASSWORD_COST,
    log: (line) => void logs.push(line),
    plugins: options.plugins,
  });
  return { core, clock, logs, close: () => core.dispose() };
}

/** Adds a local user of a built-in role with this password (no change asked at sign-in). */
export async function addUser(core: Core, name: string, role: BuiltInRole, password: string): Promise<AccountUser> {
  return core.api.accounts.createUser({ name, displayName: name, password, groupIds: [core.auth.builtinGroupId(role)], mustChangePassword: false }, internalContext());
}

/** A new API token of that user; returns its secret. */
export async function tokenOf(core: Core, userId: number, name = 'test'): Promise<{ id: number; secret: string }> {
  const { token, secret } = await core.api.accounts.createToken({ userId, name }, internalContext());
  return { id: token.id, secret };
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** HTTPS with this certificate as the only trusted one (pinned). */
  ca?: string;
}

/** One HTTP(S) request to the server on 127.0.0.1; the reply as text. */
export function http(port: number, path: string, options: HttpOptions = {}): Promise<HttpReply> {
  const send = options.ca === undefined ? httpRequest : httpsRequest;
  return new Promise((resolveReply, reject) => {
    const outgoing = send(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, ca: options.ca, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveReply({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** POST /auth/sign-in as the console's page does (JSON, its own Origin). */
export function postSignIn(port: number, userName: string, password: string, options: { origin?: string | null; contentType?: string; ca?: string } = {}): Promise<HttpReply> {
  const scheme = options.ca === undefined ? 'http' : 'https';
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  if (options.origin !== null) headers.Origin = options.origin ?? `${scheme}://127.0.0.1:${port}`;
  return http(port, '/auth/sign-in', { method: 'POST', headers, body: JSON.stringify({ userName, password }), ca: options.ca });
}

/** "name=value" of the session cookie a reply set, or null. */
export function cookieOf(reply: HttpReply): string | null {
  const set = reply.headers['set-cookie']?.[0];
  if (set === undefined) return null;
  const pair = set.split(';')[0] ?? '';
  return pair.endsWith('=') ? null : pair;
}

/** Signs in and returns the Cookie header value; throws with the reply when it fails. */
export async function signIn(port: number, userName: string, password: string): Promise<string> {
  const reply = await postSignIn(port, userName, password);
  const cookie = cookieOf(reply);
  if (reply.status !== 200 || cookie === null) throw new Error(`sign-in of ${userName} failed: ${reply.status} ${reply.body}`);
  return cookie;
}

/**
 * A raw API connection: requests with their whole envelope, events as they come, and how the
 * server closed it. Lets tests see close codes (4401) that the reconnecting transport hides.
 */
export interface ApiConnection {
  call(method: string, params?: unknown): Promise<Envelope<unknown>>;
  /** Events received so far, as "name payload-json". */
  events: string[];
  /** Resolves with the close code when the connection ends. */
  closed: Promise<number>;
  close(): void;
}

export type Handshake = { ok: true; connection: ApiConnection } | { ok: false; status: number; body: string };

/** Opens ws(s)://127.0.0.1:PORT/api with these headers; resolves with the connection or the refusal. */
export function openApi(port: number, headers: Record<string, string>, options: { ca?: string; path?: string } = {}): Promise<Handshake> {
  const url = `${options.ca === undefined ? 'ws' : 'wss'}://127.0.0.1:${port}${options.path ?? '/api'}`;
  const clientOptions: ClientOptions = { headers, handshakeTimeout: 3000, ca: options.ca };
  return new Promise((resolveHandshake, reject) => {
    const socket = new WebSocket(url, clientOptions);
    const events: string[] = [];
    const waiting = new Map<number, (reply: Envelope<unknown>) => void>();
    let nextId = 1;
    const closed = new Promise<number>((resolveClosed) => socket.on('close', (code) => resolveClosed(code)));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string; id?: number; reply?: Envelope<unknown>; name?: string; payload?: unknown };
      if (message.kind === 'event') events.push(`${message.name ?? '?'} ${JSON.stringify(message.payload)}`);
      else if (message.kind === 'response' && message.id !== undefined && message.reply) waiting.get(message.id)?.(message.reply);
    });
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveHandshake({ ok: false, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    socket.on('error', (error) => {
      if (!error.message.startsWith('Unexpected server response')) reject(error);
    });
    socket.on('open', () =>
      resolveHandshake({
        ok: true,
        connection: {
          events,
          closed,
          close: () => socket.close(),
          call: (method, params = {}) => {
            const id = nextId++;
            return new Promise<Envelope<unknown>>((resolveCall, rejectCall) => {
              waiting.set(id, resolveCall);
              void closed.then((code) => rejectCall(new Error(`${method}: the server closed the connection (code ${code}) before it answered`)));
              socket.send(JSON.stringify({ kind: 'request', id, method, params }));
            });
          },
        },
      }),
    );
  });
}

/** Opens the API or throws with the refusal. */
export async function mustOpenApi(port: number, headers: Record<string, string>, options: { ca?: string } = {}): Promise<ApiConnection> {
  const handshake = await openApi(port, headers, options);
  if (!handshake.ok) throw new Error(`handshake refused: ${handshake.status} ${handshake.body}`);
  return handshake.connection;
}

/** The error of a failed reply, or a failure naming the value that came instead. */
export function errorOf(reply: Envelope<unknown>): AppErrorData {
  if (reply.ok) throw new Error(`expected an error, got ${JSON.stringify(reply.value)}`);
  return reply.error;
}

/** Everything a server sends for one raw request until it closes the connection (bounded). */
export function rawHttp(port: number, request: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolveRaw, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of reply within ${timeoutMs} ms; got so far:\n${received}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolveRaw(received);
    });
    socket.write(request);
  });
}

/** A WebSocket handshake request as a browser would send it, with chosen path, Host, Origin and more headers. */
export function upgradeRequest(path: string, host: string, origin?: string, extra: Record<string, string> = {}): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(origin === undefined ? [] : [`Origin: ${origin}`]),
    ...Object.entries(extra).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
}

/** A plain request that closes the connection after the reply. */
export function getRequest(path: string, host: string, method = 'GET'): string {
  return `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}

/** Status code, headers (lower-case names) and body of a raw HTTP/1.1 reply. */
export function parseReply(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

/** Polls `condition` every 20 ms; fails with `describe()` after timeoutMs. */
export async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}
