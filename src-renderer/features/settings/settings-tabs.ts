import type { Can } from '../../api/permissions';

/** The tabs of the Settings section, in order. */
export const SETTINGS_TABS = ['mail', 'outbox', 'monitoring', 'ipPools', 'accounts', 'plugins', 'systemLog'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/**
 * Which Settings tabs a user sees: mail server, outbox and monitoring interval with environment
 * settings (the outbox and the interval are read through monitoring), IP address pools with device
 * settings, accounts, plug-ins with environment settings (switched on and off with "change"), and
 * the system log.
 */
export function settingsTabVisible(tab: SettingsTab, can: Can): boolean {
  switch (tab) {
    case 'mail':
      return can('environment', 'view');
    case 'outbox':
    case 'monitoring':
      return can('environment', 'view') && can('monitoring', 'view');
    case 'ipPools':
      return can('deviceSettings', 'view');
    case 'accounts':
      return can('accounts', 'view');
    case 'plugins':
      return can('environment', 'view');
    case 'systemLog':
      return can('systemLog', 'view');
  }
}

export function visibleSettingsTabs(can: Can): SettingsTab[] {
  return SETTINGS_TABS.filter((tab) => settingsTabVisible(tab, can));
}
