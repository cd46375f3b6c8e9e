import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appContract } from '../../../src-shared/contract/app.contract';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';
import { createRouter } from '../../../src-shared/rpc/router';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { startIpcTransport, type IpcTransport } from '../../../src-main/shell/ipc-transport';
import { anEventHub, stubAppImpl } from './shell-fixtures';
import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';
import { internalContext } from '../../../src-shared/auth/call-context';

vi.mock('electron', () => import('./fake-electron.js'));

const rendererUrl = 'file:///opt/printdeck/dist/renderer/index.html';

function setUp() {
  const contexts: CallContext[] = [];
  const router = createRouter(
    appContract,
    stubAppImpl({
      system: {
        info: (_args, context) => {
          contexts.push(context);
          return { version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null };
        },
      },
    }),
  );
  const events = anEventHub();
  const ours = new FakeWebContents();
  const windows: FakeWebContents[] = [ours];
  const transport: IpcTransport = startIpcTransport({ router, events, rendererUrl, windows: () => windows as unknown as WebContents[] });
  const call = (sender: FakeWebContents, frame: { url: string; parent: unknown } | null, method: unknown, params: unknown = {}) => {
    const handler = ipcMain.handlers.get(IPC_CHANNELS.rpc);
    if (!handler) throw new Error(`no handler on ${IPC_CHANNELS.rpc}`);
    return (handler as (...args: unknown[]) => Promise<unknown>)({ sender, senderFrame: frame }, method, params);
  };
  return { contexts, events, ours, windows, transport, call };
}

beforeEach(() => resetFakeElectron());

describe('the IPC transport', () => {
  it('answers a call from our window as the administrator, via ipc', async () => {
    const { call, ours, contexts } = setUp();
    const reply = await call(ours, { url: `${rendererUrl}#/devices`, parent: null }, 'system.info');
    expect(reply).toEqual({ ok: true, value: { version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null } });
    expect(contexts).toEqual([internalContext()]);
  });

  it.each([
    ['another webContents', 'stranger', { url: rendererUrl, parent: null }, /not a Printdeck window/],
    ['another page in our window', 'ours', { url: 'https://evil.example/', parent: null }, /not the Printdeck page \(https:\/\/evil\.example\/\)/],
    ['another local file', 'ours', { url: 'file:///tmp/evil.html', parent: null }, /not the Printdeck page/],
    ['an iframe in our page', 'ours', { url: rendererUrl, parent: {} }, /embedded frame/],
    ['a frame that is gone', 'ours', null, /frame is gone/],
  ] as const)('refuses %s with forbidden', async (_what, who, frame, reason) => {
    const { call, ours, contexts } = setUp();
    const reply = await call(who === 'ours' ? ours : new FakeWebContents(), frame, 'system.info');
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(reason) } });
    expect(contexts).toEqual([]);
  });

  it('validates through the router and rejects a non-string method', async () => {
    const { call, ours } = setUp();
    const frame = { url: rendererUrl, parent: null };
    expect(await call(ours, frame, 42)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(ours, frame, 'devices.get', { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^devices\.get: id:/) } });
    expect(await call(ours, frame, 'nope.nothing')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("pushes the core's events and the shell's own to every live window on the event channel", () => {
    const { events, ours, windows, transport } = setUp();
    const closed = new FakeWebContents();
    closed.destroyed = true;
    windows.push(closed);
    events.emit('device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    transport.push('shell.openDevice', { id: 5 });
    expect(ours.sent).toEqual([
      { channel: IPC_CHANNELS.event, args: ['device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' }] },
      { channel: IPC_CHANNELS.event, args: ['shell.openDevice', { id: 5 }] },
    ]);
    expect(closed.sent).toEqual([]);
  });

  it('stops answering and forwarding once disposed', () => {
    const { events, ours, transport } = setUp();
    transport.dispose();
    events.emit('groups.changed', {});
    expect([ipcMain.handlers.has(IPC_CHANNELS.rpc), ours.sent.length]).toEqual([false, 0]);
  });
});
