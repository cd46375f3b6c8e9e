import type { MainPlugin } from '../plugin-api/plugin-host';
import { addressbookPlugin } from './addressbook/addressbook.plugin';
import { driversPlugin } from './drivers/drivers.plugin';

/** The plug-ins that ship with Printdeck, in load order. Each uses only the plug-in interface. */
export const BUILT_IN_PLUGINS: readonly MainPlugin[] = [addressbookPlugin(), driversPlugin()];
