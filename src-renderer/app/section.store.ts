import { create } from 'zustand';

/** The console's sections, in the order the header shows them. */
export const SECTIONS = ['devices', 'tasks', 'monitoring', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

interface SectionStore {
  section: Section;
  show(section: Section): void;
}

/** Which section fills the window (UI state only; the device view is the start). */
export const useSectionStore = create<SectionStore>()((set) => ({
  section: 'devices',
  show: (section) => set({ section }),
}));
