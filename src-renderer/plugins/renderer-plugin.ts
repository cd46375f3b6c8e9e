import i18next from 'i18next';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PluginFunctionId } from '../api/permissions';
import type { Task } from '../../src-shared/contract/tasks.contract';

/**
 * The renderer half of a plug-in (ARCHITECTURE.md, "Plug-ins"; issue 11): a few labels the
 * console shows before the plug-in's code is loaded (its section button, its rows of the
 * permission matrix, its task kinds), the function whose "view" shows its section, and the
 * section itself, loaded on demand as a chunk of its own with its texts. A renderer plug-in
 * builds only on src-renderer/ui, src-renderer/api and src-shared (lint enforces it).
 */

/** The labels of one language. */
export interface PluginLabels {
  /** The header's section button. */
  nav: string;
  /** The plug-in's name where the console lists it (permission matrix, Settings → Plug-ins). */
  name: string;
  /** What it does, for Settings → Plug-ins (the manifest's description is English). */
  description: string;
  /** Its functions by name (the part after "<plugin id>."): a label and what the function covers. */
  functions: Readonly<Record<string, { label: string; hint: string }>>;
  /** Its task kinds by name (the part after "<plugin id>."). */
  taskKinds: Readonly<Record<string, string>>;
}

/** What the lazily loaded module of a plug-in's section provides. */
export interface PluginSectionModule {
  /** The section, filling the main area. */
  Section: ComponentType;
  /** Its texts per language, added as the i18next namespace of the plug-in's id. */
  resources: Readonly<Record<'en' | 'ja', object>>;
}

/** What a plug-in's task editor is given: the saved task to edit (its type is one of the editor's kinds). */
export interface PluginTaskEditorProps {
  task: Task;
  /** Closes the editor, saved (with tasks.update) or not. */
  onClose(): void;
}

/** What the lazily loaded module of a plug-in's task editor provides. */
export interface PluginTaskEditorModule {
  /** A dialog of its own, open while rendered. */
  TaskEditor: ComponentType<PluginTaskEditorProps>;
  /** Its texts, added as the i18next namespace of the plug-in's id (as a section's are). */
  resources: Readonly<Record<'en' | 'ja', object>>;
}

/** The task kinds a plug-in edits itself (Tasks → Edit opens its dialog, not the generic wizard), and the editor, loaded on demand. */
export interface PluginTaskEditor {
  /** Full task types ("addressbook.sync"). */
  kinds: readonly string[];
  editor: LazyExoticComponent<ComponentType<PluginTaskEditorProps>>;
}

/** What the lazily loaded module of a plug-in's device-list column provides. */
export interface PluginDeviceColumnModule {
  /** Rendered once while the column shows: keeps the plug-in's values current (renders nothing). */
  Source: ComponentType;
  /** A device's cell, read from what Source keeps. */
  Cell: ComponentType<{ deviceId: number }>;
  /** Its texts per language, added as the i18next namespace of the plug-in's id (as a section's are). */
  resources: Readonly<Record<'en' | 'ja', object>>;
}

/**
 * A column a plug-in adds to the device list (the drivers' "Driverless ready"), after the
 * console's own, for users who may view `viewFunction` while the plug-in is on. The core's table
 * knows only this shape, never the plug-in; the column's code comes with its own chunk.
 */
export interface PluginDeviceColumn {
  /** "<plugin id>.<name>" (data-column of its cells). */
  id: string;
  label: Readonly<Record<'en' | 'ja', string>>;
  /** Width in px (the table's layout is fixed). */
  width: number;
  viewFunction: PluginFunctionId;
  source: LazyExoticComponent<ComponentType>;
  cell: LazyExoticComponent<ComponentType<{ deviceId: number }>>;
}

/** Loads a plug-in chunk and adds its texts to i18next as the namespace of the plug-in's id. */
async function loadWithTexts<M extends { resources: Readonly<Record<'en' | 'ja', object>> }>(pluginId: string, load: () => Promise<M>): Promise<M> {
  const module = await load();
  for (const [language, texts] of Object.entries(module.resources)) i18next.addResourceBundle(language, pluginId, texts, true, true);
  return module;
}

/** A device-list column's Source and Cell as React.lazy over one chunk (loaded once, when the column first shows; its texts added then). */
export function lazyDeviceColumn(pluginId: string, load: () => Promise<PluginDeviceColumnModule>): Pick<PluginDeviceColumn, 'source' | 'cell'> {
  let loading: Promise<PluginDeviceColumnModule> | null = null;
  const once = (): Promise<PluginDeviceColumnModule> => (loading ??= loadWithTexts(pluginId, load));
  return {
    source: lazy(async () => ({ default: (await once()).Source })),
    cell: lazy(async () => ({ default: (await once()).Cell })),
  };
}

export interface RendererPlugin {
  /** The plug-in's id, as plugins.list names it. */
  id: string;
  /** Whoever may view this function sees the section (and may open the plug-in's task editor). */
  viewFunction: PluginFunctionId;
  labels: Readonly<Record<'en' | 'ja', PluginLabels>>;
  section: LazyExoticComponent<ComponentType>;
  /** None: its tasks are not editable in the console (copy, run and delete still are). */
  taskEditor?: PluginTaskEditor;
  /** Columns it adds to the device list. */
  deviceColumns?: readonly PluginDeviceColumn[];
}

/** A plug-in's section as React.lazy: loads the chunk, adds its texts to i18next, then renders. */
export function lazySection(pluginId: string, load: () => Promise<PluginSectionModule>): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await loadWithTexts(pluginId, load)).Section }));
}

/** A plug-in's task editor as React.lazy: loads the chunk, adds its texts to i18next, then renders. */
export function lazyTaskEditor(pluginId: string, load: () => Promise<PluginTaskEditorModule>): LazyExoticComponent<ComponentType<PluginTaskEditorProps>> {
  return lazy(async () => ({ default: (await loadWithTexts(pluginId, load)).TaskEditor }));
}

/**
 * A plug-in's labels as keys of the console's own texts: nav.<id>, pluginNames.<id>, pluginDescriptions.<id>,
 * accounts.functions.<id>.<name>, accounts.functionHints.<id>.<name>, tasks.types.<id>.<kind>
 * — so that "addressbook.books" is looked up as accounts.functions.addressbook.books.
 */
export function labelTree(pluginId: string, labels: PluginLabels): object {
  const functions: Record<string, string> = {};
  const hints: Record<string, string> = {};
  for (const [name, { label, hint }] of Object.entries(labels.functions)) {
    functions[name] = label;
    hints[name] = hint;
  }
  return {
    nav: { [pluginId]: labels.nav },
    pluginNames: { [pluginId]: labels.name },
    pluginDescriptions: { [pluginId]: labels.description },
    accounts: { functions: { [pluginId]: functions }, functionHints: { [pluginId]: hints } },
    tasks: { types: { [pluginId]: { ...labels.taskKinds } } },
  };
}
