import type { AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { RendererApi } from './renderer-api';

/** Pushed events in a burst (a poll round lands) are folded into one refresh after this pause. */
export const EVENT_COALESCE_MS = 250;

export interface ServerWatch<K extends AppEventName> {
  events: readonly K[];
  /** Sees each event as it comes (to note what changed); optional. */
  onEvent?: (name: K, payload: AppEvents[K]) => void;
  /** Which events concern the watcher (a plug-in's own 'plugin.data' topics); absent: all of `events`. */
  accept?: (name: K, payload: AppEvents[K]) => boolean;
  /** Called once per burst of events, EVENT_COALESCE_MS after its first. */
  refresh: () => void;
  /** Called when the connection is back after a drop: events pushed meanwhile are lost. */
  onReconnect: () => void;
}

/**
 * How server data in the renderer stays current without polling: events coalesced into one
 * refresh, and a full refetch after a reconnect. Returns the disposer (which also cancels a
 * pending refresh).
 */
export function watchServer<K extends AppEventName>(rendererApi: RendererApi, watch: ServerWatch<K>): () => void {
  let timer = 0;
  const schedule = (): void => {
    if (timer !== 0) return;
    timer = window.setTimeout(() => {
      timer = 0;
      watch.refresh();
    }, EVENT_COALESCE_MS);
  };
  const disposers = watch.events.map((name) =>
    rendererApi.subscribe(name, (payload) => {
      if (watch.accept && !watch.accept(name, payload)) return;
      watch.onEvent?.(name, payload);
      schedule();
    }),
  );
  let dropped = false;
  disposers.push(
    rendererApi.onConnection((status) => {
      if (status === 'reconnecting') dropped = true;
      else if (status === 'open' && dropped) {
        dropped = false;
        watch.onReconnect();
      }
    }),
  );
  return () => {
    window.clearTimeout(timer);
    timer = 0;
    for (const dispose of disposers) dispose();
  };
}
