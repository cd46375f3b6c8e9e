import type { i18n } from 'i18next';
import { addressbookPlugin } from './addressbook/addressbook.plugin';
import { driversPlugin } from './drivers/drivers.plugin';
import { labelTree, type PluginTaskEditor, type RendererPlugin } from './renderer-plugin';

/** The renderer plug-ins built into the console, in the order their sections follow the core's. */
export const RENDERER_PLUGINS: readonly RendererPlugin[] = [addressbookPlugin, driversPlugin];

/** The renderer half of a plug-in by its id (none: a plug-in with no UI of its own). */
export function rendererPlugin(id: string): RendererPlugin | undefined {
  return RENDERER_PLUGINS.find((plugin) => plugin.id === id);
}

/** The plug-in that edits tasks of this type itself, with its editor (none: a core type, or a plug-in without an editor for it). */
export function pluginTaskEditor(type: string, plugins: readonly RendererPlugin[] = RENDERER_PLUGINS): { plugin: RendererPlugin; editor: PluginTaskEditor['editor'] } | undefined {
  for (const plugin of plugins) {
    if (plugin.taskEditor?.kinds.includes(type)) return { plugin, editor: plugin.taskEditor.editor };
  }
  return undefined;
}

/** Adds every plug-in's labels to the console's texts (before the first render; the sections' own texts come with their chunk). */
export function addPluginLabels(instance: i18n, plugins: readonly RendererPlugin[] = RENDERER_PLUGINS): void {
  for (const plugin of plugins) {
    for (const [language, labels] of Object.entries(plugin.labels)) instance.addResourceBundle(language, 'translation', labelTree(plugin.id, labels), true, false);
  }
}
