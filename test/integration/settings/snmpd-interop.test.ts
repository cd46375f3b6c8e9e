import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { haveSnmpd, startSnmpd, type RunningSnmpd } from '../../helpers/snmpd-fixture';
import { waitForExecution } from './settings-rig';

/**
 * Settings delivery against an SNMP agent that is not ours: Debian's snmpd with a write
 * community. sysName and sysContact are writable there; sysLocation is fixed by snmpd.conf, so
 * snmpd answers notWritable and the item must be reported unsupported, never delivered. An
 * independent reader (snmpget) sees the new values.
 */

const run = promisify(execFile);

describe.skipIf(!haveSnmpd)('settings delivery to Net-SNMP snmpd', () => {
  let agent: RunningSnmpd;
  let dir: string;
  let core: Core;
  let api: AppApi;
  let deviceId: number;

  beforeAll(async () => {
    agent = await startSnmpd(['rocommunity public 127.0.0.1', 'rwcommunity printdeck-writer 127.0.0.1', 'sysLocation Fixed by snmpd.conf']);
    dir = await mkdtemp(join(tmpdir(), 'printdeck-snmpd-interop-'));
    core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: 'test', snmp: { version: 'v2c', community: 'public', timeoutMs: 1000, retries: 1 } });
    api = createApiClient(appContract, createInProcessTransport(core.router, core.events));
    deviceId = (await api.devices.add({ address: `${agent.host}:${agent.port}` })).id;
    const { results } = await api.devices.refresh({ ids: [deviceId] });
    expect(results[0]?.ok, JSON.stringify(results)).toBe(true);
  }, 30_000);

  afterAll(async () => {
    await core?.dispose();
    await agent?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('test authentication tells a wrong and a read-only community from a working one, changing nothing', async () => {
    expect(await api.credentials.test({ deviceId })).toMatchObject({ ok: false, step: 'no-credentials' });
    expect(await api.credentials.test({ deviceId, snmpWrite: { version: 'v2c', community: 'wrong' } })).toMatchObject({ ok: false, step: 'wrong-credentials' });
    expect(await api.credentials.test({ deviceId, snmpWrite: { version: 'v2c', community: 'public' } })).toMatchObject({ ok: false, step: 'read-only' });
    expect(await api.credentials.test({ deviceId, snmpWrite: { version: 'v2c', community: 'printdeck-writer' } })).toMatchObject({ ok: true, step: 'ok' });
  });

  it('delivers sysName and sysContact, reports sysLocation as not writable and prtGeneral items as absent, and snmpget reads the new values', async () => {
    await api.credentials.setForDevices({ deviceIds: [deviceId], snmpWrite: { version: 'v2c', community: 'printdeck-writer' } });
    const status = (await api.credentials.get({ deviceIds: [deviceId] })).devices[0];
    expect(status?.snmpWrite).toEqual({ set: true, version: 'v2c', v3User: null, source: { kind: 'device', groupId: null, groupName: null } });
    expect(JSON.stringify(status)).not.toContain('printdeck-writer');

    const task = await api.tasks.create({
      name: 'Rename the agent',
      type: 'deliverSettings',
      targets: { deviceIds: [deviceId], groupIds: [] },
      params: { values: { deviceName: 'interop-name', installationSite: 'Room 12', administratorContact: 'ops@example.test', administratorName: 'Ops' } },
      schedule: { kind: 'now' },
    });
    const { execution, devices } = await waitForExecution(api, task.id);
    expect(execution.state).toBe('succeeded');
    expect(devices[0]?.items?.map((i) => [i.item, i.outcome])).toEqual([
      ['deviceName', 'delivered'],
      ['installationSite', 'unsupported'],
      ['administratorContact', 'delivered'],
      ['administratorName', 'unsupported'],
    ]);
    expect(devices[0]?.items?.find((i) => i.item === 'installationSite')?.message).toMatch(/notWritable/);

    const { stdout } = await run('snmpget', ['-v2c', '-c', 'public', '-Ov', '-Oq', `udp:${agent.host}:${agent.port}`, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.6.0'], { timeout: 10_000 });
    expect(stdout.trim().split('\n').map((line) => line.replace(/^"|"$/g, ''))).toEqual(['interop-name', 'ops@example.test', 'Fixed by snmpd.conf']);
  }, 30_000);

  it('a second delivery of the same values finds them already set', async () => {
    const task = await api.tasks.create({ name: 'Again', type: 'deliverSettings', targets: { deviceIds: [deviceId], groupIds: [] }, params: { values: { deviceName: 'interop-name' } }, schedule: { kind: 'now' } });
    const { devices } = await waitForExecution(api, task.id);
    expect(devices[0]?.items).toEqual([{ item: 'deviceName', outcome: 'already-set', message: 'already set', value: 'interop-name' }]);
  }, 30_000);
});
