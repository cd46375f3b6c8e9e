import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { runShell, type ShellCore, type ShellCoreOptions } from '../../../src-main/shell/shell-app';
import { aShellCore, FakeShellAuth } from './shell-fixtures';
import { app, clipboard, dialog, fakeEvent, FakeBrowserWindow, FakeNotification, FakeTray, FakeWebContents, ipcMain, protocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

let home: string;

function aCore(dispose: () => Promise<void> = () => Promise.resolve()) {
  return aShellCore({ dispose });
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
      {
        databaseFile: join(home, 'user-data', 'printdeck.db'),
        resourcesDir: join('/opt/printdeck', 'resources'),
        version: '0.1.0',
        log: expect.any(Function),
        traps: {},
        secretStore: expect.objectContaining({ protection: 'safeStorage' }),
      },
    ]);
    expect(calls).toEqual(['start']);
    expect(ipcMain.handlers.has(IPC_CHANNELS.rpc)).toBe(true);
    expect(window.loadedUrl).toBe('app://printdeck/index.html');
    expect(FakeTray.instances).toHaveLength(1);
  });

  it('keeps everything beside the executable in portable mode, the key that seals secrets too', async () => {
    const { created } = launch({ env: { PORTABLE_EXECUTABLE_DIR: join(home, 'stick') } });
    await started();
    expect(app.getPath('userData')).toBe(join(home, 'stick', 'PrintdeckData'));
    expect(created[0]?.databaseFile).toBe(join(home, 'stick', 'PrintdeckData', 'printdeck.db'));
    const store = created[0]?.secretStore;
    expect(store).toMatchObject({ protection: 'key-file' });
    store?.seal('x');
    expect(existsSync(join(home, 'stick', 'PrintdeckData', 'printdeck.db.key'))).toBe(true);
  });

  it('seals secrets with a key protected by safeStorage beside the per-user database', async () => {
    const { created } = launch();
    await started();
    const store = created[0]?.secretStore;
    expect(store?.open(store.seal('smtp-password'))).toBe('smtp-password');
    expect([existsSync(join(home, 'user-data', 'printdeck.db.key.safestorage')), existsSync(join(home, 'user-data', 'printdeck.db.key'))]).toEqual([true, false]);
  });

  it("sandboxes every renderer and denies every webContents new windows, webviews and navigation off the app's origin", () => {
    launch();
    expect(app.sandboxEnabled).toBe(true);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach);
    const away = fakeEvent({ url: 'file:///etc/passwd', isMainFrame: true });
    contents.emit('will-frame-navigate', away);
    const within = fakeEvent({ url: 'app://printdeck/index.html#/devices', isMainFrame: true });
    contents.emit('will-frame-navigate', within);
    const redirect = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', redirect);
    expect([attach.defaultPrevented, away.defaultPrevented, within.defaultPrevented, redirect.defaultPrevented]).toEqual([true, true, false, true]);
  });

  it('registers app:// as privileged before ready, serves the renderer folder from it once started, and stops when quitting', async () => {
    const rendererDir = join(home, 'app', 'dist', 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Printdeck</title>');
    writeFileSync(join(home, 'app', 'dist', 'secret.txt'), 'SECRET');
    app.appPath = join(home, 'app');
    let ready: () => void = () => undefined;
    app.ready = new Promise((resolve) => {
      ready = resolve;
    });
    launch();
    // Synchronously in runShell, before 'ready' (Electron ignores the privileges later), and only once.
    expect({ registrations: protocol.registrations, privileged: protocol.privileged, handled: protocol.isProtocolHandled('app') }).toEqual({
      registrations: 1,
      privileged: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }],
      handled: false,
    });
    ready();
    const window = await started();
    expect(window.loadedUrl).toBe('app://printdeck/index.html');
    const page = await protocol.fetch('app://printdeck/index.html');
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>Printdeck</title>']);
    const traversal = await protocol.fetch('app://printdeck/..%2fsecret.txt');
    expect([traversal.status, await traversal.text()]).toEqual([403, 'Refused: an encoded path separator.']);

    quit();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 2_000 });
    expect(protocol.isProtocolHandled('app')).toBe(false);
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

describe('signing in on the desktop', () => {
  async function messageBox() {
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1), { timeout: 2_000 });
    const box = dialog.messageBoxes[0];
    if (!box) throw new Error('no message box');
    return box;
  }

  it('leaves sign-in off in an installed copy: the local user is the administrator', async () => {
    const { core, calls, auth } = aShellCore();
    launch({ core });
    await started();
    expect([auth.required, auth.adminPassword, calls]).toEqual([false, null, ['start']]);
    expect(dialog.messageBoxes).toEqual([]);
  });

  it('requires sign-in on the first portable start and shows a one-time administrator password once, in front of the window', async () => {
    const { core, calls, auth } = aShellCore();
    launch({ core, env: { PORTABLE_EXECUTABLE_DIR: join(home, 'stick') } });
    const window = await started();
    expect(auth.required).toBe(true);
    expect(calls).toEqual(['start', 'accounts.updateSettings by system on desktop']);
    expect(dialog.messageBoxes).toEqual([]); // the window is not shown yet
    window.emit('ready-to-show');
    const box = await messageBox();
    expect(box.parent).toBe(window);
    expect(box.options).toMatchObject({ title: 'Printdeck — sign-in required', message: 'Sign in as "admin" with this one-time password:', buttons: ['OK', 'Copy password'] });
    expect(box.options.detail).toContain(auth.adminPassword ?? 'no password');
    expect(clipboard.text).toBe('');
  });

  it('puts the one-time password on the clipboard when asked', async () => {
    const { core, auth } = aShellCore();
    dialog.messageBoxResponse = 1;
    launch({ core, env: { PORTABLE_EXECUTABLE_DIR: join(home, 'stick') } });
    (await started()).emit('ready-to-show');
    await messageBox();
    await vi.waitFor(() => expect(clipboard.text).toBe(auth.adminPassword));
  });

  it('changes nothing on a later portable start (the administrator has a password)', async () => {
    const auth = new FakeShellAuth();
    auth.adminPassword = 'chosen-by-the-operator';
    const { core, calls } = aShellCore({ auth });
    launch({ core, env: { PORTABLE_EXECUTABLE_DIR: join(home, 'stick') } });
    (await started()).emit('ready-to-show');
    expect([auth.required, auth.adminPassword, calls]).toEqual([false, 'chosen-by-the-operator', ['start']]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dialog.messageBoxes).toEqual([]);
  });

  it('gives the administrator a one-time password when sign-in is turned on while it has none', async () => {
    const { core, auth } = aShellCore();
    launch({ core });
    const window = await started();
    window.emit('ready-to-show');
    const handler = ipcMain.handlers.get(IPC_CHANNELS.rpc) as (...args: unknown[]) => Promise<unknown>;
    const frame = { url: 'app://printdeck/index.html', parent: null };
    expect(await handler({ sender: window.webContents, senderFrame: frame }, 'devices.list', {})).toEqual({ ok: true, value: { devices: [] } });
    auth.required = true;
    core.events.emit('accounts.changed', {});
    const box = await messageBox();
    expect(box.options.detail).toContain(auth.adminPassword ?? 'no password');
    // The window, acting as the local administrator until now, is told it is signed out.
    expect(window.webContents.sent).toContainEqual({ channel: IPC_CHANNELS.event, args: ['accounts.changed', {}] });
    expect(await handler({ sender: window.webContents, senderFrame: frame }, 'devices.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
