import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { PRELOAD_BRIDGE_KEY, type PreloadBridge } from '../../../src-shared/rpc/preload-bridge';
import type * as FakeElectron from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

let ipcRenderer: typeof FakeElectron.ipcRenderer;

/** Runs the preload afresh (with fresh fakes) and returns what it handed to contextBridge. */
async function loadPreload(): Promise<Map<string, unknown>> {
  vi.resetModules();
  // Whatever instance the mocked 'electron' is now (mock factories outlive resetModules).
  const fake = (await import('electron')) as unknown as typeof FakeElectron;
  fake.resetFakeElectron();
  ipcRenderer = fake.ipcRenderer;
  await import('../../../src-main/shell/preload.js');
  return fake.contextBridge.exposed;
}

async function bridge(): Promise<PreloadBridge> {
  const exposed = (await loadPreload()).get(PRELOAD_BRIDGE_KEY);
  if (!exposed) throw new Error(`nothing exposed as "${PRELOAD_BRIDGE_KEY}"`);
  return exposed as PreloadBridge;
}

describe('the preload', () => {
  it('exposes exactly { invoke, subscribe } as window.printdeck, and nothing else', async () => {
    const exposed = await loadPreload();
    expect([...exposed.keys()]).toEqual(['printdeck']);
    const api = exposed.get('printdeck') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect([typeof api['invoke'], typeof api['subscribe']]).toEqual(['function', 'function']);
  });

  it('sends invoke(method, params) on the rpc channel and returns the reply envelope', async () => {
    const printdeck = await bridge();
    ipcRenderer.reply = (_channel, method) => Promise.resolve({ ok: true, value: { echoed: method } });
    const reply = await printdeck.invoke('devices.list', { a: 1 });
    expect(ipcRenderer.invocations).toEqual([{ channel: IPC_CHANNELS.rpc, args: ['devices.list', { a: 1 }] }]);
    expect(IPC_CHANNELS.rpc).toBe('printdeck:rpc');
    expect(reply).toEqual({ ok: true, value: { echoed: 'devices.list' } });
  });

  it('turns a failed IPC call into an error envelope instead of rejecting', async () => {
    const printdeck = await bridge();
    ipcRenderer.reply = () => Promise.reject(new Error('No handler registered'));
    const reply = await printdeck.invoke('system.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/system\.info: .*No handler registered/) } });
  });

  it('refuses a method that is not a string without sending anything', async () => {
    const reply = await (await bridge()).invoke(42 as unknown as string, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(ipcRenderer.invocations).toEqual([]);
  });

  it('delivers pushed events (name, payload) without the IPC event, until disposed', async () => {
    const received: unknown[][] = [];
    const dispose = (await bridge()).subscribe((...args: unknown[]) => received.push(args));
    ipcRenderer.emit(IPC_CHANNELS.event, { sender: ipcRenderer }, 'device.status', { id: 3 });
    ipcRenderer.emit('some-other-channel', {}, 'ignored', {});
    dispose();
    ipcRenderer.emit(IPC_CHANNELS.event, { sender: ipcRenderer }, 'device.status', { id: 4 });
    expect(received).toEqual([['device.status', { id: 3 }]]);
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(0);
  });
});

describe('the compiled preload', () => {
  it("requires nothing but 'electron' (a sandboxed preload cannot load our own files)", async () => {
    const source = readFileSync(join(__dirname, '..', '..', '..', 'src-main', 'shell', 'preload.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const required = [...outputText.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});
