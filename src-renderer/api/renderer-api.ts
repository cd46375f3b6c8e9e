import { appContract, appEvents, type AppApi, type AppEventName, type AppEvents } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import type { ContractApi, ContractSpec } from '../../src-shared/rpc/contract-builder';
import type { ClientTransport } from '../../src-shared/rpc/envelope';
import type { PreloadBridge } from '../../src-shared/rpc/preload-bridge';
import { createWebSocketTransport, type ConnectionStatus, type SocketClose } from '../../src-shared/rpc/websocket-transport';
import { apiWebSocketUrl } from './api-url';
import { closeEndsSession, replyEndsSession } from './session-end';

/** The renderer's one door to the core; components get it from ApiProvider, never build transports. */
export interface RendererApi {
  api: AppApi;
  /** A plug-in's client over the same connection: its contract's methods at "<plugin id>.<service>.<method>". */
  pluginApi<C extends ContractSpec>(contract: C, pluginId: string): ContractApi<C>;
  /** 'ipc' inside the Electron window, 'websocket' in a browser. */
  via: 'ipc' | 'websocket';
  /** One typed event; payloads that do not match the contract are dropped. Returns the disposer. */
  subscribe<K extends AppEventName>(name: K, listener: (payload: AppEvents[K]) => void): () => void;
  /** Connection changes ('open' after a drop means: refetch, events may have been missed). */
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  /**
   * Called once when the session is gone: the server closed the socket as signed out, a call
   * answered 'unauthorized', or a refused reconnect finds no session. The socket is closed by then.
   */
  onSessionEnded(listener: () => void): () => void;
  close(): void;
}

export interface RendererApiOptions {
  /** Browser only: whether this browser still has a session (asked when a reconnect is refused). */
  checkSignedIn?: () => Promise<boolean>;
  /** Overrides for tests: the Electron bridge and the page location. */
  bridge?: PreloadBridge | undefined;
  location?: Pick<Location, 'protocol' | 'host'>;
}

/**
 * Uses the Electron preload bridge when present, else a WebSocket to the server that served
 * the page (authorised by the session cookie). Never throws: a refused or lost connection
 * shows up as failed calls, connection statuses and, when the session is gone, onSessionEnded.
 */
export function createRendererApi(options: RendererApiOptions = {}): RendererApi {
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const endedListeners = new Set<() => void>();
  const bridge = options.bridge ?? (typeof window === 'undefined' ? undefined : window.printdeck);
  let ended = false;
  let checking = false;

  const notify = (status: ConnectionStatus): void => {
    for (const listener of [...statusListeners]) listener(status);
  };
  const end = (): void => {
    if (ended) return;
    ended = true;
    carrier.close?.();
    for (const listener of [...endedListeners]) listener();
    endedListeners.clear();
  };
  const onClose = ({ code, opened }: SocketClose): void => {
    if (closeEndsSession(code)) return end();
    // A refused handshake looks like a network failure to a browser: ask whether the session is still there.
    if (opened || checking || !options.checkSignedIn) return;
    checking = true;
    options.checkSignedIn().then(
      (signedIn) => {
        checking = false;
        if (!signedIn) end();
      },
      () => void (checking = false),
    );
  };

  const carrier: ClientTransport = bridge
    ? bridgeTransport(bridge)
    : createWebSocketTransport({
        connect: () => new WebSocket(apiWebSocketUrl(options.location ?? window.location)),
        onStatus: notify,
        onClose,
        onError: (error) => console.warn('printdeck: connection problem', error),
      });
  const transport: ClientTransport = {
    async request(method, params) {
      const reply = await carrier.request(method, params);
      if (!reply.ok && replyEndsSession(method, reply.error)) end();
      return reply;
    },
    subscribe: (listener) => carrier.subscribe(listener),
    close: () => carrier.close?.(),
  };

  return {
    api: createApiClient(appContract, transport),
    pluginApi: (contract, pluginId) => createApiClient(contract, transport, pluginId),
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
    onSessionEnded(listener) {
      if (ended) {
        listener();
        return () => undefined;
      }
      endedListeners.add(listener);
      return () => void endedListeners.delete(listener);
    },
    close() {
      statusListeners.clear();
      endedListeners.clear();
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
