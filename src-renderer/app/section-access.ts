import type { Can, PluginFunctionId } from '../api/permissions';
import type { PluginInfo } from '../../src-shared/plugins/plugin-manifest';
import { pluginSectionId, SECTIONS, type PluginSectionId, type Section, type SectionId } from './section.store';

/**
 * Which sections a user sees: Devices with the device list, Tasks and Monitoring with their
 * function, Settings with environment settings, accounts or the system log; a plug-in's section
 * while plugins.list says it is enabled and the user may view its function. Hiding is for
 * people; the server refuses what is hidden anyway.
 */
export function sectionVisible(section: Section, can: Can): boolean {
  switch (section) {
    case 'devices':
      return can('deviceList', 'view');
    case 'tasks':
      return can('tasks', 'view');
    case 'monitoring':
      return can('monitoring', 'view');
    case 'settings':
      return can('environment', 'view') || can('accounts', 'view') || can('systemLog', 'view');
  }
}

/** The sections of plug-ins with a renderer half (in `registry` order) that are enabled and whose function the user may view. */
export function pluginSections(plugins: readonly Pick<PluginInfo, 'id' | 'state'>[] | null, registry: readonly { id: string; viewFunction: PluginFunctionId }[], can: Can): PluginSectionId[] {
  if (plugins === null) return [];
  return registry.filter((plugin) => plugins.some((p) => p.id === plugin.id && p.state === 'enabled') && can(plugin.viewFunction, 'view')).map((plugin) => pluginSectionId(plugin.id));
}

/** The sections to show in the header, in order: the core's, with the plug-ins' before Settings. */
export function visibleSections(can: Can, plugins: readonly PluginSectionId[] = []): SectionId[] {
  const core = SECTIONS.filter((section) => sectionVisible(section, can));
  const settings = core.indexOf('settings');
  return settings < 0 ? [...core, ...plugins] : [...core.slice(0, settings), ...plugins, ...core.slice(settings)];
}

/** The section to show: the one picked when visible, else the first the user may see (null: none). */
export function shownSection(picked: SectionId, can: Can, plugins: readonly PluginSectionId[] = []): SectionId | null {
  const visible = visibleSections(can, plugins);
  return visible.includes(picked) ? picked : (visible[0] ?? null);
}
