import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { allows, type Caller } from '../../src-shared/auth/access';
import { appEventAccess, type AppEventName, type AppEvents } from '../../src-shared/contract/app.contract';
import { AppError } from '../../src-shared/rpc/app-error';
import type { CallContext } from '../../src-shared/rpc/contract-builder';
import type { Envelope } from '../../src-shared/rpc/envelope';
import type { Router } from '../../src-shared/rpc/router';
import { IPC_CHANNELS } from './ipc-channels';
import { isAppPageUrl } from './navigation-policy';

/** What the IPC transport needs to know who the desktop user is. */
export interface DesktopAuth {
  /** The built-in administrator: the local user, when sign-in is not required. */
  localAdministrator(): Caller;
  /** The setting "require sign-in" (on by default in portable mode). */
  desktopSignInRequired(): boolean;
  /** The caller of a session a window signed in with, or null when it ended. */
  resolveSession(token: string): { caller: Caller; sessionId: number | null } | null;
}

export interface IpcTransportOptions {
  /** core.router. */
  router: Router;
  /** Who calls: the local administrator, or the user a window signed in as. */
  auth: DesktopAuth;
  /** Where pushed events come from (core.events). */
  events: { subscribe(listener: (name: AppEventName, payload: AppEvents[AppEventName]) => void): () => void };
  /** The renderer's file:// URL: calls from any other page are refused. */
  rendererUrl: string;
  /** The webContents of our windows now; calls from any other webContents are refused. */
  windows(): readonly WebContents[];
  log?: (message: string) => void;
}

export interface IpcTransport {
  /** Sends an event to every window (the core's events, and the shell's own such as shell.openDevice). */
  push<K extends AppEventName>(name: K, payload: AppEvents[K]): void;
  /** Removes the handler and stops forwarding events. */
  dispose(): void;
}

/**
 * Why a call must be refused, or null when it comes from our own page: the top frame of one
 * of our windows showing the renderer's file. A page that somehow got our preload (another
 * window, an iframe, a navigated-away frame) gets nothing.
 */
export function senderRefusal(event: IpcMainInvokeEvent, rendererUrl: string, windows: readonly WebContents[]): string | null {
  if (!windows.includes(event.sender)) return 'the caller is not a Printdeck window';
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null) return 'the caller is an embedded frame';
  if (!isAppPageUrl(frame.url, rendererUrl)) return `the caller is not the Printdeck page (${frame.url})`;
  return null;
}

/**
 * Serves the contract over Electron IPC: ipcMain.handle(IPC_CHANNELS.rpc) → router, with the
 * sender checked first; core events go to every window on IPC_CHANNELS.event. Replies are
 * always envelopes: a refused sender gets 'forbidden', a non-string method 'invalid-argument'.
 */
export function startIpcTransport(options: IpcTransportOptions): IpcTransport {
  const log = options.log ?? (() => undefined);
  ipcMain.handle(IPC_CHANNELS.rpc, async (event, method: unknown, params: unknown): Promise<Envelope<unknown>> => {
    const refusal = senderRefusal(event, options.rendererUrl, options.windows());
    if (refusal !== null) {
      log(`IPC call refused: ${refusal}`);
      return { ok: false, error: new AppError('forbidden', `Refused: ${refusal}.`).toData() };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: new AppError('invalid-argument', 'The method must be a name such as "devices.list".').toData() };
    }
    return options.router.handle(method, params ?? {}, contextFor(event.sender));
  });

  // Sessions a window signed in with (when sign-in is required), by webContents id.
  const sessions = new Map<number, string>();
  const resolve = (sender: WebContents): { caller: Caller | null; sessionId: number | null } => {
    if (!options.auth.desktopSignInRequired()) return { caller: options.auth.localAdministrator(), sessionId: null };
    const token = sessions.get(sender.id);
    const resolved = token === undefined ? null : options.auth.resolveSession(token);
    if (token !== undefined && resolved === null) sessions.delete(sender.id);
    return resolved ?? { caller: null, sessionId: null };
  };
  const contextFor = (sender: WebContents): CallContext => ({
    ...resolve(sender),
    host: 'desktop',
    address: null,
    hostSession: {
      adopt: (token) => void sessions.set(sender.id, token),
      drop: () => void sessions.delete(sender.id),
    },
  });

  const push = <K extends AppEventName>(name: K, payload: AppEvents[K]): void => {
    for (const contents of options.windows()) {
      if (contents.isDestroyed()) continue;
      // A window gets only the events its user may see (nothing before sign-in).
      if (!allows(resolve(contents).caller, appEventAccess[name])) continue;
      contents.send(IPC_CHANNELS.event, name, payload);
    }
  };
  const unsubscribe = options.events.subscribe((name, payload) => push(name, payload));
  return {
    push,
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(IPC_CHANNELS.rpc);
    },
  };
}
