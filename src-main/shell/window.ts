import { BrowserWindow, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl, isAppOriginUrl, isAppPageUrl } from './navigation-policy';
import type { ShellPaths } from './shell-paths';

export { CONTENT_SECURITY_POLICY };

/** Permissions the page may use; everything else (camera, geolocation, …) is refused. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The only webPreferences the main window gets: isolated, sandboxed, no Node. */
export function hardenedWebPreferences(preloadFile: string): WebPreferences {
  return {
    preload: preloadFile,
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
  };
}

/** Adds the CSP to every response of `session` and refuses permission requests. Never throws. */
export function installSessionPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * The rules every webContents gets as it is created (app 'web-contents-created'), DevTools and
 * any future window included: no new windows, no <webview>, no navigation or redirect to
 * anything but the app's own origin (`app://printdeck`). The main window then installs its
 * own window-open handler (which sends allow-listed links to the browser) over this one, and
 * narrows navigation to its one page.
 */
export function guardAllWebContents(contents: WebContents, log: (message: string) => void = () => undefined): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`refused a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (details) => {
    if (isAppOriginUrl(details.url)) return;
    details.preventDefault();
    log(`refused navigation to ${details.url}: not the app's origin`);
  });
  contents.on('will-redirect', (details) => {
    if (isAppOriginUrl(details.url)) return;
    details.preventDefault();
    log(`refused a redirect to ${details.url}: not the app's origin`);
  });
}

export interface MainWindowOptions {
  paths: Pick<ShellPaths, 'rendererUrl' | 'preloadFile'>;
  /** Window icon (Linux/Windows); none when absent. */
  icon?: string;
  externalHosts?: readonly string[];
  /** True once the user chose Quit: only then does closing the window really close it. */
  isQuitting(): boolean;
  /** Reports refused navigations and load failures (the window itself never throws). */
  log?: (message: string) => void;
}

/**
 * The console window: hardened webPreferences, the renderer from the app protocol
 * (`app://printdeck/index.html`), no new windows, no navigation away from that page
 * (allow-listed https links go to the OS browser instead), close-to-tray.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const log = options.log ?? (() => undefined);
  const hosts = options.externalHosts ?? EXTERNAL_LINK_HOSTS;
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Printdeck',
    autoHideMenuBar: true,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: hardenedWebPreferences(options.paths.preloadFile),
  });
  const contents = window.webContents;
  const openOutside = (url: string): void => {
    if (!isAllowedExternalUrl(url, hosts)) {
      log(`refused to open ${url}: not an allowed external link`);
      return;
    }
    shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`));
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-frame-navigate', (details) => {
    if (isAppPageUrl(details.url, options.paths.rendererUrl)) return;
    details.preventDefault();
    openOutside(details.url);
  });
  contents.on('will-redirect', (details) => {
    if (!isAppPageUrl(details.url, options.paths.rendererUrl)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.loadURL(options.paths.rendererUrl).catch((error: unknown) => log(`could not load ${options.paths.rendererUrl}: ${String(error)} (run npm run build)`));
  return window;
}

/** Brings the window back from the tray (or from behind other windows). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
