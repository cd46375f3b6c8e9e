import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { RendererApi } from './renderer-api';
import { watchServer } from './server-watch';


export interface LiveQuery<T> {
  data: T | null;
  error: Error | null;
  /** Refetches now (after a change this client made). */
  reload: () => void;
}

/** Which pushed events refetch: all of the names given, unless `accept` says no (the latest function is used). */
export type EventFilter = (name: AppEventName, payload: AppEvents[AppEventName]) => boolean;

/**
 * Server data that stays current without polling: fetched on mount, again when one of `events`
 * is pushed (bursts folded into one call, never two calls in flight) and after a reconnect.
 * A failed fetch keeps the last data and reports the error.
 */
export function useLiveQuery<T>(rendererApi: RendererApi, fetcher: () => Promise<T>, events: readonly AppEventName[], accept?: EventFilter): LiveQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const latestFetcher = useRef(fetcher);
  const latestAccept = useRef(accept);
  const state = useRef({ running: false, again: false, alive: true });

  useEffect(() => {
    latestFetcher.current = fetcher;
    latestAccept.current = accept;
  });

  const run = useCallback(async () => {
    const s = state.current;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    do {
      s.again = false;
      try {
        const value = await latestFetcher.current();
        if (s.alive) {
          setData(value);
          setError(null);
        }
      } catch (caught) {
        if (s.alive) setError(caught instanceof Error ? caught : new Error(String(caught)));
      }
    } while (s.again && s.alive);
    s.running = false;
  }, []);

  const eventKey = events.join('|');
  useEffect(() => {
    const s = state.current;
    s.alive = true;
    void run();
    const names = eventKey === '' ? [] : (eventKey.split('|') as AppEventName[]);
    const stop = watchServer(rendererApi, {
      events: names,
      accept: (name, payload) => latestAccept.current?.(name, payload) ?? true,
      refresh: () => void run(),
      onReconnect: () => void run(),
    });
    return () => {
      s.alive = false;
      stop();
    };
  }, [rendererApi, run, eventKey]);

  return { data, error, reload: useCallback(() => void run(), [run]) };
}
