/**
 * Time as the monitor sees it: a port, so unit tests drive rounds with a fake clock instead
 * of waiting. Handles are opaque to callers.
 */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Calls `callback` once after `ms`; returns a handle for clearTimeout. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending callback; ignores handles that already fired or are unknown. */
  clearTimeout(handle: unknown): void;
}

/** The real clock. Its timers do not keep the process alive: a host's server or window does. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => {
    if (isTimer(handle)) clearTimeout(handle);
  },
};

function isTimer(handle: unknown): handle is NodeJS.Timeout {
  return typeof handle === 'object' && handle !== null && 'hasRef' in handle;
}
