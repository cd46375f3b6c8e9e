import type { AppErrorData } from './app-error';

/** Every reply: the value, or an error with a stable code. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Messages on a stream transport (WebSocket): requests, replies and pushed events. */
export type WireMessage =
  | { kind: 'request'; id: number; method: string; params: unknown }
  | { kind: 'response'; id: number; reply: Envelope<unknown> }
  | { kind: 'event'; name: string; payload: unknown };

/** What a client needs from a transport (Electron IPC, WebSocket, in-process). */
export interface ClientTransport {
  /** Sends one request; resolves with the reply envelope (transport failures become error envelopes). */
  request(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Receives every pushed event; returns the disposer. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  close?(): void;
}
