import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEventName } from '../../src-shared/contract/app.contract';
import type { RendererApi } from './renderer-api';

/** Pushed events in a burst (a poll round lands) are folded into one refetch after this pause. */
const EVENT_COALESCE_MS = 250;

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
  const state = useRef({ running: false, again: false, timer: 0, alive: true });

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
    const schedule = (): void => {
      if (s.timer !== 0) return;
      s.timer = window.setTimeout(() => {
        s.timer = 0;
        void run();
      }, EVENT_COALESCE_MS);
    };
    const disposers = eventKey.split('|').map((name) => rendererApi.subscribe(name as AppEventName, schedule));
    let dropped = false;
    disposers.push(
      rendererApi.onConnection((status) => {
        // Events pushed while the connection was down are lost: refetch once it is back.
        if (status === 'reconnecting') dropped = true;
        else if (status === 'open' && dropped) {
          dropped = false;
          void run();
        }
      }),
    );
    return () => {
      s.alive = false;
      window.clearTimeout(s.timer);
      s.timer = 0;
      for (const dispose of disposers) dispose();
    };
  }, [rendererApi, run, eventKey]);

  return { data, error, reload: useCallback(() => void run(), [run]) };
}
