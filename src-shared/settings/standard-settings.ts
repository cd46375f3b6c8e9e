import type { SettingWrite, SettingsSection } from '../profiles/device-profile.schema';
import type { SettingId } from './settings-catalogue';

/**
 * The items every vendor that implements the standard MIBs can take (DEVICE-SETTINGS.md,
 * "Standard objects"): MIB-II system group and Printer-MIB prtGeneral and prtChannel. Rule zero
 * still holds — writable in the MIB text is not writable on the device — so a device's answer to
 * the SET (and the read-back) decides, never this table.
 */
const PRT_GENERAL = '1.3.6.1.2.1.43.5.1.1';
const channel = (channelType: number): SettingWrite => ({ channelType, encoding: 'integer', values: { on: 3, off: 4 } });

export const STANDARD_SETTINGS: SettingsSection = {
  deviceName: { oid: '1.3.6.1.2.1.1.5.0', encoding: 'text', maxLength: 255 },
  installationSite: { oid: '1.3.6.1.2.1.1.6.0', encoding: 'text', maxLength: 255 },
  administratorContact: { oid: '1.3.6.1.2.1.1.4.0', encoding: 'text', maxLength: 255 },
  administratorName: { column: `${PRT_GENERAL}.4`, encoding: 'text', maxLength: 127 },
  servicePersonName: { column: `${PRT_GENERAL}.5`, encoding: 'text', maxLength: 127 },
  lpd: channel(8),
  raw: channel(11),
  ipp: channel(44),
  lpdBanner: { column: `${PRT_GENERAL}.15`, encoding: 'integer', values: { on: 3, off: 4 } },
};

/** prtGeneralReset: the column whose first row reboots the printer. */
export const PRT_GENERAL_RESET_COLUMN = `${PRT_GENERAL}.3`;
/** resetToNVRAM: the reboot every Printer-MIB agent must accept (only notResetting(3) and 5 are required). */
export const DEFAULT_RESET_VALUE = 5;
/** prtChannelType and prtChannelState columns (index: hrDeviceIndex.prtChannelIndex). */
export const PRT_CHANNEL_TYPE_COLUMN = '1.3.6.1.2.1.43.14.1.1.2';
export const PRT_CHANNEL_STATE_COLUMN = '1.3.6.1.2.1.43.14.1.1.6';

/**
 * How each item is written on a model: the standard objects, overridden or removed ("unsupported")
 * by the profile's settings section. Items absent from the result are not supported.
 */
export function writePlan(profileSettings: SettingsSection | undefined): Partial<Record<SettingId, SettingWrite>> {
  const merged: Partial<Record<SettingId, SettingWrite | 'unsupported'>> = { ...STANDARD_SETTINGS, ...(profileSettings ?? {}) };
  const plan: Partial<Record<SettingId, SettingWrite>> = {};
  for (const [id, write] of Object.entries(merged) as [SettingId, SettingWrite | 'unsupported' | undefined][]) {
    if (write !== undefined && write !== 'unsupported') plan[id] = write;
  }
  return plan;
}
