import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { AGENT_PROTOCOL } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { driversPlugin } from '../../../../src-main/plugins/drivers/drivers.plugin';
import { createServer, type RunningServer } from '../../../../src-main/server/server';
import { http, startTestCore, type TestCore } from '../../server/server-rig';
import { driverlessSet, driversApi, ippAssociation } from './drivers-rig';

/** A push waits for reports by the console's clock (host.now), so a scheduled night run and the tests' clock agree. */

let rig: TestCore;
let server: RunningServer;
beforeAll(async () => {
  rig = await startTestCore({ plugins: [driversPlugin()] });
  server = await createServer({ core: rig.core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  await rig?.close();
});

describe('a push waiting for its agents', () => {
  it('ends when waitMinutes have passed on the console clock, saying the job stays open', async () => {
    const drivers = driversApi(rig.core);
    const { secret } = await drivers.clients.createEnrolmentToken({ validHours: 1 });
    const facts = { os: 'linux', osVersion: 'Debian 13', agentVersion: '0.1.0', protectedPrint: null, queues: [] };
    const enrolled = JSON.parse((await http(server.port, '/plugins/drivers/agent/enrol', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ protocol: AGENT_PROTOCOL, token: secret, name: 'away-pc', facts }) })).body) as { clientId: number };
    const deviceId = (await rig.core.api.devices.add({ address: '127.0.0.1', name: 'Printer' }, internalContext())).id;
    const associationId = await ippAssociation(drivers, { deviceId, setId: await driverlessSet(drivers), queueName: 'Away', port: 631, defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null } });
    const { executionId } = await rig.core.api.tasks.run(
      { type: 'drivers.installQueue', name: 'push', params: { clientIds: [enrolled.clientId], associationIds: [associationId], waitMinutes: 1 }, targets: { deviceIds: [], groupIds: [] }, mailTo: [] },
      internalContext(),
    );
    const state = async (): Promise<string> => (await rig.core.api.tasks.getExecution({ executionId }, internalContext())).execution.state;
    await new Promise((r) => setTimeout(r, 300));
    expect(await state()).toBe('running');
    rig.clock.advance(61_000);
    for (let i = 0; i < 100 && ['queued', 'running'].includes(await state()); i++) await new Promise((r) => setTimeout(r, 100));
    const detail = await rig.core.api.tasks.getExecution({ executionId }, internalContext());
    expect(detail.execution.state).not.toMatch(/queued|running/);
    expect(detail.devices[0]?.message).toMatch(/queued, waiting for the agent|stays open/);
  }, 30_000);
});
