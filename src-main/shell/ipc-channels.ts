/**
 * The shell's IPC channels, all derived from one prefix. The sandboxed preload cannot require
 * this file (a sandboxed preload may only require 'electron' and a few Node built-ins), so it
 * repeats the literals under `typeof IPC_CHANNELS`: a drift between them is a compile error.
 */
export const IPC_PREFIX = 'printdeck';

export const IPC_CHANNELS = {
  /** Renderer → main request: (method, params) → Envelope. */
  rpc: `${IPC_PREFIX}:rpc`,
  /** Main → renderer push: (name, payload). */
  event: `${IPC_PREFIX}:event`,
} as const;
