import { ADDRESSBOOK_PLUGIN_ID } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { pluginTranslation, type PluginT } from '../../ui/plugin-text';
import type { enAddressbook } from './i18n/addressbook.en';

/** The address book section's texts (i18n/addressbook.en.ts, .ja.ts), in the namespace "addressbook": `const { tp } = useAddressbookT()`. */
export const useAddressbookT = pluginTranslation<typeof enAddressbook>(ADDRESSBOOK_PLUGIN_ID);

/** The section's `t`, for helpers that word things outside components. */
export type AddressbookT = PluginT<typeof enAddressbook>;
