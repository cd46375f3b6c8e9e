/**
 * Typed pushed events: services emit, transports forward, subscribers get a disposer.
 * `E` maps event names to payload types.
 */
export interface EventHub<E extends Record<string, unknown>> {
  emit<K extends keyof E & string>(name: K, payload: E[K]): void;
  /** Every event; returns the disposer. */
  subscribe(listener: (name: keyof E & string, payload: E[keyof E]) => void): () => void;
}

/** A hub whose listener errors are reported to `onError` and never reach the emitter. */
export function createEventHub<E extends Record<string, unknown>>(onError: (error: unknown) => void = () => undefined): EventHub<E> {
  const listeners = new Set<(name: keyof E & string, payload: E[keyof E]) => void>();
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
