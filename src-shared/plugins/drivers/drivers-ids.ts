/**
 * The drivers plug-in's names (issue 12): its id (the namespace of its services, tables and
 * task kinds) and its rows in the permission matrix. Kept apart from the contracts so that each
 * service's contract file can use them without importing the others.
 */
export const DRIVERS_PLUGIN_ID = 'drivers';
/** FTP driver stores (they hold sealed passwords). */
export const STORES_FUNCTION = 'drivers.stores';
/** Driver sets: upload, list, delete. */
export const SETS_FUNCTION = 'drivers.sets';
/** Associations of a driver set with a device, and the IPP Everywhere check of devices. */
export const ASSOCIATIONS_FUNCTION = 'drivers.associations';
