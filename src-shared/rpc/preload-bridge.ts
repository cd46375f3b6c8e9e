import type { Envelope } from './envelope';

/** The global the Electron preload defines in the renderer: `window.printdeck`. */
export const PRELOAD_BRIDGE_KEY = 'printdeck';

/**
 * Everything the Electron preload exposes to the page, and nothing more: requests and pushed
 * events of the contract. invoke never rejects (failures are error envelopes); subscribe
 * returns the disposer.
 */
export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}
