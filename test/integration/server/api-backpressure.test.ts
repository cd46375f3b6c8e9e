import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import type { Envelope } from '../../../src-shared/rpc/envelope';
import type { Router } from '../../../src-shared/rpc/router';
import { createWebSocketTransport } from '../../../src-shared/rpc/websocket-transport';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import type { RequestQueueLimits } from '../../../src-main/server/request-queue';
import { http, mustOpenApi, startTestCore, tokenOf, waitFor, type TestCore } from './server-rig';

/**
 * Backpressure of the WebSocket API: one connection gets a bounded amount of work done at a
 * time; what is beyond it is answered "busy" and not run; what waits is dropped with the
 * connection; other connections and page requests are served while one connection floods.
 * A real core in memory; loopback TCP on 127.0.0.1; a gate in front of the router lets the
 * test hold calls "running" as long as it likes (every wait is bounded).
 */

const LIMITS: RequestQueueLimits = { maxRunning: 2, maxWaiting: 6, maxWaitingBytes: 1024 * 1024, highWaterBytes: 1024 * 1024 };

let rig: TestCore;
let rendererDir: string;
let bearer: Record<string, string>;
/** Methods that reached the router, in order. */
const routed: string[] = [];
/** While set, calls of `system.info` wait for release() before they run. */
let gate: { promise: Promise<void>; release: () => void } | null = null;
const servers: RunningServer[] = [];

const holdCalls = (): void => {
  let release = (): void => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  gate = { promise, release };
};

async function serve(limits: RequestQueueLimits = LIMITS): Promise<RunningServer> {
  const { core } = rig;
  const router: Router = {
    accessOf: (method) => core.router.accessOf(method),
    handle: async (method, params, context) => {
      routed.push(method);
      if (gate && method === 'system.info') await gate.promise;
      return core.router.handle(method, params, context);
    },
  };
  const server = await createServer({ core: { router, events: core.events, auth: core.auth, audit: core.audit }, rendererDir, log: () => undefined, requestLimits: limits });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'printdeck-backpressure-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Printdeck</title>');
  rig = await startTestCore();
  const { secret } = await tokenOf(rig.core, rig.core.auth.ensureAdministrator().id, 'backpressure test');
  bearer = { Authorization: `Bearer ${secret}` };
});
afterEach(async () => {
  gate?.release();
  gate = null;
  routed.length = 0;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await rig?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

/** Sends `count` requests at once on a raw socket; resolves with every reply by id, once all came. */
function flood(port: number, method: string, count: number, timeoutMs = 5_000): { socket: WebSocket; replies: Promise<Map<number, Envelope<unknown>>> } {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: bearer });
  const replies = new Promise<Map<number, Envelope<unknown>>>((resolve, reject) => {
    const got = new Map<number, Envelope<unknown>>();
    const timer = setTimeout(() => reject(new Error(`${got.size} of ${count} replies within ${timeoutMs} ms`)), timeoutMs);
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string; id?: number; reply?: Envelope<unknown> };
      if (message.kind !== 'response' || message.id === undefined || !message.reply) return;
      got.set(message.id, message.reply);
      if (got.size === count) {
        clearTimeout(timer);
        resolve(got);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => clearTimeout(timer));
    socket.on('open', () => {
      for (let id = 1; id <= count; id++) socket.send(JSON.stringify({ kind: 'request', id, method, params: {} }));
    });
  });
  replies.catch(() => undefined); // awaited only by the tests that want every reply
  return { socket, replies };
}

describe('WebSocket API backpressure', () => {
  it('runs at most maxRunning + maxWaiting requests of a flood and answers the rest "busy" at once, with a pause to wait', async () => {
    const server = await serve();
    holdCalls();
    const { socket, replies } = flood(server.port, 'system.info', 40);
    try {
      await waitFor(() => routed.length === LIMITS.maxRunning, 3_000, () => `routed ${routed.length}`);
      gate?.release();
      const all = await replies;
      const busy = [...all].filter(([, r]) => !r.ok && r.error.code === 'busy');
      const answered = [...all].filter(([, r]) => r.ok);
      expect(answered.length, 'the requests within the limits ran').toBe(LIMITS.maxRunning + LIMITS.maxWaiting);
      expect(busy.length).toBe(40 - LIMITS.maxRunning - LIMITS.maxWaiting);
      expect(routed.length, 'a busy request never reaches the router').toBe(LIMITS.maxRunning + LIMITS.maxWaiting);
      expect(answered.map(([id]) => id).sort((a, b) => a - b), 'the first ones are taken, in order').toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const [, first] = busy[0] ?? [];
      expect(first).toMatchObject({ ok: false, error: { code: 'busy', details: { retryAfterMs: expect.any(Number) } } });
      expect(first && !first.ok ? first.error.message : '').toMatch(/^The Printdeck server is still working on this connection's earlier requests \(2 running, 6 waiting\), so system\.info was not run\. Send it again in a moment\.$/);
    } finally {
      socket.terminate();
    }
  });

  it('drops what a connection left waiting when it closes: only the calls already running were computed', async () => {
    const server = await serve({ ...LIMITS, maxWaiting: 100 });
    holdCalls();
    const { socket } = flood(server.port, 'system.info', 100);
    await waitFor(() => routed.length === LIMITS.maxRunning, 3_000, () => `routed ${routed.length}`);
    socket.terminate();
    // The server sees the close; a second connection's answer proves it has read past it.
    const other = await mustOpenApi(server.port, bearer);
    try {
      await expect(other.call('devices.list')).resolves.toMatchObject({ ok: true });
      gate?.release();
      const settled = await Promise.race([other.call('devices.list').then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('timeout'), 3_000))]);
      expect(settled).toBe('answered');
      expect(routed.filter((m) => m === 'system.info').length, 'the 98 waiting requests of the closed connection never ran').toBe(LIMITS.maxRunning);
    } finally {
      other.close();
    }
  });

  it('answers another connection and page requests while one connection keeps its slots busy', async () => {
    const server = await serve();
    holdCalls();
    const { socket } = flood(server.port, 'system.info', 40);
    const other = await mustOpenApi(server.port, bearer);
    try {
      await waitFor(() => routed.length === LIMITS.maxRunning, 3_000, () => `routed ${routed.length}`);
      const page = await http(server.port, '/');
      expect(page.status).toBe(200);
      await expect(other.call('devices.list')).resolves.toMatchObject({ ok: true });
      expect(routed.filter((m) => m === 'system.info').length, 'the flood is still held').toBe(LIMITS.maxRunning);
    } finally {
      other.close();
      socket.terminate();
    }
  });

  it('a client transport sends "busy" requests again until they run: a burst far beyond the limits all succeeds', async () => {
    const server = await serve({ maxRunning: 1, maxWaiting: 2, maxWaitingBytes: 1024 * 1024, highWaterBytes: 1024 * 1024 });
    const transport = createWebSocketTransport({ connect: () => new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: bearer }), busyRetryDelayMs: 20 });
    try {
      const api = createApiClient(appContract, transport);
      const results = await Promise.all(Array.from({ length: 30 }, () => api.system.info({})));
      expect(results.every((r) => r.version === '0.0.0-server')).toBe(true);
      expect(routed.length, 'each request ran exactly once').toBe(30);
    } finally {
      transport.close?.();
    }
  });
});
