import { createContext, useContext, useEffect, useRef } from 'react';
import type { AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { RendererApi } from './renderer-api';

const ApiContext = createContext<RendererApi | null>(null);

/** Makes the connected API available to every feature below it. */
export const ApiProvider = ApiContext.Provider;

/** The connected API; throws when used outside ApiProvider (a wiring bug, not a runtime state). */
export function useRendererApi(): RendererApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useRendererApi needs an ApiProvider above it');
  return api;
}

/** Calls `listener` for each pushed `name` event while mounted; the latest listener is used. */
export function useAppEvent<K extends AppEventName>(name: K, listener: (payload: AppEvents[K]) => void): void {
  const api = useRendererApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.subscribe(name, (payload) => latest.current(payload)), [api, name]);
}
