import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport, type ConnectionStatus } from '../../../src-shared/rpc/websocket-transport';
import { createServer } from '../../../src-main/server/server';
import { stubCore } from './server-rig';

/** Loopback TCP on 127.0.0.1; the server is stopped and started again on the same port. */

const rendererDir = join(tmpdir(), 'printdeck-no-renderer');

describe('WebSocket transport against a server that restarts', () => {
  it('reconnects, answers requests made during the outage, and keeps its subscribers', async () => {
    const core = stubCore();
    const first = await createServer({ core, rendererDir, log: () => undefined });
    const statuses: ConnectionStatus[] = [];
    const events: string[] = [];
    const transport = createWebSocketTransport({
      connect: () => new WebSocket(`ws://127.0.0.1:${first.port}/api?token=${first.token}`),
      reconnectDelayMs: 50,
      maxReconnectDelayMs: 200,
      onStatus: (status) => statuses.push(status),
    });
    transport.subscribe((name) => events.push(name));
    const api = createApiClient(appContract, transport);
    let second: Awaited<ReturnType<typeof createServer>> | null = null;
    try {
      await api.system.info({});
      await first.close();
      await waitFor(() => statuses.includes('reconnecting'), 3000, () => statuses.join(', '));
      const duringOutage = api.system.info({});
      second = await createServer({ core, rendererDir, port: first.port, token: first.token, log: () => undefined });
      await expect(duringOutage).resolves.toMatchObject({ version: 'stub' });
      core.hub.emit('groups.changed', {});
      await waitFor(() => events.length > 0, 3000, () => JSON.stringify(events));
      expect(events).toEqual(['groups.changed']);
      expect(statuses[0]).toBe('connecting');
      expect(statuses.filter((s) => s === 'open').length, statuses.join(', ')).toBe(2);
    } finally {
      transport.close?.();
      await second?.close();
      await first.close();
    }
  });

  it('fails a request with a clear message when the server does not come back in time', async () => {
    const core = stubCore();
    const server = await createServer({ core, rendererDir, log: () => undefined });
    await server.close();
    const transport = createWebSocketTransport({
      connect: () => new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`),
      offlineTimeoutMs: 500,
      reconnectDelayMs: 50,
    });
    try {
      await expect(createApiClient(appContract, transport).devices.list({})).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/^no connection to the Printdeck server for 500 ms, so devices\.list was not sent \(the server refused or did not answer the connection\)$/),
      });
    } finally {
      transport.close?.();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
