import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { runShell, type ShellCore, type ShellCoreOptions } from '../../../src-main/shell/shell-app';
import { anEventHub, stubAppImpl } from './shell-fixtures';
import { app, dialog, fakeEvent, FakeBrowserWindow, FakeNotification, FakeTray, ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

let home: string;

function aCore(dispose: () => Promise<void> = () => Promise.resolve()) {
  const calls: string[] = [];
  const core: ShellCore = {
    api: stubAppImpl({
      devices: { list: () => ({ devices: [] }) },
      system: { info: () => ({ version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null }) },
    }),
    events: anEventHub(),
    start: () => void calls.push('start'),
    dispose: () => {
      calls.push('dispose');
      return dispose();
    },
  };
  return { core, calls };
}

function launch(options: { env?: Record<string, string>; core?: ShellCore; createCore?: (o: ShellCoreOptions) => Promise<ShellCore>; disposeTimeoutMs?: number } = {}) {
  const created: ShellCoreOptions[] = [];
  const core = options.core ?? aCore().core;
  runShell({
    createCore:
      options.createCore ??
      ((o) => {
        created.push(o);
        return Promise.resolve(core);
      }),
    shellDir: '/opt/printdeck/dist/src-main/shell',
    env: options.env ?? {},
    log: () => undefined,
    disposeTimeoutMs: options.disposeTimeoutMs ?? 1_000,
  });
  return { created };
}

async function started(): Promise<FakeBrowserWindow> {
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 2_000 });
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window');
  return window;
}

/** What Electron does on Quit: before-quit, then will-quit (which the shell may hold up). */
function quit(): ReturnType<typeof fakeEvent> {
  app.emit('before-quit', fakeEvent());
  const willQuit = fakeEvent();
  app.emit('will-quit', willQuit);
  return willQuit;
}

beforeEach(() => {
  resetFakeElectron();
  home = mkdtempSync(join(tmpdir(), 'printdeck-shell-'));
  app.paths.set('userData', join(home, 'user-data'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('the Electron app', () => {
  it('leaves at once when another instance holds the lock', () => {
    app.lockGranted = false;
    const { created } = launch();
    expect({ quits: app.quitCalls, listeners: app.eventNames(), created }).toEqual({ quits: 1, listeners: [], created: [] });
  });

  it('starts the core on the per-user database, then the IPC handler, window and tray', async () => {
    const { core, calls } = aCore();
    const { created } = launch({ core });
    const window = await started();
    expect(created).toEqual([
      { databaseFile: join(home, 'user-data', 'printdeck.db'), resourcesDir: join('/opt/printdeck', 'resources'), version: '0.1.0', log: expect.any(Function), traps: {} },
    ]);
    expect(calls).toEqual(['start']);
    expect(ipcMain.handlers.has(IPC_CHANNELS.rpc)).toBe(true);
    expect(window.loadedFile).toBe(join('/opt/printdeck', 'dist', 'renderer', 'index.html'));
    expect(FakeTray.instances).toHaveLength(1);
  });

  it('keeps everything beside the executable in portable mode', async () => {
    const { created } = launch({ env: { PORTABLE_EXECUTABLE_DIR: join(home, 'stick') } });
    await started();
    expect(app.getPath('userData')).toBe(join(home, 'stick', 'PrintdeckData'));
    expect(created[0]?.databaseFile).toBe(join(home, 'stick', 'PrintdeckData', 'printdeck.db'));
  });

  it('shows the running window when started a second time', async () => {
    launch();
    const window = await started();
    window.hide();
    app.emit('second-instance');
    expect(window.visible).toBe(true);
  });

  it('hides to the tray on close, and on Quit disposes everything once before leaving', async () => {
    const { core, calls } = aCore();
    launch({ core });
    const window = await started();
    expect(window.userClose().defaultPrevented).toBe(true);

    const willQuit = quit();
    expect(willQuit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 2_000 });
    expect(calls).toEqual(['start', 'dispose']);
    expect({ handler: ipcMain.handlers.has(IPC_CHANNELS.rpc), trayGone: FakeTray.instances[0]?.destroyed, windowGone: window.destroyed }).toEqual({
      handler: false,
      trayGone: true,
      windowGone: true,
    });
    expect(quit().defaultPrevented).toBe(false);
    expect(calls).toEqual(['start', 'dispose']);
  });

  it('quits even when the core does not close in time', async () => {
    const { core } = aCore(() => new Promise(() => undefined));
    launch({ core, disposeTimeoutMs: 50 });
    await started();
    quit();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 2_000 });
  });

  it('reports a core that cannot start in a dialog and exits with 1', async () => {
    launch({ createCore: () => Promise.reject(new Error('database is from a newer Printdeck (version 9)')) });
    await vi.waitFor(() => expect(app.exitCode).toBe(1), { timeout: 2_000 });
    expect(dialog.errors).toEqual([{ title: 'Printdeck could not start', content: 'database is from a newer Printdeck (version 9)' }]);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('opens the device of a clicked error notification in the window', async () => {
    const { core } = aCore();
    launch({ core });
    const window = await started();
    core.events.emit('device.status', { id: 12, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    window.hide();
    FakeNotification.instances[0]?.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC_CHANNELS.event, args: ['shell.openDevice', { id: 12 }] });
  });
});
