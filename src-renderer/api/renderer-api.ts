import { appContract, appEvents, type AppApi, type AppEventName, type AppEvents } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import type { ClientTransport } from '../../src-shared/rpc/envelope';
import { createWebSocketTransport, type ConnectionStatus } from '../../src-shared/rpc/websocket-transport';
import { apiWebSocketUrl } from './access-token';
import type { PreloadBridge } from '../../src-shared/rpc/preload-bridge';

/** The renderer's one door to the core; components get it from ApiProvider, never build transports. */
export interface RendererApi {
  api: AppApi;
  /** 'ipc' inside the Electron window, 'websocket' in a browser. */
  via: 'ipc' | 'websocket';
  /** One typed event; payloads that do not match the contract are dropped. Returns the disposer. */
  subscribe<K extends AppEventName>(name: K, listener: (payload: AppEvents[K]) => void): () => void;
  /** Connection changes ('open' after a drop means: refetch, events may have been missed). */
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export interface RendererApiOptions {
  /** The server's access token (browser only). */
  token: string | null;
  /** Overrides for tests: the Electron bridge and the page location. */
  bridge?: PreloadBridge | undefined;
  location?: Pick<Location, 'protocol' | 'host'>;
}

/**
 * Uses the Electron preload bridge when present, else a WebSocket to the server that served
 * the page. Never throws: a refused or lost connection shows up as failed calls and as
 * connection statuses.
 */
export function createRendererApi(options: RendererApiOptions): RendererApi {
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const bridge = options.bridge ?? (typeof window === 'undefined' ? undefined : window.printdeck);
  const notify = (status: ConnectionStatus): void => {
    for (const listener of [...statusListeners]) listener(status);
  };
  const transport: ClientTransport = bridge
    ? bridgeTransport(bridge)
    : createWebSocketTransport({
        connect: () => new WebSocket(apiWebSocketUrl(options.location ?? window.location, options.token)),
        onStatus: notify,
        onError: (error) => console.warn('printdeck: connection problem', error),
      });
  return {
    api: createApiClient(appContract, transport),
    via: bridge ? 'ipc' : 'websocket',
    subscribe(name, listener) {
      const schema = appEvents[name];
      return transport.subscribe((eventName, payload) => {
        if (eventName !== name) return;
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as AppEvents[typeof name]);
        else console.warn(`printdeck: dropped a malformed ${name} event`, parsed.error.issues);
      });
    },
    onConnection(listener) {
      statusListeners.add(listener);
      // IPC has no connection to lose: it is open from the start.
      if (bridge) listener('open');
      return () => void statusListeners.delete(listener);
    },
    close() {
      statusListeners.clear();
      transport.close?.();
    },
  };
}

function bridgeTransport(bridge: PreloadBridge): ClientTransport {
  return {
    async request(method, params) {
      try {
        return await bridge.invoke(method, params ?? {});
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `${method} did not reach the Printdeck core: ${error instanceof Error ? error.message : String(error)}` } };
      }
    },
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
