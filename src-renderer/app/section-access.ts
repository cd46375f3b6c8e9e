import type { Can } from '../api/permissions';
import { SECTIONS, type Section } from './section.store';

/**
 * Which sections a user sees: Devices with the device list, Tasks and Monitoring with their
 * function, Settings with environment settings, accounts or the system log. Hiding is for
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

export function visibleSections(can: Can): Section[] {
  return SECTIONS.filter((section) => sectionVisible(section, can));
}

/** The section to show: the one picked when visible, else the first the user may see (null: none). */
export function shownSection(picked: Section, can: Can): Section | null {
  const visible = visibleSections(can);
  return visible.includes(picked) ? picked : (visible[0] ?? null);
}
