import { DRIVERS_PLUGIN_ID } from '../../../src-shared/plugins/drivers/drivers-ids';
import { pluginTranslation, type PluginT } from '../../ui/plugin-text';
import type { enDrivers } from './i18n/drivers.en';

/** The drivers section's texts (i18n/drivers.en.ts, .ja.ts), in the namespace "drivers": `const { tp } = useDriversT()`. */
export const useDriversT = pluginTranslation<typeof enDrivers>(DRIVERS_PLUGIN_ID);

export type DriversT = PluginT<typeof enDrivers>;
