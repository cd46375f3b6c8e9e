import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appEvents, type AppApi, type AppEvents } from '../../src-shared/contract/app.contract';
import { AppError, type ErrorCode } from '../../src-shared/rpc/app-error';
import { EMPTY_FILTER } from '../../src-shared/filters/device-filter';
import { toDeviceListRow } from '../../src-shared/domain/device-list-row';
import { decodeDeviceRows } from '../../src-shared/domain/device-rows.codec';
import { compareKeyed, nameOrderKey } from '../../src-shared/domain/list-order';
import type { Core } from '../../src-main/core/create-core';
import type { Simulator } from '../../src-main/simulator/simulator';
import { addressOf, PRINTERS } from './contract-fixture';

/** What a transport's run of the suite provides: a client over that transport to a real core. */
export interface ContractClient {
  api: AppApi;
  /** Pushed events as the transport delivers them; returns the disposer. */
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void;
  core: Core;
  simulator: Simulator;
  close(): Promise<void>;
}

const EVENT_WAIT_MS = 5_000;

/**
 * The behaviour of the contract, whatever carries it. `makeClient` starts a fresh core (empty
 * store) with the simulated printers of contract-fixture.ts each time it is called.
 */
export function describeContractSuite(name: string, makeClient: () => Promise<ContractClient>): void {
  async function withClient(test: (client: ContractClient) => Promise<void>): Promise<void> {
    const client = await makeClient();
    try {
      await test(client);
    } finally {
      await client.close();
    }
  }

  /** Adds the simulated printers and reads them; returns their ids by role. */
  async function addAndRead(client: ContractClient): Promise<{ color: number; mono: number; mono2: number }> {
    const add = async (profile: string): Promise<number> => (await client.api.devices.add({ address: addressOf(client.simulator, profile) })).id;
    const ids = { color: await add(PRINTERS.color), mono: await add(PRINTERS.mono), mono2: await add(PRINTERS.mono2) };
    const { results } = await client.api.devices.refresh({ ids: [ids.color, ids.mono, ids.mono2] });
    expect(results.filter((r) => !r.ok), 'devices that failed their first read').toEqual([]);
    return ids;
  }

  describe(`contract over ${name}`, () => {
    describe('devices', () => {
      it('starts with an empty list and says what runs', () =>
        withClient(async ({ api }) => {
          expect(await api.devices.list({})).toEqual({ devices: [] });
          expect(await api.system.info({})).toEqual({ version: '0.0.0-contract', demo: false, pollIntervalMs: 3_600_000, monitoring: true, deviceCount: 0, demoSearch: null });
        }));

      it('adds a device by address greyed out until read, and the same address again is not a new device', () =>
        withClient(async ({ api, simulator }) => {
          const address = addressOf(simulator, PRINTERS.color);
          const added = await api.devices.add({ address, name: 'Lobby' });
          expect(added.created).toBe(true);
          const { devices } = await api.devices.list({});
          expect(devices).toEqual([expect.objectContaining({ id: added.id, name: 'Lobby', address: address.split(':')[0], source: 'added', state: 'unknown', lastSeen: null, lastError: null })]);
          expect(await api.devices.add({ address })).toEqual({ id: added.id, created: false });
        }));

      it('refresh reads the devices now: one result per device, unknown ids and silent devices fail alone', () =>
        withClient(async ({ api, simulator }) => {
          const color = (await api.devices.add({ address: addressOf(simulator, PRINTERS.color) })).id;
          const silent = (await api.devices.add({ address: '127.70.0.250:1161' })).id;
          const { results } = await api.devices.refresh({ ids: [color, 999_999, silent] });
          expect(results.map((r) => [r.id, r.ok])).toEqual([[color, true], [999_999, false], [silent, false]]);
          expect(results[1]?.error?.code).toBe('not-found');
          expect(results[2]?.error?.code).toMatch(/^(snmp-timeout|network-error)$/);
          const detail = await api.devices.get({ id: color });
          expect(detail.lastSeen).not.toBeNull();
          expect(detail.identity.vendor).toMatch(/HP/i);
          const colours = detail.supplies.filter((s) => s.class === 'consumed').map((s) => s.color);
          expect(colours).toEqual(expect.arrayContaining(['cyan', 'magenta', 'yellow', 'black']));
          const history = await api.devices.history({ id: color, since: 0 });
          expect(history.status.length).toBeGreaterThanOrEqual(1);
          const silentRow = (await api.devices.list({})).devices.find((d) => d.id === silent);
          expect(silentRow).toMatchObject({ lastSeen: null, lastError: { code: results[2]?.error?.code } });
        }));

      it("listRows carries the console's list rows in the compact form: decoded, the list rows of devices.list (all, the ids asked, or the first in the list's opening order)", () =>
        withClient(async (client) => {
          const { api } = client;
          expect(decodeDeviceRows(await api.devices.listRows({}))).toEqual([]);
          const { color, mono } = await addAndRead(client);
          const silent = (await api.devices.add({ address: '127.70.0.250:1161' })).id;
          await api.devices.refresh({ ids: [silent] });
          const { devices } = await api.devices.list({});
          expect(devices).toHaveLength(4);
          expect(decodeDeviceRows(await api.devices.listRows({}))).toEqual(devices.map(toDeviceListRow));
          const asked = decodeDeviceRows(await api.devices.listRows({ ids: [silent, mono, 999_999] }));
          expect(asked).toEqual(devices.filter((d) => d.id === mono || d.id === silent).map(toDeviceListRow));
          expect(asked.find((r) => r.id === silent)?.lastError).not.toBeNull();
          expect(decodeDeviceRows(await api.devices.listRows({ ids: [color] }))[0]?.supplies.length).toBeGreaterThanOrEqual(4);
          // The top of the list as it opens (by name), in that order.
          const opening = decodeDeviceRows(await api.devices.listRows({ first: 2 }));
          const byName = devices.map((d) => ({ id: d.id, key: nameOrderKey(d) })).sort((a, b) => compareKeyed(a, b));
          expect(opening.map((row) => row.id)).toEqual(byName.slice(0, 2).map((d) => d.id));
          const rowsById = new Map(devices.map((d) => [d.id, toDeviceListRow(d)]));
          expect(opening).toEqual(opening.map((row) => rowsById.get(row.id)));
          await expectError(api.devices.listRows({ ids: [color], first: 1 }), 'invalid-argument', /ids or first/);
        }));

      it('renames a device, and an empty name gives back its own name', () =>
        withClient(async (client) => {
          const { color } = await addAndRead(client);
          const own = (await client.api.devices.get({ id: color })).name;
          await client.api.devices.rename({ id: color, name: 'Front desk' });
          expect((await client.api.devices.get({ id: color })).name).toBe('Front desk');
          await client.api.devices.rename({ id: color, name: '' });
          expect((await client.api.devices.get({ id: color })).name).toBe(own);
          await expectError(client.api.devices.rename({ id: 424_242, name: 'x' }), 'not-found', /424242/);
        }));

      it('removes devices; they are gone for get and history, unknown ids are skipped', () =>
        withClient(async (client) => {
          const { color, mono } = await addAndRead(client);
          const events = record(client);
          expect(await client.api.devices.remove({ ids: [color, 999_999] })).toEqual({ removed: 1 });
          await expectError(client.api.devices.get({ id: color }), 'not-found', new RegExp(String(color)));
          await expectError(client.api.devices.history({ id: color, since: 0 }), 'not-found', /does not exist/);
          expect((await client.api.devices.list({})).devices.map((d) => d.id)).not.toContain(color);
          expect((await client.api.devices.list({})).devices.map((d) => d.id)).toContain(mono);
          await events.waitFor('devices.changed', (p) => p.removed.includes(color));
        }));

      it('answers invalid arguments with invalid-argument naming the field', async () =>
        withClient(async ({ api }) => {
          await expectError(api.devices.get({ id: -1 }), 'invalid-argument', /\bid\b/);
          await expectError(api.devices.add({ address: '' }), 'invalid-argument', /address/);
          await expectError(api.devices.add({ address: '10.0.0.300' }), 'invalid-argument', /address: .*10\.0\.0\.300/);
          await expectError(api.devices.add({ address: 'printer:99999' }), 'invalid-argument', /address: .*99999/);
          await expectError(api.devices.refresh({ ids: [] }), 'invalid-argument', /\bids\b/);
          await expectError(api.groups.create({ name: ' ', kind: 'static' }), 'invalid-argument', /\bname\b/);
          await expectError(api.devices.history({ id: 1, since: 10, until: 5 }), 'invalid-argument', /until/);
          expect((await api.devices.list({})).devices).toEqual([]);
        }));
    });

    describe('CSV import and export', () => {
      it('round-trips the device list into a fresh core, where the devices wait greyed out to be read', async () => {
        let csv = '';
        let exported: Array<[string, string, number]> = [];
        await withClient(async (client) => {
          const { color } = await addAndRead(client);
          await client.api.devices.rename({ id: color, name: 'Lobby, ground floor' });
          await client.api.devices.add({ address: '127.70.0.251:1161', name: 'Never read' });
          const result = await client.api.devices.exportCsv({});
          expect(result.count).toBe(4);
          csv = result.csv;
          exported = (await client.api.devices.list({})).devices.map((d) => [d.name ?? '', d.address, d.port]);
          expect((await client.api.devices.exportCsv({ ids: [color] })).count).toBe(1);
        });
        await withClient(async (client) => {
          const events = record(client);
          expect(await client.api.devices.importCsv({ csv })).toEqual({ added: 4, existing: 0 });
          const { devices } = await client.api.devices.list({});
          expect(devices.map((d) => [d.name ?? '', d.address, d.port])).toEqual(exported);
          expect(devices.every((d) => d.source === 'imported' && d.lastSeen === null)).toBe(true);
          await events.waitFor('devices.changed', (p) => p.ids.length === 4);
          expect(await client.api.devices.importCsv({ csv })).toEqual({ added: 0, existing: 4 });
        });
      });

      it('rejects a bad CSV with the line number and imports nothing', () =>
        withClient(async ({ api }) => {
          const csv = 'name,address\nGood,10.0.0.1\nBad,10.0.0.300\nAlso good,10.0.0.2\n';
          const error = await expectError(api.devices.importCsv({ csv }), 'invalid-argument', /^line 3: /);
          expect(error.details).toEqual({ line: 3 });
          expect((await api.devices.list({})).devices).toEqual([]);
        }));
    });

    describe('groups and saved filters', () => {
      it('creates an empty static group, fills it, and lists its members; a device may be in several', () =>
        withClient(async (client) => {
          const { color, mono, mono2 } = await addAndRead(client);
          const { api } = client;
          const events = record(client);
          const finance = await api.groups.create({ name: 'Finance', kind: 'static' });
          expect(finance).toEqual({ id: finance.id, name: 'Finance', kind: 'static', deviceIds: [], filter: null });
          await events.waitFor('groups.changed', () => true);
          expect((await api.groups.addDevices({ id: finance.id, deviceIds: [mono, color, 999_999] })).deviceIds).toEqual([color, mono].sort((a, b) => a - b));
          const lab = await api.groups.create({ name: 'Lab', kind: 'static' });
          await api.groups.addDevices({ id: lab.id, deviceIds: [color, mono2] });
          expect((await api.groups.removeDevices({ id: finance.id, deviceIds: [mono] })).deviceIds).toEqual([color]);
          const { groups } = await api.groups.list({});
          expect(groups.map((g) => [g.name, g.deviceIds])).toEqual([['Finance', [color]], ['Lab', [color, mono2].sort((a, b) => a - b)]]);
          await api.devices.remove({ ids: [color] });
          expect((await api.groups.list({})).groups.map((g) => [g.name, g.deviceIds])).toEqual([['Finance', []], ['Lab', [mono2]]]);
        }));

      it('resolves a smart group from its filter when read, and refuses members for it', () =>
        withClient(async (client) => {
          const { color, mono, mono2 } = await addAndRead(client);
          const { api } = client;
          const hp = await api.groups.create({ name: 'HP printers', kind: 'smart', filter: { fields: { vendor: 'hp' } } });
          expect(hp).toMatchObject({ kind: 'smart', deviceIds: [color], filter: { ...EMPTY_FILTER, fields: { vendor: 'hp' } } });
          const lobby = await api.groups.create({ name: 'Lobby', kind: 'smart', filter: { fields: { name: 'lobby' } } });
          expect(lobby.deviceIds).toEqual([]);
          await api.devices.rename({ id: mono2, name: 'Lobby printer' });
          const byName = (await api.groups.list({})).groups.find((g) => g.id === lobby.id);
          expect(byName?.deviceIds).toEqual([mono2]);
          const updated = await api.groups.update({ id: hp.id, name: 'Not HP', filter: { fields: { vendor: 'brother' } } });
          expect(updated).toMatchObject({ name: 'Not HP', deviceIds: [mono] });
          await expectError(api.groups.addDevices({ id: hp.id, deviceIds: [color] }), 'unsupported', /smart/);
          await expectError(api.groups.create({ name: 'No filter', kind: 'smart' }), 'invalid-argument', /filter/);
        }));

      it('refuses a taken name with conflict and unknown groups with not-found; removing is idempotent', () =>
        withClient(async ({ api }) => {
          const a = await api.groups.create({ name: 'Sales', kind: 'static' });
          const b = await api.groups.create({ name: 'Support', kind: 'static' });
          await expectError(api.groups.create({ name: 'SALES', kind: 'static' }), 'conflict', /Sales|SALES/);
          await expectError(api.groups.update({ id: b.id, name: 'sales' }), 'conflict', /sales/);
          await expectError(api.groups.update({ id: 777_777, name: 'x' }), 'not-found', /777777/);
          await expectError(api.groups.addDevices({ id: 777_777, deviceIds: [1] }), 'not-found', /777777/);
          await expectError(api.groups.update({ id: a.id, filter: { states: ['error'] } }), 'unsupported', /static/);
          expect(await api.groups.remove({ id: a.id })).toEqual({});
          expect(await api.groups.remove({ id: a.id })).toEqual({});
          expect((await api.groups.list({})).groups.map((g) => g.name)).toEqual(['Support']);
        }));

      it('saves filters by name, replaces one of the same name, and removes them', () =>
        withClient(async ({ api }) => {
          const errors = await api.groups.saveFilter({ name: 'Errors', filter: { states: ['error'] } });
          await api.groups.saveFilter({ name: 'Toner low', filter: { tonerLow: true } });
          const replaced = await api.groups.saveFilter({ name: 'Errors', filter: { states: ['error', 'offline'] } });
          expect(replaced.id).toBe(errors.id);
          expect((await api.groups.listFilters({})).filters).toEqual([
            { id: errors.id, name: 'Errors', filter: { ...EMPTY_FILTER, states: ['error', 'offline'] } },
            { id: expect.any(Number), name: 'Toner low', filter: { ...EMPTY_FILTER, tonerLow: true } },
          ]);
          await api.groups.removeFilter({ id: errors.id });
          expect((await api.groups.listFilters({})).filters.map((f) => f.name)).toEqual(['Toner low']);
        }));
    });

    describe('work run once', () => {
      it('runs a refresh as an execution of the job model without adding a saved task', () =>
        withClient(async (client) => {
          const { api } = client;
          const ids = await addAndRead(client);
          const { executionId, taskId } = await api.tasks.run({ type: 'refresh', targets: { deviceIds: [ids.color, ids.mono], groupIds: [] } });
          let detail = await api.tasks.getExecution({ executionId });
          for (let i = 0; i < 200 && (detail.execution.state === 'queued' || detail.execution.state === 'running'); i++) {
            await new Promise((resolve) => setTimeout(resolve, 25));
            detail = await api.tasks.getExecution({ executionId });
          }
          expect(detail.execution).toMatchObject({ taskId, taskName: 'refresh (run once)', state: 'succeeded', succeeded: 2, failed: 0 });
          expect((await api.tasks.list({})).tasks).toEqual([]);
          expect((await api.tasks.listExecutions({})).executions.map((e) => e.id)).toContain(executionId);
          await expectError(api.tasks.run({ type: 'refresh' }), 'invalid-argument', /targets: choose at least one device or group/);
          await expectError(api.tasks.run({ type: 'coffee', targets: { deviceIds: [ids.color], groupIds: [] } }), 'invalid-argument', /^tasks\.run: type: a task type of the core \(refresh, discovery, deliverSettings, acquireSettings, reboot\) or of a plug-in/);
        }));
      it('devices.refresh is an execution of the job model too: kept with its per-device results, errors as the read left them', () =>
        withClient(async (client) => {
          const { api } = client;
          const ids = await addAndRead(client);
          const silent = (await api.devices.add({ address: '127.0.0.1:9' })).id;
          const { results } = await api.devices.refresh({ ids: [ids.mono, silent] });
          expect(results.map((r) => [r.id, r.ok])).toEqual([[ids.mono, true], [silent, false]]);
          expect(results[1]?.error?.code).toMatch(/^(snmp-timeout|network-error)$/);
          const [latest] = (await api.tasks.listExecutions({ limit: 1 })).executions;
          expect(latest).toMatchObject({ taskName: 'Refresh devices', state: 'partly-failed', succeeded: 1, failed: 1 });
          expect((await api.tasks.list({})).tasks).toEqual([]);
        }));
    });

    describe('accounts, the system log and who is calling', () => {
      it('says who is signed in, and a task remembers who saved it', () =>
        withClient(async ({ api }) => {
          const { user } = await api.auth.me({});
          expect(user).toMatchObject({ administrator: true, mustChangePassword: false });
          const group = await api.groups.create({ name: 'Night shift', kind: 'static' });
          const task = await api.tasks.create({ name: 'Nightly refresh', type: 'refresh', targets: { deviceIds: [], groupIds: [group.id] }, schedule: { kind: 'daily', time: '02:00' } });
          expect(task).toMatchObject({ createdBy: user?.name, updatedBy: user?.name });
        }));

      it('manages users, groups with their function matrix, and API tokens', () =>
        withClient(async ({ api }) => {
          const { functions } = await api.accounts.listFunctions({});
          expect(functions.map((f) => f.id)).toEqual(expect.arrayContaining(['deviceList', 'deviceSearch', 'accounts', 'systemLog']));
          const group = await api.accounts.createGroup({ name: 'Help desk', permissions: { deviceList: 'view', tasks: 'change', accounts: 'none' } });
          expect(group).toMatchObject({ name: 'Help desk', builtin: null, permissions: { deviceList: 'view', tasks: 'change' }, memberCount: 0 });
          const user = await api.accounts.createUser({ name: 'hd1', displayName: 'Help Desk 1', password: 'a-long-password', groupIds: [group.id] });
          expect(user).toMatchObject({ name: 'hd1', source: 'local', builtin: false, enabled: true, groupIds: [group.id], passwordSet: true, mustChangePassword: true, lockedUntil: null });
          await expectError(api.accounts.createUser({ name: 'HD1', password: 'a-long-password', groupIds: [group.id] }), 'conflict', /"HD1" is already taken/);
          await expectError(api.accounts.createUser({ name: 'hd2', password: 'short', groupIds: [group.id] }), 'invalid-argument', /at least 10 characters/);
          const { groups } = await api.accounts.listGroups({});
          expect(groups.map((g) => [g.name, g.builtin, g.memberCount])).toEqual([
            ['Administrators', 'administrator', 1],
            ['Operators', 'operator', 0],
            ['Viewers', 'viewer', 0],
            ['Help desk', null, 1],
          ]);
          const { token, secret } = await api.accounts.createToken({ userId: user.id, name: 'script', expiresInDays: 30 });
          expect(secret).toMatch(/^pdt_/);
          expect((await api.accounts.listTokens({})).tokens.map((t) => [t.name, t.userName, t.revokedAt])).toEqual(expect.arrayContaining([['script', 'hd1', null]]));
          expect(JSON.stringify(await api.accounts.listTokens({}))).not.toContain(secret);
          expect((await api.accounts.revokeToken({ id: token.id })).revokedAt).not.toBeNull();
          await api.accounts.removeUser({ id: user.id });
          expect((await api.accounts.listUsers({})).users.map((u) => u.name)).toEqual(['admin']);
        }));

      it('writes every change to the system log with its targets, secrets masked, filterable and exportable', () =>
        withClient(async ({ api }) => {
          const group = await api.groups.create({ name: 'Finance', kind: 'static' });
          await api.groups.remove({ id: group.id });
          await api.accounts.createUser({ name: 'ops', password: 'a-very-secret-one', groupIds: [2] });
          const { entries } = await api.audit.list({ action: 'groups.' });
          expect(entries.map((e) => [e.action, e.outcome, e.targets])).toEqual([
            ['groups.remove', 'ok', [`group ${group.id}`]],
            ['groups.create', 'ok', ['name Finance']],
          ]);
          const [created] = (await api.audit.list({ action: 'accounts.createUser' })).entries;
          expect(created).toMatchObject({ function: 'accounts', targets: ['group 2', 'name ops'], detail: { password: '••••••' } });
          const { csv, count } = await api.audit.exportCsv({ action: 'groups.' });
          expect(count).toBe(2);
          expect(csv.split('\n')[0]).toBe('time (UTC),user,host,address,action,function,targets,outcome,error,message,detail');
          expect(await api.audit.getSettings({})).toEqual({ retentionDays: 365 });
        }));
    });

    describe('monitoring and events', () => {
      it('after a poll round in which a printer jammed, pushes devices.changed and device.status, and the list shows it', () =>
        withClient(async (client) => {
          const { color } = await addAndRead(client);
          const before = (await client.api.devices.get({ id: color })).state;
          expect(before).not.toBe('error');
          const events = record(client);
          const jamming = client.simulator.devices.find((d) => d.name.startsWith(PRINTERS.color));
          client.simulator.device(jamming?.name ?? '?').setErrorState(['jammed']);
          const report = await client.core.monitor.runRound();
          expect(report).toMatchObject({ total: 3, read: 3, failed: 0 });
          const status = await events.waitFor('device.status', (p) => p.id === color);
          expect(status).toMatchObject({ id: color, state: 'error', previous: before });
          expect(status.message).toMatch(/jam/i);
          await events.waitFor('devices.changed', (p) => p.ids.includes(color));
          await events.waitFor('poll.progress', (p) => p.finished && p.done === 3);
          const row = (await client.api.devices.list({})).devices.find((d) => d.id === color);
          expect(row).toMatchObject({ state: 'error', conditions: expect.arrayContaining(['jammed']) });
        }));

      it('pauses and resumes monitoring', () =>
        withClient(async ({ api }) => {
          expect(await api.system.setMonitoring({ enabled: false })).toEqual({ monitoring: false });
          expect((await api.system.info({})).monitoring).toBe(false);
          expect(await api.system.setMonitoring({ enabled: true })).toEqual({ monitoring: true });
        }));
    });
  });
}

const EVENT_SCHEMAS: { [K in keyof AppEvents]: z.ZodType<AppEvents[K]> } = appEvents;

/** Records pushed events from now on; waitFor resolves with the first matching one (already seen or coming), bounded. */
function record(client: ContractClient) {
  const seen: Array<{ name: string; payload: unknown }> = [];
  const waiters = new Set<() => void>();
  client.subscribe((name, payload) => {
    seen.push({ name, payload });
    for (const wake of [...waiters]) wake();
  });
  return {
    waitFor<K extends keyof AppEvents>(name: K, match: (payload: AppEvents[K]) => boolean): Promise<AppEvents[K]> {
      return new Promise((resolve, reject) => {
        // Payloads are checked against the contract's event schema: the transport must carry them intact.
        const schema = EVENT_SCHEMAS[name];
        const check = (): boolean => {
          for (const event of seen) {
            if (event.name !== name) continue;
            const parsed = schema.safeParse(event.payload);
            if (!parsed.success) {
              finish();
              reject(new Error(`"${name}" event does not match its schema: ${JSON.stringify(event.payload)}`));
              return true;
            }
            if (!match(parsed.data)) continue;
            finish();
            resolve(parsed.data);
            return true;
          }
          return false;
        };
        const wake = (): void => void check();
        const finish = (): void => {
          waiters.delete(wake);
          clearTimeout(timer);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching "${name}" event within ${EVENT_WAIT_MS} ms; saw: ${JSON.stringify(seen)}`));
        }, EVENT_WAIT_MS);
        waiters.add(wake);
        check();
      });
    },
  };
}

/** Awaits a call that must fail with `code` and a message matching `message`; returns the error. */
async function expectError(call: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<AppError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected ${code}, got the value ${JSON.stringify(outcome.value)}`);
  const { error } = outcome;
  if (!(error instanceof AppError)) throw new Error(`expected an AppError ${code}, got ${String(error)}`);
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.stringMatching(message) });
  return error;
}
