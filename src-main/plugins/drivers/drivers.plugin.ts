import { associationsContract } from '../../../src-shared/plugins/drivers/associations.contract';
import { DRIVERS_PLUGIN_ID } from '../../../src-shared/plugins/drivers/drivers-ids';
import { setsContract } from '../../../src-shared/plugins/drivers/sets.contract';
import { storesContract } from '../../../src-shared/plugins/drivers/stores.contract';
import { PLUGIN_API_VERSION } from '../../../src-shared/plugins/plugin-manifest';
import type { MainPlugin } from '../../plugin-api/plugin-host';
import { AssociationsService } from './associations.service';
import { registerClients } from './clients/register-clients';
import { pullRoutes } from './pull/pull-route';
import { SetsService } from './sets.service';
import { AssociationsRepository } from './store/associations.repository';
import { DRIVERS_MIGRATIONS } from './store/drivers.migrations';
import { SetsRepository } from './store/sets.repository';
import { StoresRepository } from './store/stores.repository';
import { StoresService } from './stores.service';
import { UploadStaging } from './uploads/upload-staging';

/**
 * The drivers plug-in (whitepaper §3.5, issue 12): driver stores on FTP servers, driver sets
 * with their SHA-256 manifest, associations of sets with devices (driverless first when a
 * device is IPP Everywhere ready), client PCs and their agent. Built on the plug-in interface only.
 */
export function driversPlugin(): MainPlugin {
  return {
    manifest: { id: DRIVERS_PLUGIN_ID, name: 'Printer drivers', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: 'Driver sets on FTP stores, print queues pushed to client PCs or installed from a page; driverless IPP Everywhere first.' },
    register(host) {
      host.migrate(DRIVERS_MIGRATIONS);
      host.addFunction('stores');
      host.addFunction('sets');
      host.addFunction('associations');
      const stores = new StoresService(host, new StoresRepository(host.db, host.secrets));
      const setsRepository = new SetsRepository(host.db);
      const sets = new SetsService(host, setsRepository, stores, new UploadStaging(() => host.now()));
      const associations = new AssociationsService(host, new AssociationsRepository(host.db), setsRepository);
      host.addService({ stores: storesContract, sets: setsContract, associations: associationsContract }, { stores, sets, associations });
      registerClients(host, stores);
      for (const route of pullRoutes({ host, stores, sets: setsRepository })) host.addHttpRoute(route);
    },
  };
}
