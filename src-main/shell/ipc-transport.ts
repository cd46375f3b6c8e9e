import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { allows, type Caller } from '../../src-shared/auth/access';
import { eventAccess, type AppEventName, type AppEvents } from '../../src-shared/contract/app.contract';
import { AppError } from '../../src-shared/rpc/app-error';
import type { CallContext, CallHost } from '../../src-shared/rpc/contract-builder';
import type { Envelope } from '../../src-shared/rpc/envelope';
import type { Router } from '../../src-shared/rpc/router';
import { IPC_CHANNELS } from './ipc-channels';
import { isAppPageUrl } from './navigation-policy';

/** What the IPC transport needs to know who the desktop user is (the core's AuthService has it). */
export interface DesktopAuth {
  /** The built-in administrator: the local user, when sign-in is not required. */
  localAdministrator(): Caller;
  /** The setting "require sign-in" (on by default in portable mode). */
  desktopSignInRequired(): boolean;
  /** The caller of a session a window signed in with, or null when it ended. */
  resolveSession(token: string, options?: { touch?: boolean }): { caller: Caller; sessionId: number | null } | null;
  /** Ends a window's session (the window went away, or signed in as someone else). */
  endSessionByToken(token: string, meta: { host: CallHost; address: string | null }): void;
  /** Sessions that ended elsewhere (sign-out, password change, user disabled); returns the disposer. */
  onSessionsEnded(listener: (sessionIds: readonly number[]) => void): () => void;
}

/** How long a window's caller is reused for pushed events before it is resolved again (as the WebSocket host does). */
export const CALLER_TTL_MS = 5_000;

export interface IpcTransportOptions {
  /** core.router. */
  router: Router;
  /** Who calls: the local administrator, or the user a window signed in as. */
  auth: DesktopAuth;
  /** Where pushed events come from (core.events). */
  events: { subscribe(listener: (name: AppEventName, payload: AppEvents[AppEventName]) => void): () => void };
  /** The page's URL (`app://printdeck/index.html`): calls from any other page are refused. */
  rendererUrl: string;
  /** The webContents of our windows now; calls from any other webContents are refused. */
  windows(): readonly WebContents[];
  log?: (message: string) => void;
  /** Milliseconds since the epoch (tests pass a fake). */
  now?: () => number;
}

export interface IpcTransport {
  /** Sends an event to every window whose user may see it (the core's events, and the shell's own such as shell.openDevice). */
  push<K extends AppEventName>(name: K, payload: AppEvents[K]): void;
  /** Removes the handler, stops forwarding events, and ends the sessions windows signed in with. */
  dispose(): void;
}

/**
 * Why a call must be refused, or null when it comes from our own page: the top frame of one
 * of our windows showing the renderer's page on the app protocol. A page that somehow got our preload (another
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

/** What the transport knows of one window. */
interface WindowState {
  contents: WebContents;
  /** The session this window signed in with (auth.signIn), when sign-in is required. */
  token: string | null;
  sessionId: number | null;
  /** Who the window acted as when last resolved (null: nobody signed in). */
  caller: Caller | null;
  resolvedAt: number;
}

const DESKTOP = { host: 'desktop', address: null } as const;

/**
 * Serves the contract over Electron IPC: ipcMain.handle(IPC_CHANNELS.rpc) → router, with the
 * sender checked first; core events go on IPC_CHANNELS.event to the windows whose user may see
 * them. Replies are always envelopes: a refused sender gets 'forbidden', a non-string method
 * 'invalid-argument'.
 *
 * Who calls: the built-in administrator (the local user) unless the account setting "desktop
 * requires sign-in" is on; then each window is nobody until it calls auth.signIn, whose session
 * the transport keeps for that window only (in memory: it ends with the window or the app).
 * A window that stops being signed in (sign-out elsewhere, expiry, the setting turned on) is
 * sent one `accounts.changed` (empty) so the page asks auth.me again and shows the sign-in screen.
 */
export function startIpcTransport(options: IpcTransportOptions): IpcTransport {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const { auth } = options;
  const states = new Map<number, WindowState>();

  const setCaller = (state: WindowState, caller: Caller | null): void => {
    const signedOut = state.caller !== null && caller === null;
    state.caller = caller;
    // The page learns it is signed out; the event's payload is empty, so nothing leaks.
    if (signedOut && !state.contents.isDestroyed()) state.contents.send(IPC_CHANNELS.event, 'accounts.changed', {});
  };
  const endToken = (token: string, why: string): void => {
    try {
      auth.endSessionByToken(token, DESKTOP);
      log(`a window's session ended: ${why}`);
    } catch (error) {
      log(`ending a window's session failed: ${String(error)}`);
    }
  };
  const endSession = (state: WindowState, why: string): void => {
    const token = state.token;
    state.token = null;
    state.sessionId = null;
    if (token !== null) endToken(token, why);
  };
  const stateOf = (contents: WebContents): WindowState => {
    let state = states.get(contents.id);
    if (!state) {
      const created: WindowState = { contents, token: null, sessionId: null, caller: null, resolvedAt: Number.NEGATIVE_INFINITY };
      states.set(contents.id, created);
      contents.once('destroyed', () => {
        if (states.get(contents.id) !== created) return;
        states.delete(contents.id);
        endSession(created, 'its window closed');
      });
      state = created;
    }
    return state;
  };
  /** Resolves who the window acts as now (the session is checked again: one that ended stops at once); `touch: false` for events, which are no activity. */
  const refresh = (state: WindowState, touch = true): Caller | null => {
    let resolved: { caller: Caller | null; sessionId: number | null } = { caller: null, sessionId: null };
    if (!auth.desktopSignInRequired()) resolved = { caller: auth.localAdministrator(), sessionId: null };
    else if (state.token !== null) {
      const session = auth.resolveSession(state.token, { touch });
      if (session) resolved = session;
      else state.token = null;
    }
    state.sessionId = resolved.sessionId;
    state.resolvedAt = now();
    setCaller(state, resolved.caller);
    return resolved.caller;
  };
  const contextFor = (sender: WebContents): CallContext => {
    const state = stateOf(sender);
    const caller = refresh(state);
    return {
      caller,
      sessionId: state.sessionId,
      ...DESKTOP,
      hostSession: {
        adopt: (token) => {
          const previous = state.token;
          state.token = token;
          state.sessionId = null;
          // Signed in again: the earlier session of this window ends (its secret is forgotten here anyway).
          if (previous !== null && previous !== token) endToken(previous, 'the window signed in again');
          refresh(state);
        },
        drop: () => {
          state.token = null;
          state.sessionId = null;
          state.caller = null;
          state.resolvedAt = Number.NEGATIVE_INFINITY;
        },
      },
    };
  };

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

  const push = <K extends AppEventName>(name: K, payload: AppEvents[K]): void => {
    for (const contents of options.windows()) {
      if (contents.isDestroyed()) continue;
      const state = stateOf(contents);
      // Rights may have changed (accounts.changed) or the session ended: resolve again now and then.
      const caller = name === 'accounts.changed' || now() - state.resolvedAt > CALLER_TTL_MS ? refresh(state, false) : state.caller;
      // A window gets only the events its user may see (nothing before sign-in).
      if (!allows(caller, eventAccess(name, payload))) continue;
      contents.send(IPC_CHANNELS.event, name, payload);
    }
  };
  const unsubscribe = options.events.subscribe((name, payload) => push(name, payload));
  // A session that ended elsewhere (signed out, password changed, user disabled) signs its window out at once.
  const stopEnded = auth.onSessionsEnded((ids) => {
    for (const state of states.values()) {
      if (state.sessionId === null || !ids.includes(state.sessionId)) continue;
      state.token = null;
      state.sessionId = null;
      state.resolvedAt = Number.NEGATIVE_INFINITY;
      setCaller(state, auth.desktopSignInRequired() ? null : auth.localAdministrator());
    }
  });
  return {
    push,
    dispose() {
      unsubscribe();
      stopEnded();
      ipcMain.removeHandler(IPC_CHANNELS.rpc);
      for (const state of states.values()) endSession(state, 'Printdeck is closing');
      states.clear();
    },
  };
}
