import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport, type ConnectionStatus } from '../../../src-shared/rpc/websocket-transport';
import { createServer } from '../../../src-main/server/server';
import { startTestCore, tokenOf, waitFor, type TestCore } from './server-rig';

/**
 * Loopback TCP on 127.0.0.1; the server is stopped and started again on the same port with
 * the same core (a real one in memory): the API token stays valid across the restart.
 */

const rendererDir = join(tmpdir(), 'printdeck-no-renderer');
let rig: TestCore;
let bearer: Record<string, string>;

beforeAll(async () => {
  rig = await startTestCore();
  const { secret } = await tokenOf(rig.core, rig.core.auth.ensureAdministrator().id, 'reconnect test');
  bearer = { Authorization: `Bearer ${secret}` };
});
afterAll(async () => {
  await rig?.close();
});

describe('WebSocket transport against a server that restarts', () => {
  it('reconnects, answers requests made during the outage, and keeps its subscribers', async () => {
    const { core } = rig;
    const first = await createServer({ core, rendererDir, log: () => undefined });
    const statuses: ConnectionStatus[] = [];
    const events: string[] = [];
    const transport = createWebSocketTransport({
      connect: () => new WebSocket(`ws://127.0.0.1:${first.port}/api`, { headers: bearer }),
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
      second = await createServer({ core, rendererDir, port: first.port, log: () => undefined });
      await expect(duringOutage).resolves.toMatchObject({ version: '0.0.0-server' });
      core.events.emit('groups.changed', {});
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
    const server = await createServer({ core: rig.core, rendererDir, log: () => undefined });
    await server.close();
    const transport = createWebSocketTransport({
      connect: () => new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: bearer }),
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
