import type { BrowserWindow as ElectronWindow, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createMainWindow, guardAllWebContents, installSessionPolicy, revealWindow } from '../../../src-main/shell/window';
import { BrowserWindow, FakeBrowserWindow, fakeEvent, FakeWebContents, resetFakeElectron, session, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

const paths = {
  rendererUrl: 'app://printdeck/index.html',
  preloadFile: '/opt/printdeck/dist/src-main/shell/preload.js',
};

function openWindow(quitting = false): FakeBrowserWindow {
  createMainWindow({ paths, isQuitting: () => quitting, externalHosts: ['github.com'] });
  const window = BrowserWindow.instances.at(-1);
  if (!window) throw new Error('createMainWindow made no BrowserWindow');
  return window;
}

beforeEach(() => resetFakeElectron());

describe('the main window', () => {
  it('is created with exactly the hardened webPreferences', () => {
    const window = openWindow();
    expect(window.options['webPreferences']).toStrictEqual({
      preload: paths.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('loads the renderer from the app protocol, never from file://, and shows itself once ready', () => {
    const window = openWindow();
    expect([window.loadedUrl, window.loadedFile]).toEqual(['app://printdeck/index.html', null]);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('denies every new window, opening only allow-listed https links in the browser', () => {
    const { webContents } = openWindow();
    const open = (url: string) => webContents.windowOpenHandler?.({ url });
    expect(open('https://github.com/printdeck')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://github.com/printdeck']);
  });

  it('blocks navigation away from its own page; allowed links go to the browser instead', () => {
    const { webContents } = openWindow();
    const navigate = (url: string) => {
      const event = fakeEvent({ url, isMainFrame: true });
      webContents.emit('will-frame-navigate', event);
      return event.defaultPrevented;
    };
    expect(navigate(`${paths.rendererUrl}#/devices`)).toBe(false);
    expect(navigate('https://evil.example/phish')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('file:///opt/printdeck/dist/renderer/index.html')).toBe(true);
    expect(navigate('app://printdeck/other.html')).toBe(true);
    expect(navigate('https://github.com/printdeck')).toBe(true);
    expect(shell.opened).toEqual(['https://github.com/printdeck']);
  });

  it('blocks redirects away from its own page and refuses webviews', () => {
    const { webContents } = openWindow();
    const redirect = fakeEvent({ url: 'https://evil.example/' });
    webContents.emit('will-redirect', redirect);
    const webview = fakeEvent();
    webContents.emit('will-attach-webview', webview, {}, {});
    expect([redirect.defaultPrevented, webview.defaultPrevented]).toEqual([true, true]);
  });

  it('hides into the tray when closed, and really closes when quitting', () => {
    const window = openWindow();
    window.show();
    expect(window.userClose().defaultPrevented).toBe(true);
    expect([window.visible, window.destroyed]).toEqual([false, false]);

    const quittingWindow = openWindow(true);
    expect(quittingWindow.userClose().defaultPrevented).toBe(false);
    expect(quittingWindow.destroyed).toBe(true);
  });

  it('comes back from the tray restored and focused', () => {
    const window = openWindow();
    window.minimized = true;
    revealWindow(window as unknown as ElectronWindow);
    expect({ visible: window.visible, minimized: window.minimized, focused: window.focused }).toEqual({ visible: true, minimized: false, focused: true });
  });
});

describe('every webContents (app-wide, as it is created)', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const log: string[] = [];
    guardAllWebContents(contents as unknown as WebContents, (line) => log.push(line));
    return { contents, log };
  }

  it('may open no window at all, not even to an allow-listed host', () => {
    const { contents, log } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://github.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://printdeck/index.html' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
    expect(log).toHaveLength(2);
  });

  it("may navigate only within the app's origin", () => {
    const { contents, log } = guarded();
    const navigate = (url: string) => {
      const event = fakeEvent({ url, isMainFrame: false });
      contents.emit('will-frame-navigate', event);
      return event.defaultPrevented;
    };
    expect(navigate('app://printdeck/index.html#/tasks')).toBe(false);
    expect(navigate('app://printdeck/assets/chunk.js')).toBe(false);
    const refused = ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:8080/', 'javascript:alert(1)', 'data:text/html,<p>x'];
    expect(refused.map(navigate)).toEqual(refused.map(() => true));
    expect(log.filter((line) => line.startsWith('refused navigation'))).toHaveLength(refused.length);
  });

  it("is not redirected off the app's origin and attaches no webview", () => {
    const { contents } = guarded();
    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', away);
    const within = fakeEvent({ url: 'app://printdeck/index.html' });
    contents.emit('will-redirect', within);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect([away.defaultPrevented, within.defaultPrevented, webview.defaultPrevented]).toEqual([true, false, true]);
  });
});

describe('the session policy', () => {
  it("adds a CSP limited to the app's own files to every response", () => {
    installSessionPolicy(session.defaultSession as unknown as Session);
    let headers: Record<string, string[]> | undefined;
    session.defaultSession.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('refuses permission requests such as camera or geolocation', () => {
    installSessionPolicy(session.defaultSession as unknown as Session);
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      session.defaultSession.permissionRequestHandler?.({}, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false]);
    expect(session.defaultSession.permissionCheckHandler?.({}, 'media')).toBe(false);
  });
});
