import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../src-shared/contract/audit.contract';
import { useRendererApi } from '../../api/api-context';
import { watchServer } from '../../api/server-watch';

/** Entries fetched at a time ("Older entries" adds as many). */
export const AUDIT_PAGE = 100;
/** The most the server gives in one page: a live refresh refetches what is shown, up to this. */
const MAX_PAGE = 1000;

export interface AuditEntries {
  /** null until the first answer for the current filter. */
  entries: AuditEntry[] | null;
  /** An older page exists. */
  more: boolean;
  loadingOlder: boolean;
  error: Error | null;
  older(): void;
}

/**
 * The system log under a filter, newest first: the first page on every filter change, older
 * pages on demand, and — on 'audit.appended' (throttled by the server, coalesced here) or a
 * reconnect — the newest entries again, as many as are shown, so new rows appear on top.
 * Answers to an outdated filter are dropped.
 */
export function useAuditEntries(filter: AuditFilter | null): AuditEntries {
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const [state, setState] = useState<{ entries: AuditEntry[] | null; more: boolean; error: Error | null }>({ entries: null, more: false, error: null });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const shown = useRef(0);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const refresh = useCallback(async (reset: boolean) => {
    if (filter === null) return;
    const mine = reset ? ++generation.current : generation.current;
    const limit = Math.min(MAX_PAGE, Math.max(AUDIT_PAGE, reset ? 0 : shown.current));
    try {
      const page = await api.audit.list({ ...filter, limit });
      if (mine !== generation.current) return;
      shown.current = page.entries.length;
      setState({ entries: page.entries, more: page.more, error: null });
    } catch (caught) {
      if (mine === generation.current) setState((s) => ({ ...s, error: caught instanceof Error ? caught : new Error(String(caught)) }));
    }
    // Keyed by the filter's text: a new object with the same fields is the same filter.
  }, [api, key]);

  useEffect(() => {
    setState({ entries: null, more: false, error: null });
    shown.current = 0;
    void refresh(true);
    return watchServer(rendererApi, { events: ['audit.appended'], refresh: () => void refresh(false), onReconnect: () => void refresh(false) });
  }, [rendererApi, refresh]);

  const older = useCallback(() => {
    const last = state.entries?.at(-1);
    if (filter === null || last === undefined || loadingOlder) return;
    const mine = generation.current;
    setLoadingOlder(true);
    api.audit
      .list({ ...filter, beforeId: last.id, limit: AUDIT_PAGE })
      .then((page) => {
        if (mine !== generation.current) return;
        setState((s) => {
          const entries = [...(s.entries ?? []), ...page.entries.filter((e) => e.id < last.id)];
          shown.current = entries.length;
          return { entries, more: page.more, error: null };
        });
      })
      .catch((caught: unknown) => {
        if (mine === generation.current) setState((s) => ({ ...s, error: caught instanceof Error ? caught : new Error(String(caught)) }));
      })
      .finally(() => setLoadingOlder(false));
  }, [api, filter, loadingOlder, state.entries]);

  return { entries: state.entries, more: state.more, loadingOlder, error: state.error, older };
}
