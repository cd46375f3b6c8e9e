import { associationsContract } from './associations.contract';
import { setsContract } from './sets.contract';
import { storesContract } from './stores.contract';

/**
 * The drivers plug-in's contract (issue 12), mounted at "drivers.<service>.<method>": one file
 * per service, combined here. Client PCs and agents add their services below.
 */
export { ASSOCIATIONS_FUNCTION, DRIVERS_PLUGIN_ID, SETS_FUNCTION, STORES_FUNCTION } from './drivers-ids';

export const driversContract = {
  stores: storesContract,
  sets: setsContract,
  associations: associationsContract,
};
export type DriversContract = typeof driversContract;
