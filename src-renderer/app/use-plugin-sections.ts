import { useMemo } from 'react';
import { usePluginList } from '../api/plugins-context';
import { usePermissions } from '../api/session-context';
import { RENDERER_PLUGINS } from '../plugins/plugin-registry';
import { pluginSections } from './section-access';
import type { PluginSectionId } from './section.store';

/** The plug-in sections this user sees now (refetched on 'plugins.changed', recomputed when rights change). */
export function usePluginSections(): PluginSectionId[] {
  const { plugins } = usePluginList();
  const can = usePermissions();
  return useMemo(() => pluginSections(plugins, RENDERER_PLUGINS, can), [plugins, can]);
}
