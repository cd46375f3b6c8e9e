import { AppError, type AppErrorData } from './app-error';
import type { ClientTransport, Envelope, WireMessage } from './envelope';

/**
 * The part of a WebSocket this transport uses. The browser's WebSocket and the `ws` package's
 * WebSocket both satisfy it, so src-shared needs neither DOM nor Node typings.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the WebSocket standard's numbers). */
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** Timers, injectable for tests; by default the runtime's own (looked up at call time). */
export interface TransportTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** How a socket ended: its close code and reason, and whether it had opened at all. */
export interface SocketClose {
  code: number;
  reason: string;
  opened: boolean;
}

export interface WebSocketTransportOptions {
  /** Opens a new socket (called again after every drop); may throw, which counts as a failed attempt. */
  connect: () => WebSocketLike;
  /** How long a request waits for a connection before it fails (default 10 s). */
  offlineTimeoutMs?: number;
  /** How long a sent request waits for its reply (default 120 s: refreshing many devices is slow). */
  replyTimeoutMs?: number;
  /** First reconnect delay, doubled after each failed attempt up to maxReconnectDelayMs (defaults 250 ms, 10 s). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Told when the connection state changes: a UI shows "reconnecting…" and refetches on 'open'. */
  onStatus?: (status: ConnectionStatus) => void;
  /**
   * Told of every socket that closed, whether it had opened (a drop) or not (a refused or failed
   * handshake), before a reconnect is scheduled. Calling close() from here stops reconnecting:
   * a client does so when the server says the session ended (a close code of its own).
   */
  onClose?: (event: SocketClose) => void;
  /**
   * How long a request the server refused as "busy" (not run: the connection has too much in
   * progress) is sent again, with growing pauses, before it fails with code 'busy' (default 30 s).
   */
  busyTimeoutMs?: number;
  /** First pause before a "busy" request is sent again (default 250 ms, or the server's retryAfterMs if longer), doubled each time up to 4 s. */
  busyRetryDelayMs?: number;
  /** A malformed message from the server, or a listener that threw (default: ignored). */
  onError?: (error: unknown) => void;
  timers?: TransportTimers;
}

const OPEN = 1;

interface Pending {
  method: string;
  message: string;
  resolve: (reply: Envelope<unknown>) => void;
  timer: unknown;
  sent: boolean;
  /** Times the server answered "busy" (the request did not run and waits to be sent again). */
  busyCount: number;
  /** Pauses spent waiting after "busy" replies so far (ms). */
  busyWaitedMs: number;
}

const MAX_BUSY_DELAY_MS = 4_000;

const runtimeTimers: TransportTimers = {
  setTimeout: (callback, ms) => (globalThis as unknown as TransportTimers).setTimeout(callback, ms),
  clearTimeout: (handle) => (globalThis as unknown as TransportTimers).clearTimeout(handle),
};

/**
 * A ClientTransport over a WebSocket speaking WireMessage JSON. It reconnects with backoff when
 * the socket drops; requests made while disconnected wait for the connection (up to
 * offlineTimeoutMs) and then fail. A request already sent when the socket drops fails at once
 * (it may or may not have run on the server, so it is never resent). A request the server
 * answers "busy" did not run: it is sent again after a pause that grows each time (the server's
 * retryAfterMs at least), and fails with that "busy" error after busyTimeoutMs. Subscriptions survive
 * reconnects, but events pushed during a drop are lost: refetch on onStatus('open').
 * Transport failures are error envelopes (code 'internal', or 'cancelled' after close()); never throws.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): ClientTransport {
  const timers = options.timers ?? runtimeTimers;
  const offlineTimeoutMs = options.offlineTimeoutMs ?? 10_000;
  const replyTimeoutMs = options.replyTimeoutMs ?? 120_000;
  const firstDelay = options.reconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 10_000;
  const busyTimeoutMs = options.busyTimeoutMs ?? 30_000;
  const busyDelay = options.busyRetryDelayMs ?? 250;
  const reportError = options.onError ?? (() => undefined);
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocketLike | null = null;
  let open = false;
  let closed = false;
  let delay = firstDelay;
  let reconnectTimer: unknown = null;
  let lastProblem = '';

  const setStatus = (status: ConnectionStatus): void => {
    try {
      options.onStatus?.(status);
    } catch (error) {
      reportError(error);
    }
  };

  const settle = (id: number, reply: Envelope<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    timers.clearTimeout(entry.timer);
    entry.resolve(reply);
  };

  const fail = (id: number, data: AppErrorData): void => settle(id, { ok: false, error: data });

  const offlineTimer = (id: number, method: string): unknown =>
    timers.setTimeout(
      () => fail(id, transportError(`no connection to the Printdeck server for ${seconds(offlineTimeoutMs)}, so ${method} was not sent${lastProblem ? ` (${lastProblem})` : ''}`, 'offline')),
      offlineTimeoutMs,
    );

  /**
   * A "busy" reply: the request was not run. Sends it again after a pause (held like a request
   * made offline if the connection is down then); false when the time for that is used up.
   */
  const retryWhenBusy = (id: number, entry: Pending, error: AppErrorData): boolean => {
    const delay = Math.min(Math.max(busyDelay * 2 ** entry.busyCount, retryAfterOf(error)), MAX_BUSY_DELAY_MS);
    if (entry.busyWaitedMs + delay > busyTimeoutMs) return false;
    entry.busyCount++;
    entry.busyWaitedMs += delay;
    entry.sent = false;
    timers.clearTimeout(entry.timer);
    entry.timer = timers.setTimeout(() => {
      entry.timer = null;
      if (socket && open && socket.readyState === OPEN) send(id, entry);
      if (!entry.sent && pending.get(id) === entry) entry.timer = offlineTimer(id, entry.method);
    }, delay);
    return true;
  };

  const onReply = (id: number, reply: Envelope<unknown>): void => {
    const entry = pending.get(id);
    if (!entry || !entry.sent) return; // unknown, or a stale reply to a request waiting to be sent again
    if (!reply.ok && reply.error.code === 'busy' && retryWhenBusy(id, entry, reply.error)) return;
    settle(id, reply);
  };

  const send = (id: number, entry: Pending): void => {
    if (!socket || !open || socket.readyState !== OPEN) return;
    try {
      socket.send(entry.message);
    } catch (error) {
      // The socket is going away; its close event drops it, and this request stays queued.
      lastProblem = error instanceof Error ? error.message : String(error);
      return;
    }
    entry.sent = true;
    timers.clearTimeout(entry.timer);
    entry.timer = timers.setTimeout(
      () => fail(id, transportError(`the Printdeck server did not answer ${entry.method} within ${seconds(replyTimeoutMs)}; it may still be working on it`, 'reply-timeout')),
      replyTimeoutMs,
    );
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') {
      reportError(new Error('the server sent a binary message; the contract is JSON text'));
      return;
    }
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch (error) {
      reportError(error);
      return;
    }
    if (message.kind === 'response' && typeof message.id === 'number' && isEnvelope(message.reply)) onReply(message.id, message.reply);
    else if (message.kind === 'event' && typeof message.name === 'string') {
      for (const listener of [...listeners]) {
        try {
          listener(message.name, message.payload);
        } catch (error) {
          reportError(error);
        }
      }
    } else reportError(new Error(`unexpected message from the server: ${data.slice(0, 200)}`));
  };

  const scheduleReconnect = (): void => {
    setStatus('reconnecting');
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const dropped = (current: WebSocketLike): void => {
    if (socket !== current) return;
    socket = null;
    open = false;
    for (const [id, entry] of [...pending]) {
      if (!entry.sent) continue;
      fail(id, transportError(`the connection to the Printdeck server was lost before it answered ${entry.method}; it may or may not have run — check and retry`, 'connection-lost'));
    }
    if (!closed) scheduleReconnect();
  };

  const connect = (): void => {
    if (closed) return;
    let current: WebSocketLike;
    try {
      current = options.connect();
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
      reportError(error);
      scheduleReconnect();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      open = true;
      delay = firstDelay;
      lastProblem = '';
      setStatus('open');
      for (const [id, entry] of [...pending]) if (!entry.sent) send(id, entry);
    });
    current.addEventListener('message', (event) => {
      if (socket === current) onMessage(event.data);
    });
    current.addEventListener('error', () => {
      // Details are not exposed by browsers; the close event that follows does the work.
      if (socket === current && !open) lastProblem = 'the server refused or did not answer the connection';
    });
    current.addEventListener('close', (event) => {
      if (socket !== current) return;
      if (open) lastProblem = `closed by the server (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`;
      try {
        options.onClose?.({ code: event.code, reason: event.reason, opened: open });
      } catch (error) {
        reportError(error);
      }
      dropped(current);
    });
  };

  setStatus('connecting');
  connect();

  return {
    request(method, params) {
      if (closed) return Promise.resolve({ ok: false, error: new AppError('cancelled', `${method} was not sent: the connection to the Printdeck server is closed`).toData() });
      const id = nextId++;
      return new Promise((resolve) => {
        const message = JSON.stringify({ kind: 'request', id, method, params: params ?? {} } satisfies WireMessage);
        const entry: Pending = { method, message, resolve, timer: null, sent: false, busyCount: 0, busyWaitedMs: 0 };
        entry.timer = offlineTimer(id, method);
        pending.set(id, entry);
        send(id, entry);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
      const current = socket;
      socket = null;
      open = false;
      for (const [id, entry] of [...pending]) fail(id, new AppError('cancelled', `${entry.method} was cancelled: the connection was closed by this client`).toData());
      listeners.clear();
      try {
        current?.close(1000, 'client closed');
      } catch (error) {
        reportError(error);
      }
      setStatus('closed');
    },
  };
}

function transportError(message: string, reason: 'offline' | 'connection-lost' | 'reply-timeout'): AppErrorData {
  return { code: 'internal', message, details: { transport: reason } };
}

/** The pause a "busy" reply asks for (details.retryAfterMs), or 0. */
function retryAfterOf(error: AppErrorData): number {
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('retryAfterMs' in details)) return 0;
  const value = details.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}
