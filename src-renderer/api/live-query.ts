import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEventName } from '../../src-shared/contract/app.contract';
import type { RendererApi } from './renderer-api';
import { watchServer } from './server-watch';


export interface LiveQuery<T> {
  data: T | null;
  error: Error | null;
  /** Refetches now (after a change this client made). */
  reload: () => void;
}

/**
 * Server data that stays current without polling: fetched on mount, again when one of `events`
 * is pushed (bursts folded into one call, never two calls in flight) and after a reconnect.
 * A failed fetch keeps the last data and reports the error.
 */
export function useLiveQuery<T>(rendererApi: RendererApi, fetcher: () => Promise<T>, events: readonly AppEventName[]): LiveQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const latestFetcher = useRef(fetcher);
  const state = useRef({ running: false, again: false, alive: true });

  useEffect(() => {
    latestFetcher.current = fetcher;
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
    const stop = watchServer(rendererApi, { events: names, refresh: () => void run(), onReconnect: () => void run() });
    return () => {
      s.alive = false;
      stop();
    };
  }, [rendererApi, run, eventKey]);

  return { data, error, reload: useCallback(() => void run(), [run]) };
}
