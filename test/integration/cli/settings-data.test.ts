import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createCore } from '../../../src-main/core/create-core';
import { haveSnmpd, startSnmpd, type RunningSnmpd } from '../../helpers/snmpd-fixture';
import { CliProcess, describeResult, freeUdpPort, requireBuiltCli, runCli } from './cli-process';

/**
 * `printdeck settings … --data DIR` runs as a stored task of the console in DIR: afterwards the
 * task, its execution and per-item results are there, the system log names the changes with
 * host "cli" (and never the community), and a write credential given on the command line is
 * kept only with --save-credentials. Ctrl+C cancels the execution. Against Debian's snmpd on
 * a loopback port.
 */

const WRITER = 'printdeck-data-writer';

/** Opens DIR's store in this process for a look at what the CLI did; disposes it after `use`. */
async function withApi<T>(dataDir: string, use: (api: AppApi) => Promise<T>): Promise<T> {
  const core = await createCore({ databaseFile: join(dataDir, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
  try {
    return await use(createApiClient(appContract, createInProcessTransport(core.router, core.events)));
  } finally {
    await core.dispose();
  }
}

describe.skipIf(!haveSnmpd)('printdeck settings --data: a stored task on stored devices', () => {
  let agent: RunningSnmpd;
  let target: string;
  let dataDir: string;
  const cli = (args: string[], timeoutMs = 30_000) => runCli([...args, '--data', dataDir], timeoutMs);

  beforeAll(async () => {
    requireBuiltCli();
    agent = await startSnmpd(['rocommunity public 127.0.0.1', `rwcommunity ${WRITER} 127.0.0.1`]);
    target = `${agent.host}:${agent.port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'printdeck-cli-settings-'));
  });
  afterAll(async () => {
    await agent?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('adds the target, runs a deliverSettings task kept in the list with its execution, logs it with host cli, and keeps no credential', async () => {
    const result = await cli(['settings', 'set', target, '--name', 'stored-name', '--location', 'Stored room', '--write-community', WRITER]);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/--location\s+installationSite\s+delivered\s+Stored room/);

    await withApi(dataDir, async (api) => {
      const { devices } = await api.devices.list({});
      expect(devices.map((d) => `${d.address}:${d.port}`)).toEqual([target]);
      const deviceId = devices[0]?.id ?? 0;
      const { tasks } = await api.tasks.list({});
      expect(tasks).toHaveLength(1);
      const task = tasks[0];
      expect(task).toMatchObject({ type: 'deliverSettings', targets: { deviceIds: [deviceId], groupIds: [] }, schedule: { kind: 'now' }, createdBy: 'admin' });
      expect(task?.name).toContain(target);
      expect(task?.params).toEqual({ values: { deviceName: 'stored-name', installationSite: 'Stored room' }, reboot: false });
      const { executions } = await api.tasks.listExecutions({ taskId: task?.id });
      expect(executions.map((e) => e.state)).toEqual(['succeeded']);
      const detail = await api.tasks.getExecution({ executionId: executions[0]?.id ?? 0 });
      expect(detail.devices[0]?.items?.map((i) => [i.item, i.outcome])).toEqual([
        ['deviceName', 'delivered'],
        ['installationSite', 'delivered'],
      ]);

      const { entries } = await api.audit.list({ user: 'admin' });
      const actions = entries.filter((e) => e.host === 'cli').map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['devices.add', 'devices.refresh', 'credentials.setForDevices', 'tasks.create']));
      const created = entries.find((e) => e.action === 'tasks.create');
      expect(created).toMatchObject({ host: 'cli', userName: 'admin', outcome: 'ok' });
      expect(JSON.stringify(created?.detail)).toContain('stored-name');
      // Stored for the run and cleared again: two entries, and the community in neither.
      expect(actions.filter((a) => a === 'credentials.setForDevices')).toHaveLength(2);
      expect(JSON.stringify(entries)).not.toContain(WRITER);
      const { devices: vault } = await api.credentials.get({ deviceIds: [deviceId] });
      expect(vault[0]?.snmpWrite.set).toBe(false);
    });
  }, 60_000);

  it('without a --write-* option uses the vault; with none stored every item is not reached, saying so (exit 1)', async () => {
    const result = await cli(['settings', 'set', target, '--name', 'other-name', '--json']);
    expect(result.code, describeResult(result)).toBe(1);
    expect(result.stderr).toMatch(/No write credential in the vault for .*: give --write-community/);
    const [device] = JSON.parse(result.stdout) as Array<{ items: Array<{ outcome: string; message: string }> }>;
    expect(device?.items).toEqual([expect.objectContaining({ outcome: 'not-reached', message: expect.stringMatching(/no SNMP write credential is stored/) as unknown })]);
  }, 60_000);

  it('--save-credentials keeps the credential: later runs need no --write-* option; replacing a stored one needs --save-credentials (exit 2)', async () => {
    const saved = await cli(['settings', 'set', target, '--contact', 'saved@example.test', '--write-community', WRITER, '--save-credentials']);
    expect(saved.code, describeResult(saved)).toBe(0);
    const reuse = await cli(['settings', 'set', target, '--contact', 'saved@example.test', '--json']);
    expect(reuse.code, describeResult(reuse)).toBe(0);
    expect(JSON.parse(reuse.stdout)).toMatchObject([{ ok: true, items: [{ item: 'administratorContact', outcome: 'already-set' }] }]);
    const refused = await cli(['settings', 'set', target, '--contact', 'x', '--write-community', 'another']);
    expect(refused.code, describeResult(refused)).toBe(2);
    expect(refused.stderr).toMatch(/a write credential of its own is stored in the vault of --data; leave out the --write-\* options to use it, or add --save-credentials/);
    await withApi(dataDir, async (api) => {
      const { devices } = await api.devices.list({});
      const { devices: vault } = await api.credentials.get({ deviceIds: devices.map((d) => d.id) });
      expect(vault[0]?.snmpWrite).toMatchObject({ set: true, version: 'v2c', source: { kind: 'device' } });
      // The refused run stored nothing and changed nothing.
      expect((await api.tasks.list({})).tasks).toHaveLength(4);
    });
  }, 60_000);

  it('settings get --data reads through an acquireSettings task and keeps the values (settings.acquired)', async () => {
    const result = await cli(['settings', 'get', target, '--quiet']);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/deviceName\s+stored-name/);
    await withApi(dataDir, async (api) => {
      const { devices } = await api.devices.list({});
      const { values } = await api.settings.acquired({ deviceId: devices[0]?.id ?? 0 });
      expect(values.map((v) => [v.item, v.value])).toEqual(expect.arrayContaining([['deviceName', 'stored-name'], ['installationSite', 'Stored room'], ['administratorContact', 'saved@example.test']]));
      expect((await api.tasks.list({})).tasks.map((t) => t.type)).toContain('acquireSettings');
    });
  }, 60_000);

  it('a target that cannot be read is reported and not left in the list', async () => {
    const dead = `127.0.0.1:${await freeUdpPort('127.0.0.1')}`;
    const result = await cli(['settings', 'set', dead, '--name', 'x', '--write-community', WRITER, '--timeout', '300', '--retries', '0', '--json']);
    expect(result.code, describeResult(result)).toBe(1);
    const [device] = JSON.parse(result.stdout) as Array<{ target: string; ok: boolean; error: string; items: Array<{ outcome: string }> }>;
    expect(device).toMatchObject({ target: dead, ok: false, items: [{ outcome: 'not-reached' }] });
    await withApi(dataDir, async (api) => {
      expect((await api.devices.list({})).devices.map((d) => `${d.address}:${d.port}`)).toEqual([target]);
    });
  }, 60_000);

  it('Ctrl+C cancels the execution under way (exit 1) and the stored execution says cancelled', async () => {
    // A stored device that does not answer: the delivery waits on its SNMP timeouts.
    const silent = `127.0.0.1:${await freeUdpPort('127.0.0.1')}`;
    await withApi(dataDir, async (api) => {
      await api.devices.add({ address: silent });
    });
    const child = new CliProcess(['settings', 'set', silent, '--name', 'x', '--write-community', WRITER, '--timeout', '2000', '--retries', '2', '--data', dataDir]);
    try {
      for (let i = 0; i < 100 && !/execution \d+/.test(child.stderr); i++) await new Promise((r) => setTimeout(r, 100));
      expect(child.stderr).toMatch(/settings set: 1 device, task \d+, execution \d+/);
      child.signal('SIGINT');
      const result = await child.finish(20_000);
      expect(result.code, describeResult(result)).toBe(1);
      expect(result.stderr).toMatch(/Cancelling…/);
      expect(result.stderr).toMatch(/Cancelled \(Ctrl\+C\)/);
    } finally {
      child.kill();
    }
    await withApi(dataDir, async (api) => {
      const executionId = Number(/execution (\d+)/.exec(child.stderr)?.[1]);
      const { execution } = await api.tasks.getExecution({ executionId });
      expect(execution.state).toBe('cancelled');
      // The credential given for the run was removed again on the way out.
      const device = (await api.devices.list({})).devices.find((d) => `${d.address}:${d.port}` === silent);
      expect((await api.credentials.get({ deviceIds: [device?.id ?? 0] })).devices[0]?.snmpWrite.set).toBe(false);
    });
  }, 60_000);
});
