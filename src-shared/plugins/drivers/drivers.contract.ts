import { associationsContract } from './associations.contract';
import { clientsContract } from './clients.contract';
import { setsContract } from './sets.contract';
import { storesContract } from './stores.contract';

/**
 * The drivers plug-in's contract (issue 12), mounted at "drivers.<service>.<method>": one file
 * per service, combined here. Client PCs and agents add their services below. `clients` is
 * mounted by src-main/plugins/drivers/clients/register-clients.ts (registerClients(host)); the
 * plug-in adds the others (host.addService may be called once per set of services).
 */
export { ASSOCIATIONS_FUNCTION, DRIVERS_PLUGIN_ID, SETS_FUNCTION, STORES_FUNCTION } from './drivers-ids';
export { CLIENTS_FUNCTION } from './client-pc';
export { DRIVERS_TASK_KINDS } from './queue-push';

export const driversContract = {
  stores: storesContract,
  sets: setsContract,
  associations: associationsContract,
  clients: clientsContract,
};
export type DriversContract = typeof driversContract;
