import type { PreloadBridge } from '../../src-shared/rpc/preload-bridge';

// The Electron preload defines window.printdeck (exactly { invoke, subscribe }); a browser
// served by `printdeck serve` has none and uses the WebSocket transport instead.
declare global {
  interface Window {
    printdeck?: PreloadBridge;
  }
}
