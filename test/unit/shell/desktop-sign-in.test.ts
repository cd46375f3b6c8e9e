import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { runShell } from '../../../src-main/shell/shell-app';
import { app, dialog, fakeEvent, FakeBrowserWindow, ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

/**
 * The desktop's sign-in with the real core behind the shell (fake Electron only): the first
 * portable start, the one-time password, signing in over IPC, the forced password change, and
 * the installed copy where the local user is the administrator.
 */

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const RESOURCES = resolve(__dirname, '../../../resources');
const APP_PATH = '/opt/printdeck';
const PAGE = { url: 'app://printdeck/index.html#/', parent: null };

let home: string;
let core: Core | null;

beforeEach(() => {
  resetFakeElectron();
  home = mkdtempSync(join(tmpdir(), 'printdeck-desktop-sign-in-'));
  app.paths.set('userData', join(home, 'user-data'));
  app.appPath = APP_PATH;
  core = null;
});

afterEach(async () => {
  // Quit as Electron does, so the core closes its database before the folder goes.
  if (FakeBrowserWindow.instances.length > 0 && app.quitCalls === 0) {
    app.emit('before-quit', fakeEvent());
    app.emit('will-quit', fakeEvent());
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 5_000 });
  }
  rmSync(home, { recursive: true, force: true });
});

async function launch(env: Record<string, string> = {}) {
  runShell({
    createCore: async (options) => (core = await createCore({ ...options, resourcesDir: RESOURCES, passwordCost: CHEAP, pollIntervalMs: 3_600_000 })),
    shellDir: `${APP_PATH}/dist/src-main/shell`,
    env,
    log: () => undefined,
    disposeTimeoutMs: 5_000,
  });
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 5_000 });
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window');
  const call = (method: string, params: unknown = {}) => {
    const handler = ipcMain.handlers.get(IPC_CHANNELS.rpc) as (...args: unknown[]) => Promise<unknown>;
    return handler({ sender: window.webContents, senderFrame: PAGE }, method, params);
  };
  return { window, call };
}

function theCore(): Core {
  if (!core) throw new Error('the core did not start');
  return core;
}

describe('signing in on the desktop, with the real core', () => {
  it('first portable start: sign-in required, a one-time password shown once, then the operator chooses their own', async () => {
    const { window, call } = await launch({ PORTABLE_EXECUTABLE_DIR: join(home, 'stick') });
    expect(theCore().auth.desktopSignInRequired()).toBe(true);
    window.emit('ready-to-show');
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1), { timeout: 5_000 });
    const password = /^(\S+)\n/.exec(dialog.messageBoxes[0]?.options.detail ?? '')?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    expect(await call('devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('auth.me')).toEqual({ ok: true, value: { user: null, host: 'desktop', signInRequired: true } });
    expect(await call('auth.signIn', { userName: 'admin', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('auth.signIn', { userName: 'admin', password })).toMatchObject({ ok: true, value: { user: { name: 'admin', mustChangePassword: true } } });
    // The one-time password opens nothing but the password change.
    expect(await call('devices.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('auth.changePassword', { current: password, next: 'correct-horse-battery' })).toEqual({ ok: true, value: {} });
    expect(await call('devices.list')).toEqual({ ok: true, value: { devices: [] } });
    expect(await call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'admin', mustChangePassword: false }, signInRequired: true } });

    expect(await call('auth.signOut')).toEqual({ ok: true, value: {} });
    expect(await call('devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The system log names who turned sign-in on: the console itself, on the desktop.
    const log = await theCore().router.handle('audit.list', { action: 'accounts.updateSettings' }, internalContext());
    expect(log).toMatchObject({ ok: true, value: { entries: [{ action: 'accounts.updateSettings', userName: 'system', host: 'desktop', outcome: 'ok' }] } });
    expect(dialog.messageBoxes).toHaveLength(1);
  });

  it('installed copy: the local user is the administrator, no sign-in, no password made up', async () => {
    const { window, call } = await launch();
    window.emit('ready-to-show');
    expect(await call('devices.list')).toEqual({ ok: true, value: { devices: [] } });
    expect(await call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'admin', administrator: true }, host: 'desktop', signInRequired: false } });
    expect(theCore().auth.administratorNeedsPassword()).toBe(true);
    expect(dialog.messageBoxes).toEqual([]);
  });
});
