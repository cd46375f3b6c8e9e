import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AppEventName } from '../../src-shared/contract/app.contract';
import type { ContractApi, ContractSpec } from '../../src-shared/rpc/contract-builder';
import type { PluginInfo } from '../../src-shared/plugins/plugin-manifest';
import { useRendererApi } from './api-context';
import { useLiveQuery, type EventFilter } from './live-query';

/** The console's plug-ins as `plugins.list` says (null until the first answer), and how to ask again. */
export interface PluginList {
  plugins: readonly PluginInfo[] | null;
  error: Error | null;
  reload(): void;
}

const PluginsContext = createContext<PluginList | null>(null);

const PLUGIN_EVENTS: readonly AppEventName[] = ['plugins.changed'];

/** Fetches `plugins.list` once for the whole console and again on 'plugins.changed' (a plug-in switched on or off anywhere). */
export function PluginsProvider({ children }: { children: ReactNode }) {
  const rendererApi = useRendererApi();
  const list = useLiveQuery(rendererApi, async () => (await rendererApi.api.plugins.list({})).plugins, PLUGIN_EVENTS);
  const value = useMemo<PluginList>(() => ({ plugins: list.data, error: list.error, reload: list.reload }), [list.data, list.error, list.reload]);
  return <PluginsContext.Provider value={value}>{children}</PluginsContext.Provider>;
}

/** The plug-in list; throws outside PluginsProvider (a wiring bug). */
export function usePluginList(): PluginList {
  const list = useContext(PluginsContext);
  if (!list) throw new Error('usePluginList needs a PluginsProvider above it');
  return list;
}

/** A plug-in's typed client ("<plugin id>.<service>.<method>"), built once per connection. */
export function usePluginApi<C extends ContractSpec>(contract: C, pluginId: string): ContractApi<C> {
  const rendererApi = useRendererApi();
  return useMemo(() => rendererApi.pluginApi(contract, pluginId), [rendererApi, contract, pluginId]);
}

/** Accepts the 'plugin.data' events of one plug-in (optionally of some topics only): for useLiveQuery. */
export function pluginDataFilter(pluginId: string, topics?: readonly string[]): EventFilter {
  return (name, payload) => {
    if (name !== 'plugin.data' || !('plugin' in payload)) return true;
    return payload.plugin === pluginId && (topics === undefined || topics.includes(payload.topic));
  };
}
