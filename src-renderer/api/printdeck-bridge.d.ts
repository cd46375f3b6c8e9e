import type { Envelope } from '../../src-shared/rpc/envelope';

/**
 * What the Electron preload exposes on window.printdeck — exactly { invoke, subscribe }.
 * Absent in a browser served by `printdeck serve`, where the WebSocket transport is used.
 */
export interface PrintdeckBridge {
  /** Sends one contract call ("devices.list", args); resolves with the reply envelope. */
  invoke(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Receives every pushed event; returns the disposer. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    printdeck?: PrintdeckBridge;
  }
}
