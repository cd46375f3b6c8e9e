import { CLIENTS_FUNCTION } from '../../../../src-shared/plugins/drivers/client-pc';
import { clientsContract } from '../../../../src-shared/plugins/drivers/clients.contract';
import type { PluginHost } from '../../../plugin-api/plugin-host';
import { AgentJobsRepository } from '../store/agent-jobs.repository';
import { ClientsRepository } from '../store/clients.repository';
import { SshLoginsRepository } from '../store/ssh-logins.repository';
import type { StoresService } from '../stores.service';
import { AgentHub } from './agent-hub';
import { agentRoute } from './agent-routes';
import { ClientsService } from './clients.service';
import { installQueueExecutor, removeQueueExecutor } from './push.executors';
import { installAgentExecutor } from './ssh-install';

/**
 * The client PC half of the drivers plug-in (issue 12 items 5–7), registered by drivers.plugin.ts
 * after its migrations (DRIVERS_MIGRATIONS, which include this half's migration 2): the
 * "clients" function, the "drivers.clients.*" service (driversContract.clients), the agents'
 * HTTP route (/plugins/drivers/agent/…), the push task kinds and the agent installation over SSH.
 */
export function registerClients(host: PluginHost, stores: Pick<StoresService, 'target'>): void {
  const functionId = host.addFunction(CLIENTS_FUNCTION.slice(CLIENTS_FUNCTION.indexOf('.') + 1));
  const clients = new ClientsRepository(host.db);
  const jobs = new AgentJobsRepository(host.db, host.secrets);
  const hub = new AgentHub();
  const deps = { host, clients, jobs, hub, functionId, storeTarget: (storeId: number) => stores.target(storeId).target };
  host.addHttpRoute(agentRoute(deps));
  host.addTaskKind(installQueueExecutor(deps));
  host.addTaskKind(removeQueueExecutor(deps));
  const logins = new SshLoginsRepository(host.db, host.secrets);
  host.addTaskKind(installAgentExecutor({ ...deps, logins }));
  host.addService({ clients: clientsContract }, { clients: new ClientsService(host, clients, jobs, logins, functionId) });
}
