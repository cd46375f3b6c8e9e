import { useCallback, useEffect, useState } from 'react';
import type { DeviceDetail, DeviceHistoryData } from '../../../src-shared/domain/device.schemas';
import { useAppEvent, useRendererApi } from '../../api/api-context';

/** How far back the history chart looks. */
export const HISTORY_WINDOW_MS = 7 * 24 * 3600_000;

export interface DeviceDetailState {
  detail: DeviceDetail | null;
  history: DeviceHistoryData | null;
  error: Error | null;
  /** The device was removed (here or elsewhere). */
  gone: boolean;
  reload: () => void;
}

/**
 * One device with its history, refetched when a pushed 'devices.changed' names it (a poll
 * landed) — never polled. A failed fetch keeps what was shown and reports the error.
 */
export function useDeviceDetail(id: number): DeviceDetailState {
  const { api } = useRendererApi();
  const [detail, setDetail] = useState<DeviceDetail | null>(null);
  const [history, setHistory] = useState<DeviceHistoryData | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [gone, setGone] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    setDetail(null);
    setHistory(null);
    setError(null);
    setGone(false);
  }, [id]);

  useEffect(() => {
    let current = true;
    const now = Date.now();
    Promise.all([api.devices.get({ id }), api.devices.history({ id, since: now - HISTORY_WINDOW_MS })]).then(
      ([nextDetail, nextHistory]) => {
        if (!current) return;
        setDetail(nextDetail);
        setHistory(nextHistory);
        setError(null);
      },
      (caught: unknown) => {
        if (!current) return;
        if (caught instanceof Error && 'code' in caught && caught.code === 'not-found') setGone(true);
        else setError(caught instanceof Error ? caught : new Error(String(caught)));
      },
    );
    return () => {
      current = false;
    };
  }, [api, id, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useAppEvent('devices.changed', (event) => {
    if (event.removed.includes(id)) setGone(true);
    else if (event.ids.includes(id)) reload();
  });
  return { detail, history, error, gone, reload };
}
