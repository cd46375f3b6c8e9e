import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport, type ConnectionStatus } from '../../../src-shared/rpc/websocket-transport';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import { rawHttp, stubCore, upgradeRequest } from './server-rig';

/** Loopback TCP on 127.0.0.1 with a system-chosen port; no simulated printers. */

const core = stubCore();
let server: RunningServer;
let rendererDir: string;
let host: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'printdeck-access-'));
  server = await createServer({ core, rendererDir, log: () => undefined });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

const refusal = (status: number, reason: string): string => `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;

/** Connects with `ws`; resolves with the handshake's status (101 when the socket opened). */
function handshake(url: string, headers: Record<string, string> = {}): Promise<{ status: number; messages: string[] }> {
  return new Promise((resolve, reject) => {
    const messages: string[] = [];
    const socket = new WebSocket(url, { headers, handshakeTimeout: 3000 });
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    socket.on('unexpected-response', (_request, response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, messages }));
    });
    socket.on('open', () => {
      core.hub.emit('groups.changed', {});
      setTimeout(() => {
        socket.close();
        resolve({ status: 101, messages });
      }, 100);
    });
    socket.on('error', (error) => {
      if (!error.message.startsWith('Unexpected server response')) reject(error);
    });
  });
}

describe('headless server: access to the WebSocket API', () => {
  it('prints a URL on 127.0.0.1 carrying a 64-hex-digit token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a handshake without a token with a bare 401 and sends no data', async () => {
    core.calls.length = 0;
    const reply = await rawHttp(server.port, upgradeRequest('/api', host));
    expect(reply).toBe(refusal(401, 'Unauthorized'));
    expect(core.calls, 'no service may run for a refused client').toEqual([]);
  });

  it('refuses a wrong token (same length, other length, empty) with 401', async () => {
    const sameLength = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const token of [sameLength, server.token.slice(0, 10), '', `${server.token}0`]) {
      const reply = await rawHttp(server.port, upgradeRequest(`/api?token=${token}`, host));
      expect(reply, `token "${token}"`).toBe(refusal(401, 'Unauthorized'));
    }
  });

  it('a refused ws client gets 401 and no message, even while events are pushed', async () => {
    const result = await handshake(`ws://${host}/api?token=nope`);
    core.hub.emit('devices.changed', { ids: [1], removed: [] });
    expect(result).toEqual({ status: 401, messages: [] });
  });

  it('accepts the token: calls answer and events arrive', async () => {
    const statuses: ConnectionStatus[] = [];
    const transport = createWebSocketTransport({ connect: () => new WebSocket(`ws://${host}/api?token=${server.token}`), onStatus: (s) => statuses.push(s) });
    try {
      const api = createApiClient(appContract, transport);
      await expect(api.system.info({})).resolves.toEqual({ version: 'stub', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null });
      await expect(api.devices.list({})).rejects.toMatchObject({ name: 'AppError', code: 'unsupported' });
      const events: string[] = [];
      transport.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));
      core.hub.emit('poll.progress', { done: 3, total: 9, finished: false });
      await waitFor(() => events.length > 0, 3000, () => `events: ${JSON.stringify(events)}`);
      expect(events).toEqual(['poll.progress {"done":3,"total":9,"finished":false}']);
      expect(statuses).toEqual(['connecting', 'open']);
    } finally {
      transport.close?.();
    }
  });

  it('refuses a handshake from another site (Origin) with 403 even with the token', async () => {
    const reply = await rawHttp(server.port, upgradeRequest(`/api?token=${server.token}`, host, 'http://evil.example'));
    expect(reply).toBe(refusal(403, 'Forbidden'));
    const lookalike = await rawHttp(server.port, upgradeRequest(`/api?token=${server.token}`, host, `http://127.0.0.1:${server.port + 1}`));
    expect(lookalike, 'another port is another origin').toBe(refusal(403, 'Forbidden'));
  });

  it('accepts the page\'s own origin', async () => {
    const result = await handshake(`ws://${host}/api?token=${server.token}`, { Origin: `http://${host}` });
    expect(result.status).toBe(101);
    expect(result.messages.map((m) => JSON.parse(m) as unknown)).toEqual([{ kind: 'event', name: 'groups.changed', payload: {} }]);
  });

  it('refuses a foreign Host name (DNS rebinding) on the WebSocket and on pages', async () => {
    const ws = await rawHttp(server.port, upgradeRequest(`/api?token=${server.token}`, `evil.example:${server.port}`, `http://evil.example:${server.port}`));
    expect(ws).toBe(refusal(403, 'Forbidden'));
    const page = await rawHttp(server.port, `GET / HTTP/1.1\r\nHost: evil.example:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(page).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('answers handshakes on other paths with 404', async () => {
    const reply = await rawHttp(server.port, upgradeRequest(`/other?token=${server.token}`, host));
    expect(reply).toBe(refusal(404, 'Not Found'));
  });

  it('closes a connection that sends something other than a request', async () => {
    const closed = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://${host}/api?token=${server.token}`);
      socket.on('open', () => socket.send('{"hello":1}'));
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
    expect(closed).toBe(1007);
  });

  it('refuses a weak given token before listening', async () => {
    await expect(createServer({ core, rendererDir, token: 'short' })).rejects.toThrow(/access token must be 32 to 256 characters/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
