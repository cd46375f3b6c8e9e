import { mkdirSync } from 'node:fs';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { appContract, type AppEvents, type AppImpl } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createEventHub, type EventHub } from '../../src-shared/rpc/event-hub';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { startIpcTransport, type IpcTransport } from './ipc-transport';
import { startErrorNotifier, type ErrorNotifier } from './notifications';
import { chooseDataFolder, databaseFileIn } from './portable';
import { shellLabels } from './shell-labels';
import { shellPaths } from './shell-paths';
import { createFleetTray, type FleetTray } from './tray';
import { createMainWindow, installSessionPolicy, revealWindow } from './window';
import { internalContext } from '../../src-shared/auth/call-context';
import type { Router } from '../../src-shared/rpc/router';
import type { AuthService } from '../core/auth/auth.service';

/** What the shell needs of the core (createCore's result has at least this). */
export interface ShellCore {
  api: AppImpl;
  events: EventHub<AppEvents>;
  /** The contract's router (access checks, audit). */
  router: Router;
  /** Who the desktop user is: the built-in administrator unless sign-in is required. */
  auth: Pick<AuthService, 'localAdministrator' | 'desktopSignInRequired' | 'resolveSession' | 'onSessionsEnded'>;
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
  transport: IpcTransport;
  window: BrowserWindow;
  tray: FleetTray;
  notifier: ErrorNotifier;
}

/**
 * The Electron app's lifecycle: one instance (a second start shows the first one's window),
 * data folder (per user, or beside the portable executable), core, IPC, window, tray and
 * notifications once ready; everything disposed in reverse order when quitting. A core that
 * cannot start (e.g. a database from a newer Printdeck) is reported in a dialog, then exit 1.
 */
export function runShell(deps: ShellDeps): void {
  const log = deps.log ?? ((message: string) => console.log(`[printdeck] ${message}`));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let dataDir: string;
  try {
    const choice = chooseDataFolder(deps.env, app.getPath('userData'));
    dataDir = choice.dir;
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
      running = await start(deps, dataDir, () => quitting, showWindow, log);
      // Quit chosen while the core was still starting: will-quit found nothing to stop.
      if (stopped || quitting) await stop(running, deps.disposeTimeoutMs ?? 5_000, log);
    })
    .catch((error: unknown) => fail(shellLabels(app.getLocale()).startFailed, error, log));
}

async function start(deps: ShellDeps, dataDir: string, isQuitting: () => boolean, showWindow: () => void, log: (m: string) => void): Promise<Running> {
  installSessionPolicy(session.defaultSession);
  mkdirSync(dataDir, { recursive: true });
  const paths = shellPaths(app.getAppPath(), deps.shellDir);
  const labels = shellLabels(app.getLocale());
  const core = await deps.createCore({ databaseFile: databaseFileIn(dataDir), resourcesDir: paths.resourcesDir, version: app.getVersion(), log, traps: {} });
  await core.start();
  log(`data in ${dataDir}`);

  const router = core.router;
  let window: BrowserWindow | null = null;
  const transport = startIpcTransport({
    router,
    auth: core.auth,
    events: core.events,
    rendererUrl: paths.rendererUrl,
    windows: () => (window && !window.isDestroyed() ? [window.webContents] : []),
    log,
  });
  window = createMainWindow({ paths, isQuitting, log });
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
  return { core, transport, window, tray, notifier };
}

/** Disposes in reverse order of creation; the core gets `timeoutMs` to close. Never throws. */
async function stop(running: Running | null, timeoutMs: number, log: (m: string) => void): Promise<void> {
  if (!running) return;
  running.notifier.dispose();
  running.tray.dispose();
  running.transport.dispose();
  if (!running.window.isDestroyed()) running.window.destroy();
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
