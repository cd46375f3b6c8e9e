import { internalContext } from '../../src-shared/auth/call-context';
import { addressbookContract, ADDRESSBOOK_PLUGIN_ID } from '../../src-shared/plugins/addressbook/addressbook.contract';
import { appContract } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import type { Core } from '../core/create-core';
import type { Simulator } from '../simulator/simulator';
import type { CommandIo } from './poll-command';

/** The administrator login of the demo fleet's address books (a demo convenience; real devices have their own). */
export const DEMO_BOOK_LOGIN = { user: 'admin', password: 'demo-admin' } as const;

/**
 * Lets a demo deliver and fetch address books at once: every simulated printer that serves a
 * book gets the demo login, the console stores it in its credentials vault and reaches the
 * books over the simulator's web port. Done through the contract as the built-in administrator.
 */
export async function prepareDemoAddressBooks(core: Core, simulator: Simulator, webPort: number, io: CommandIo): Promise<void> {
  const context = internalContext('cli', core.auth.localAdministrator());
  const transport = createInProcessTransport(core.router, core.events, context);
  const app = createApiClient(appContract, transport);
  const books = createApiClient(addressbookContract, transport, ADDRESSBOOK_PLUGIN_ID);
  const serving = simulator.devices.filter((d) => simulator.device(d.name).addressBook !== null && simulator.device(d.name).addressBook !== undefined);
  for (const device of serving) simulator.device(device.name).addressBook?.setAdmin(DEMO_BOOK_LOGIN.user, DEMO_BOOK_LOGIN.password);
  const addresses = new Set(serving.map((d) => `${d.address}:${d.port}`));
  const ids = (await app.devices.list({})).devices.filter((d) => addresses.has(`${d.address}:${d.port}`)).map((d) => d.id);
  if (ids.length > 0) await app.credentials.setForDevices({ deviceIds: ids, admin: { id: DEMO_BOOK_LOGIN.user, password: DEMO_BOOK_LOGIN.password } });
  await books.books.setDeviceAccess({ useTls: false, httpPort: webPort, httpsPort: 443, allowSelfSigned: true });
  io.out(`Demo: ${ids.length} Ricoh printers serve their address books on port ${webPort} (login stored in the credentials vault).`);
}
