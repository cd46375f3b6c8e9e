import { mkdirSync } from 'node:fs';
import { app, clipboard, dialog, session, type BrowserWindow } from 'electron';
import { internalContext } from '../../src-shared/auth/call-context';
import { appContract, type AppEvents, type AppImpl } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createEventHub, type EventHub } from '../../src-shared/rpc/event-hub';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import type { Router } from '../../src-shared/rpc/router';
import type { AuthService } from '../core/auth/auth.service';
import type { SecretStore } from '../core/secrets/secret-store';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { applyDesktopSignInPolicy, type DesktopSignIn } from './desktop-sign-in';
import { startIpcTransport, type IpcTransport } from './ipc-transport';
import { startErrorNotifier, type ErrorNotifier } from './notifications';
import { chooseDataFolder, databaseFileIn } from './portable';
import { createDesktopSecretStore } from './safe-storage-secret-store';
import { shellLabels, type ShellLabels } from './shell-labels';
import { shellPaths } from './shell-paths';
import { createFleetTray, type FleetTray } from './tray';
import { createMainWindow, guardAllWebContents, installSessionPolicy, revealWindow } from './window';

/** Who the desktop user is (the built-in administrator unless sign-in is required), and the administrator's one-time password. */
export type ShellAuth = Pick<
  AuthService,
  'localAdministrator' | 'desktopSignInRequired' | 'resolveSession' | 'onSessionsEnded' | 'endSessionByToken' | 'administratorNeedsPassword' | 'setOneTimeAdministratorPassword'
>;

/** What the shell needs of the core (createCore's result has at least this). */
export interface ShellCore {
  api: AppImpl;
  events: EventHub<AppEvents>;
  /** The contract's router (access checks, audit). */
  router: Router;
  auth: ShellAuth;
  start(): Promise<void> | void;
  dispose(): Promise<void> | void;
}

export interface ShellCoreOptions {
  databaseFile: string;
  resourcesDir: string;
  version: string;
  log: (line: string) => void;
  /** The desktop console receives SNMP traps (port from the saved monitoring settings, 162 by default). */
  traps: { port?: number };
  /** Seals stored passwords: its key is protected by safeStorage (a plain key file in portable mode or without a keyring). */
  secretStore: SecretStore;
}

export interface ShellDeps {
  createCore(options: ShellCoreOptions): ShellCore | Promise<ShellCore>;
  /** Folder of the compiled shell (the preload lies beside main.js). */
  shellDir: string;
  env: Readonly<Record<string, string | undefined>>;
  log?: (message: string) => void;
  /** How long quitting waits for the core to close (database, sockets) before leaving anyway. */
  disposeTimeoutMs?: number;
}

interface Running {
  core: ShellCore;
  /** Stops serving app://printdeck. */
  unhandleProtocol: () => void;
  signIn: DesktopSignIn;
  transport: IpcTransport;
  window: BrowserWindow;
  tray: FleetTray;
  notifier: ErrorNotifier;
}

/**
 * The Electron app's lifecycle: one instance (a second start shows the first one's window),
 * data folder (per user, or beside the portable executable), core (its secrets sealed with a
 * key protected by safeStorage), the sign-in policy, IPC, window, tray and notifications once
 * ready; everything disposed in reverse order when quitting. A core that cannot start (e.g. a
 * database from a newer Printdeck) is reported in a dialog, then exit 1.
 */
export function runShell(deps: ShellDeps): void {
  const log = deps.log ?? ((message: string) => console.log(`[printdeck] ${message}`));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever its webPreferences say (must precede 'ready').
  app.enableSandbox();
  // The page comes from app://printdeck, not file:// (the scheme's privileges must precede 'ready').
  registerAppScheme();
  // No webContents (DevTools included) may open windows, attach <webview>s or leave the app's
  // origin; the main window adds its own, narrower rules.
  app.on('web-contents-created', (_event, contents) => guardAllWebContents(contents, log));
  let dataDir: string;
  let portable: boolean;
  try {
    const choice = chooseDataFolder(deps.env, app.getPath('userData'));
    dataDir = choice.dir;
    portable = choice.portable;
    // Chromium's own storage (the renderer's remembered columns, caches) must travel with a
    // portable copy too; setPath only works before 'ready'.
    if (choice.portable) app.setPath('userData', dataDir);
  } catch (error) {
    fail(shellLabels(app.getLocale()).startFailed, error, log);
    return;
  }

  let quitting = false;
  let running: Running | null = null;
  let stopped = false;
  const showWindow = (): void => {
    if (running) revealWindow(running.window);
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  // Without a listener Electron quits when the last window closes; ours hide into the tray.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    const current = running;
    running = null;
    void stop(current, deps.disposeTimeoutMs ?? 5_000, log).finally(() => {
      stopped = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(async () => {
      running = await start(deps, { dataDir, portable }, () => quitting, showWindow, log);
      // Quit chosen while the core was still starting: will-quit found nothing to stop.
      if (stopped || quitting) await stop(running, deps.disposeTimeoutMs ?? 5_000, log);
    })
    .catch((error: unknown) => fail(shellLabels(app.getLocale()).startFailed, error, log));
}

/** Portable copies keep the plain key file: safeStorage's key would not open on another computer or for another user. */
const PORTABLE_KEEPS_KEY_FILE = 'portable mode: the data travel to other computers and users, where a key protected by safeStorage could not be unlocked';

async function start(
  deps: ShellDeps,
  data: { dataDir: string; portable: boolean },
  isQuitting: () => boolean,
  showWindow: () => void,
  log: (m: string) => void,
): Promise<Running> {
  const { dataDir, portable } = data;
  installSessionPolicy(session.defaultSession);
  // The database and its key live there (0600): a new folder is this user's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const paths = shellPaths(app.getAppPath(), deps.shellDir);
  const unhandleProtocol = handleAppProtocol(paths.rendererDir, log);
  const labels = shellLabels(app.getLocale());
  const databaseFile = databaseFileIn(dataDir);
  // safeStorage works only once the app is ready, which it is here.
  const secretStore = createDesktopSecretStore({ databaseFile, log, ...(portable ? { keepKeyFile: PORTABLE_KEEPS_KEY_FILE } : {}) });
  const core = await deps.createCore({ databaseFile, resourcesDir: paths.resourcesDir, version: app.getVersion(), log, traps: {}, secretStore });
  await core.start();
  log(`data in ${dataDir}${portable ? ' (portable)' : ''}`);

  let window: BrowserWindow | null = null;
  // The one-time password waits for the window, so the dialog sits in front of it.
  let windowReady: (window: BrowserWindow) => void = () => undefined;
  const windowShown = new Promise<BrowserWindow>((resolve) => {
    windowReady = resolve;
  });
  const signIn = await applyDesktopSignInPolicy({
    core,
    portable,
    log,
    show: (userName, password) => {
      void windowShown.then((shown) => showOneTimePassword(shown, labels, userName, password, log));
    },
  });

  const router = core.router;
  const transport = startIpcTransport({
    router,
    auth: core.auth,
    events: core.events,
    rendererUrl: paths.rendererUrl,
    windows: () => (window && !window.isDestroyed() ? [window.webContents] : []),
    log,
  });
  const created = createMainWindow({ paths, isQuitting, log });
  window = created;
  if (created.isVisible()) windowReady(created);
  else created.once('show', () => windowReady(created));
  // The tray calls the contract like any client, through the router (validation included).
  const client = createApiClient(appContract, createInProcessTransport(router, createEventHub(), internalContext()));
  const tray = createFleetTray({ api: client, events: core.events, labels, iconsDir: paths.iconsDir, showWindow, quit: () => app.quit(), log });
  void tray.resync();
  const notifier = startErrorNotifier({
    events: core.events,
    labels,
    showWindow,
    openDevice: (id) => {
      showWindow();
      transport.push('shell.openDevice', { id });
    },
  });
  return { core, unhandleProtocol, signIn, transport, window: created, tray, notifier };
}

/** The built-in administrator's one-time password, once, in a dialog in front of the window; "Copy" puts it on the clipboard. */
async function showOneTimePassword(window: BrowserWindow, labels: ShellLabels, userName: string, password: string, log: (m: string) => void): Promise<void> {
  try {
    if (window.isDestroyed()) return;
    revealWindow(window);
    const { response } = await dialog.showMessageBox(window, {
      type: 'info',
      title: labels.oneTimePasswordTitle,
      message: labels.oneTimePasswordMessage(userName),
      detail: labels.oneTimePasswordDetail(password),
      buttons: [labels.ok, labels.copyPassword],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response === 1) clipboard.writeText(password);
  } catch (error) {
    log(`showing the one-time password failed: ${String(error)}`);
  }
}

/** Disposes in reverse order of creation; the core gets `timeoutMs` to close. Never throws. */
async function stop(running: Running | null, timeoutMs: number, log: (m: string) => void): Promise<void> {
  if (!running) return;
  running.notifier.dispose();
  running.tray.dispose();
  running.transport.dispose();
  running.signIn.dispose();
  if (!running.window.isDestroyed()) running.window.destroy();
  running.unhandleProtocol();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve(running.core.dispose()).then(() => 'done' as const), timeout]);
    if (outcome === 'timeout') log(`the core did not close within ${timeoutMs} ms; quitting anyway`);
  } catch (error) {
    log(`closing the core failed: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function fail(title: string, error: unknown, log: (m: string) => void): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`${title}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}
