import { create } from 'zustand';

/** The console's own sections, in the order the header shows them (plug-ins' sections come before Settings). */
export const SECTIONS = ['devices', 'tasks', 'monitoring', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

/** A plug-in's section: "plugin:<plugin id>". */
export type PluginSectionId = `plugin:${string}`;
export type SectionId = Section | PluginSectionId;

export function pluginSectionId(pluginId: string): PluginSectionId {
  return `plugin:${pluginId}`;
}

export function isCoreSection(section: SectionId): section is Section {
  return (SECTIONS as readonly string[]).includes(section);
}

/** The plug-in id of a plug-in's section; null for a core section. */
export function pluginOfSection(section: SectionId): string | null {
  return section.startsWith('plugin:') ? section.slice('plugin:'.length) : null;
}

interface SectionStore {
  section: SectionId;
  show(section: SectionId): void;
}

/** Which section fills the window (UI state only; the device view is the start). */
export const useSectionStore = create<SectionStore>()((set) => ({
  section: 'devices',
  show: (section) => set({ section }),
}));
