import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { change, view } from '../../../src-shared/auth/access';
import { callerContext, internalContext } from '../../../src-shared/auth/call-context';
import { method } from '../../../src-shared/rpc/contract-builder';
import { PLUGIN_API_VERSION } from '../../../src-shared/plugins/plugin-manifest';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { MainPlugin, PluginHost } from '../../../src-main/plugin-api/plugin-host';
import { aCallerWith, contextAs } from '../../helpers/callers';

const RESOURCES = resolve(__dirname, '../../../resources');
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

const notesContract = {
  notes: {
    list: method(z.object({}), z.object({ notes: z.array(z.string()) }), 'Notes.', view('notes.notes')),
    add: method(z.object({ text: z.string().min(1) }), z.object({ count: z.number() }), 'Adds a note.', change('notes.notes')),
  },
};

/** A plug-in as an outside author would write it: a function, a table, a service and a task kind. */
function notesPlugin(ran: string[]): MainPlugin {
  return {
    manifest: { id: 'notes', name: 'Notes', version: '1.2.0', apiVersion: PLUGIN_API_VERSION, description: 'Test plug-in' },
    register(host: PluginHost) {
      const fn = host.addFunction('notes');
      host.migrate([{ version: 1, name: 'notes table', up: (db) => db.exec('CREATE TABLE notes_items (text TEXT NOT NULL)') }]);
      const all = () => host.db.prepare<[], { text: string }>('SELECT text FROM notes_items').all().map((r) => r.text);
      host.addService(notesContract, {
        notes: {
          list: () => ({ notes: all() }),
          add: ({ text }) => {
            host.db.prepare('INSERT INTO notes_items (text) VALUES (?)').run(text);
            host.emitData('items', fn);
            return { count: all().length };
          },
        },
      });
      host.addTaskKind({ type: 'notes.write', access: change(fn), paramsSchema: z.object({ text: z.string() }), usesTargets: false, run: async (ctx) => void ran.push((ctx.params as { text: string }).text) });
    },
  };
}

const cores: Core[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(databaseFile: string, plugins: MainPlugin[]): Promise<{ core: Core; logs: string[] }> {
  const logs: string[] = [];
  const core = await createCore({ databaseFile, resourcesDir: RESOURCES, version: '0.0.0-test', passwordCost: CHEAP, log: (line) => void logs.push(line), plugins });
  cores.push(core);
  return { core, logs };
}

describe('plug-ins', () => {
  it('mounts a plug-in’s service under its id, checked by its own function like the core’s', async () => {
    const { core } = await open(':memory:', [notesPlugin([])]);
    const admin = contextAs('administrator');
    expect(await core.router.handle('notes.notes.add', { text: 'hello' }, admin)).toEqual({ ok: true, value: { count: 1 } });
    expect(await core.router.handle('notes.notes.list', {}, contextAs('viewer', 'in-process', core.functions.ids()))).toEqual({ ok: true, value: { notes: ['hello'] } });
    // Built-in roles get the plug-in's function the way they get the core's: a viewer reads, does not change.
    const refused = await core.router.handle('notes.notes.add', { text: 'x' }, contextAs('viewer', 'in-process', core.functions.ids()));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.functions.list().map((f) => f.id)).toContain('notes.notes');
    const [info] = (await core.api.plugins.list({}, admin)).plugins;
    expect(info).toMatchObject({ id: 'notes', state: 'enabled', functions: ['notes.notes'], taskKinds: ['notes.write'], services: ['notes.notes'], schemaVersion: 1, error: null });
  });

  it('disabling refuses calls and task runs with a clear message and keeps the data; enabling brings it back, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printdeck-plugins-'));
    dirs.push(dir);
    const file = join(dir, 'printdeck.db');
    const ran: string[] = [];
    const first = await open(file, [notesPlugin(ran)]);
    const admin = contextAs('administrator');
    await first.core.router.handle('notes.notes.add', { text: 'kept' }, admin);
    await first.core.api.plugins.setEnabled({ id: 'notes', enabled: false }, admin);
    const closed = await first.core.router.handle('notes.notes.list', {}, admin);
    expect(closed).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/Notes plug-in is disabled.*Settings → Plug-ins/) } });
    expect(first.core.functions.list().map((f) => f.id)).not.toContain('notes.notes');
    await expect(Promise.resolve().then(() => first.core.api.tasks.run({ type: 'notes.write', params: { text: 'x' }, targets: { deviceIds: [], groupIds: [] }, mailTo: [] }, admin))).rejects.toThrow(/Notes plug-in is disabled/);
    await first.core.dispose();

    const second = await open(file, [notesPlugin(ran)]);
    expect((await second.core.api.plugins.list({}, admin)).plugins[0]?.state).toBe('disabled');
    await second.core.api.plugins.setEnabled({ id: 'notes', enabled: true }, admin);
    expect(await second.core.router.handle('notes.notes.list', {}, admin)).toEqual({ ok: true, value: { notes: ['kept'] } });
  });

  it('a saved task of a disabled plug-in fails its run with the reason instead of running', async () => {
    const ran: string[] = [];
    const { core } = await open(':memory:', [notesPlugin(ran)]);
    const admin = contextAs('administrator');
    const { executionId } = await core.api.tasks.run({ type: 'notes.write', params: { text: 'first' }, targets: { deviceIds: [], groupIds: [] }, mailTo: [] }, admin);
    core.start();
    await waitFinished(core, executionId);
    expect(ran).toEqual(['first']);
    const created = await core.router.handle('tasks.create', { name: 'Write', type: 'notes.write', params: { text: 'later' }, schedule: { kind: 'daily', time: '03:00' } }, admin);
    if (!created.ok) throw new Error(created.error.message);
    const task = created.value as { id: number };
    await core.api.plugins.setEnabled({ id: 'notes', enabled: false }, admin);
    const run: { executionId: number } | Error = await Promise.resolve()
      .then(() => core.api.tasks.runNow({ id: task.id }, admin))
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (run instanceof Error) expect(run.message).toMatch(/Notes plug-in is disabled/);
    else {
      const state = await waitFinished(core, run.executionId);
      expect(state).toMatchObject({ state: 'failed', error: expect.stringMatching(/Notes plug-in is disabled/) });
    }
    expect(ran).toEqual(['first']);
  });

  it('a plug-in that fails to load is listed with why and skipped; the console and the other plug-ins start', async () => {
    const throwing: MainPlugin = { manifest: { id: 'broken', name: 'Broken', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: '' }, register: (host) => { host.addFunction('x'); throw new Error('cannot find its library'); } };
    const tooNew: MainPlugin = { manifest: { id: 'future', name: 'Future', version: '1.0.0', apiVersion: PLUGIN_API_VERSION + 1, description: '' }, register: () => undefined };
    const badManifest = { manifest: { id: 'Bad Id', name: '', version: 'one', apiVersion: 1, description: '' }, register: () => undefined } as MainPlugin;
    // Registers a service and a function, then a task kind twice: nothing of it may stay.
    const twice: MainPlugin = {
      manifest: { id: 'twice', name: 'Twice', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: '' },
      register: (host) => {
        host.addFunction('x');
        host.addService({ things: { list: method(z.object({}), z.object({}), 'Things.', view('twice.x')) } }, { things: { list: () => ({}) } });
        const kind = { type: 'twice.run', paramsSchema: z.object({}), usesTargets: false, run: async () => undefined };
        host.addTaskKind(kind);
        host.addTaskKind(kind);
      },
    };
    const { core, logs } = await open(':memory:', [throwing, tooNew, badManifest, twice, notesPlugin([])]);
    const admin = contextAs('administrator');
    const plugins = (await core.api.plugins.list({}, admin)).plugins;
    expect(plugins.map((p) => [p.id, p.state])).toEqual([['broken', 'failed'], ['future', 'failed'], ['(unnamed)', 'failed'], ['twice', 'failed'], ['notes', 'enabled']].map(([id, state]) => [id === '(unnamed)' ? 'Bad Id' : id, state]));
    expect(plugins[3]?.error).toMatch(/task kind "twice.run" is added twice/);
    expect(core.functions.has('twice.x')).toBe(false);
    expect(await core.router.handle('twice.things.list', {}, contextAs('administrator'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(plugins[0]?.error).toMatch(/cannot find its library/);
    expect(plugins[1]?.error).toMatch(/needs plug-in API version 2; this console offers version 1/);
    expect(plugins[2]?.error).toMatch(/manifest is invalid: id: .*name: .*version/);
    // Nothing of the broken plug-in stayed behind.
    expect(core.functions.list().map((f) => f.id)).not.toContain('broken.x');
    expect(logs.filter((l) => l.startsWith('plug-in '))).toHaveLength(4);
    await expect(Promise.resolve().then(() => core.api.plugins.setEnabled({ id: 'broken', enabled: true }, admin))).rejects.toThrow(/failed to load \(cannot find its library\)/);
    expect(await core.router.handle('notes.notes.list', {}, admin)).toMatchObject({ ok: true });
  });

  it("a task of a plug-in's kind needs the plug-in's function as well as tasks: change", async () => {
    const { core } = await open(':memory:', [notesPlugin([])]);
    const tasksOnly = callerContext(aCallerWith({ tasks: 'change' }, 'tasker'), 'in-process');
    const refused = await core.router.handle('tasks.run', { type: 'notes.write', params: { text: 'x' } }, tasksOnly);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/needs "notes.notes: change" as well as tasks/) } });
    const created = await core.router.handle('tasks.create', { name: 'W', type: 'notes.write', params: { text: 'x' }, schedule: { kind: 'daily', time: '03:00' } }, contextAs('administrator'));
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: number }).id;
    for (const [method, params] of [['tasks.runNow', { id }], ['tasks.update', { id, name: 'X' }], ['tasks.copy', { id }], ['tasks.remove', { id }]] as const) {
      expect(await core.router.handle(method, params, tasksOnly), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const both = callerContext(aCallerWith({ tasks: 'change', 'notes.notes': 'change' }, 'writer'), 'in-process');
    expect(await core.router.handle('tasks.runNow', { id }, both)).toMatchObject({ ok: true });
  });

  it('only environment settings switch plug-ins, and the switch is in the system log', async () => {
    const { core } = await open(':memory:', [notesPlugin([])]);
    expect(await core.router.handle('plugins.setEnabled', { id: 'notes', enabled: false }, contextAs('operator'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.router.handle('plugins.list', {}, contextAs('viewer'))).toMatchObject({ ok: true });
    expect(await core.router.handle('plugins.setEnabled', { id: 'notes', enabled: false }, contextAs('administrator'))).toMatchObject({ ok: true, value: { state: 'disabled' } });
    const log = await core.api.audit.list({ limit: 10 }, internalContext());
    expect(log.entries.map((e) => e.action)).toContain('plugins.setEnabled');
  });
});

async function waitFinished(core: Core, executionId: number) {
  for (let i = 0; i < 200; i++) {
    const { execution } = await core.api.tasks.getExecution({ executionId }, internalContext());
    if (['succeeded', 'failed', 'partly-failed', 'cancelled'].includes(execution.state)) return execution;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('execution did not finish');
}
