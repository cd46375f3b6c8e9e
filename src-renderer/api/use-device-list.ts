import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { hasChanges, mergeDevices, noteChange, nothingPending, type PendingChanges } from './device-list-sync';
import type { LiveQuery } from './live-query';
import type { RendererApi } from './renderer-api';
import { watchServer } from './server-watch';

/**
 * The whole device list, kept current by fetching only the devices each 'devices.changed'
 * names (the whole list on first load, after a reconnect, on reload, or for a large burst).
 * Never two fetches in flight; a failed fetch keeps the last data, reports the error, and the
 * next fetch is a full one. Not `enabled` (the user may not view the list): an empty list, nothing fetched.
 */
export function useDeviceList(rendererApi: RendererApi, enabled = true): LiveQuery<DeviceSummary[]> {
  const [data, setData] = useState<DeviceSummary[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const state = useRef({ running: false, alive: true, pending: nothingPending(true), data: null as DeviceSummary[] | null });

  const run = useCallback(async () => {
    const s = state.current;
    if (s.running) return; // the loop below picks up what arrives meanwhile
    s.running = true;
    for (let round = 0; round < 1000 && s.alive && hasChanges(s.pending); round++) {
      const pending: PendingChanges = s.pending;
      s.pending = nothingPending();
      try {
        let next: DeviceSummary[];
        if (!enabled) {
          next = [];
        } else if (pending.full || s.data === null) {
          next = (await rendererApi.api.devices.list({})).devices;
        } else {
          const ids = [...pending.ids];
          const fetched = ids.length > 0 ? (await rendererApi.api.devices.list({ ids })).devices : [];
          next = mergeDevices(s.data, fetched, pending.ids, pending.removed);
        }
        s.data = next;
        if (s.alive) {
          setData(next);
          setError(null);
        }
      } catch (caught) {
        s.pending = nothingPending(true);
        if (s.alive) setError(caught instanceof Error ? caught : new Error(String(caught)));
        break;
      }
    }
    s.running = false;
  }, [rendererApi, enabled]);

  useEffect(() => {
    const s = state.current;
    s.alive = true;
    s.pending = nothingPending(true);
    void run();
    const stop = watchServer(rendererApi, {
      events: ['devices.changed'],
      onEvent: (_name, event) => noteChange(s.pending, event),
      refresh: () => void run(),
      onReconnect: () => {
        s.pending = nothingPending(true);
        void run();
      },
    });
    return () => {
      s.alive = false;
      stop();
    };
  }, [rendererApi, run]);

  const reload = useCallback(() => {
    state.current.pending = nothingPending(true);
    void run();
  }, [run]);
  return { data, error, reload };
}
