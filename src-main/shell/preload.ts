import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../../src-shared/rpc/envelope';
import type { PRELOAD_BRIDGE_KEY, PreloadBridge } from '../../src-shared/rpc/preload-bridge';
import type { IPC_CHANNELS } from './ipc-channels';

/*
 * Runs in the sandboxed renderer before the page. A sandboxed preload can require only
 * 'electron' and a few Node built-ins, never our own files, so the names below are literal
 * copies typed against their one definition (`typeof …`): if the constant changes, this file
 * no longer compiles. Only type imports above, which vanish from the compiled JavaScript.
 */
const CHANNELS: typeof IPC_CHANNELS = { rpc: 'printdeck:rpc', event: 'printdeck:event' };
const BRIDGE_KEY: typeof PRELOAD_BRIDGE_KEY = 'printdeck';

function failed(message: string): Envelope<never> {
  return { ok: false, error: { code: 'internal', message } };
}

const bridge: PreloadBridge = {
  invoke(method, params) {
    if (typeof method !== 'string') return Promise.resolve({ ok: false, error: { code: 'invalid-argument', message: 'invoke: the method must be a name such as "devices.list"' } });
    return ipcRenderer.invoke(CHANNELS.rpc, method, params).catch((error: unknown) => failed(`${method}: the main process did not answer (${String(error)})`));
  },
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe: the listener must be a function');
    // The IPC event stays here: it carries ipcRenderer itself, which must never reach the page.
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(CHANNELS.event, relay);
    return () => {
      ipcRenderer.removeListener(CHANNELS.event, relay);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
