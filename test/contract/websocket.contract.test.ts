import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { WebSocket } from 'ws';
import { appContract } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createWebSocketTransport } from '../../src-shared/rpc/websocket-transport';
import { createServer } from '../../src-main/server/server';
import { startCoreFixture } from './contract-fixture';
import { describeContractSuite } from './contract-suite';
import { internalContext } from '../../src-shared/auth/call-context';

// Simulated printers of this file: 127.71.0.x. The server listens on 127.0.0.1 at a free port.
describeContractSuite('the WebSocket transport', async () => {
  const fixture = await startCoreFixture('127.71.0.1');
  const problems: string[] = [];
  // No renderer is needed: the suite talks to /api only.
  const server = await createServer({ core: fixture.core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), log: (line) => problems.push(line) }).catch(async (error: unknown) => {
    await fixture.close();
    throw error;
  });
  // A script's way in: an API token of the built-in administrator, presented as a Bearer header.
  const admin = fixture.core.auth.ensureAdministrator();
  const { secret } = await fixture.core.api.accounts.createToken({ userId: admin.id, name: 'contract suite' }, internalContext());
  const transport = createWebSocketTransport({
    connect: () => new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { Authorization: `Bearer ${secret}` } }),
    onError: (error) => problems.push(`client: ${String(error)}`),
  });
  return {
    api: createApiClient(appContract, transport),
    subscribe: (listener) => transport.subscribe(listener),
    core: fixture.core,
    simulator: fixture.simulator,
    close: async () => {
      transport.close?.();
      await server.close();
      await fixture.close();
      // An 'internal' reply or a malformed message is a bug, whatever the test asserted.
      if (problems.length > 0) throw new Error(`server or client problems: ${problems.join('; ')}`);
    },
  };
});
