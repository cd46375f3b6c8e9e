import { connect } from 'node:net';
import { appContract, type AppImpl } from '../../../src-shared/contract/app.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { createEventHub, type EventHub } from '../../../src-shared/rpc/event-hub';
import type { ServerCore } from '../../../src-main/server/server';

/**
 * A core that answers system.info and refuses everything else: the access tests are about who
 * gets through, not about what the services do (the contract suite covers those).
 */
export function stubCore(): ServerCore & { hub: EventHub<Record<string, unknown>>; calls: string[] } {
  const calls: string[] = [];
  const api: Record<string, Record<string, (args: unknown) => unknown>> = {};
  for (const [service, methods] of Object.entries(appContract)) {
    api[service] = {};
    for (const name of Object.keys(methods)) {
      const impl = api[service];
      if (impl) impl[name] = () => {
        calls.push(`${service}.${name}`);
        throw new AppError('unsupported', `${service}.${name} is not part of the stub core`);
      };
    }
  }
  const system = api.system;
  if (system) system.info = () => {
    calls.push('system.info');
    return { version: 'stub', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null };
  };
  const hub = createEventHub<Record<string, unknown>>();
  return { api: api as unknown as AppImpl, events: hub, hub, calls };
}

/** Everything a server sends for one raw request until it closes the connection (bounded). */
export function rawHttp(port: number, request: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
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
      resolve(received);
    });
    socket.write(request);
  });
}

/** A WebSocket handshake request as a browser would send it, with chosen path, Host and Origin. */
export function upgradeRequest(path: string, host: string, origin?: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(origin === undefined ? [] : [`Origin: ${origin}`]),
    '',
    '',
  ].join('\r\n');
}

/** A plain GET that closes the connection after the reply. */
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
