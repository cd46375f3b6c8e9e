import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceListRow } from '../../src-shared/domain/device-list-row';
import { decodeDeviceRows } from '../../src-shared/domain/device-rows.codec';
import { hasChanges, mergeDevices, noteChange, nothingPending, OPENING_ROWS, type PendingChanges } from './device-list-sync';
import type { LiveQuery } from './live-query';
import type { RendererApi } from './renderer-api';
import { watchServer } from './server-watch';

export interface DeviceList extends LiveQuery<DeviceListRow[]> {
  /** While the first whole list is on its way (data null): the rows at the top of the list as it opens, else null. */
  opening: DeviceListRow[] | null;
}

/**
 * The whole device list as list rows (devices.listRows, decoded), kept current by fetching only
 * the rows each 'devices.changed' names (the whole list on first load, after a reconnect, on
 * reload, or for a large burst). On the first load the top of the list comes first (a small,
 * quick call sent just before the whole list), so that rows show while the rest is read, sent
 * and decoded. Never two fetches of the list in flight (the opening rows aside); a failed fetch
 * (or a reply this console cannot read) keeps the last data, reports the error, and the next
 * fetch is a full one; a failed opening fetch only shows nothing early. Not `enabled` (the user
 * may not view the list): an empty list, nothing fetched.
 */
export function useDeviceList(rendererApi: RendererApi, enabled = true): DeviceList {
  const [data, setData] = useState<DeviceListRow[] | null>(null);
  const [opening, setOpening] = useState<DeviceListRow[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const state = useRef({ running: false, alive: true, pending: nothingPending(true), data: null as DeviceListRow[] | null });

  const run = useCallback(async () => {
    const s = state.current;
    if (s.running) return; // the loop below picks up what arrives meanwhile
    s.running = true;
    const { devices } = rendererApi.api;
    for (let round = 0; round < 1000 && s.alive && hasChanges(s.pending); round++) {
      const pending: PendingChanges = s.pending;
      s.pending = nothingPending();
      try {
        let next: DeviceListRow[];
        if (!enabled) {
          next = [];
        } else if (pending.full || s.data === null) {
          // Asked first, so that the server answers it before it reads the whole list.
          if (s.data === null) {
            void whenDecoded(devices.listRows({ first: OPENING_ROWS }), (rows) => {
              if (s.alive && s.data === null) setOpening(rows);
            });
          }
          next = decodeDeviceRows(await devices.listRows({}));
        } else {
          const ids = [...pending.ids];
          const fetched = ids.length > 0 ? decodeDeviceRows(await devices.listRows({ ids })) : [];
          next = mergeDevices(s.data, fetched, pending.ids, pending.removed);
        }
        s.data = next;
        if (s.alive) {
          setData(next);
          setOpening(null);
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
  return { data, opening, error, reload };
}

/** Hands the decoded rows of a reply on; a failed call or an unreadable reply hands nothing (the whole list, and its error if any, follows). */
async function whenDecoded(reply: Promise<unknown>, use: (rows: DeviceListRow[]) => void): Promise<void> {
  let rows: DeviceListRow[];
  try {
    rows = decodeDeviceRows(await reply);
  } catch {
    return;
  }
  use(rows);
}
