import { DeviceSettingsWizard } from './device-settings-wizard';

/**
 * What device settings keep mounted whatever section is shown: the wizard, opened from the
 * device list's toolbar, a group's menu, a device's acquired values or a saved delivery task.
 */
export function DeviceSettingsHost() {
  return <DeviceSettingsWizard />;
}
