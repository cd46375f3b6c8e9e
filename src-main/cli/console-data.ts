import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { internalContext } from '../../src-shared/auth/call-context';
import { appContract, type AppApi } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { AppError } from '../../src-shared/rpc/app-error';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../core/create-core';
import { appVersion } from './app-version';
import { CliError, EXIT } from './cli-error';
import { DATABASE_FILE } from './data-dir';
import { resourcesDir } from './resources-path';

/** The console's data opened by a CLI command: the contract as the built-in administrator on host "cli". */
export interface ConsoleData {
  core: Core;
  /** Every call goes through the router: access checked, every change in the system log (host "cli"). */
  api: AppApi;
  close(): Promise<void>;
}

export { DATABASE_FILE } from './data-dir';

/**
 * Opens `<dataDir>/printdeck.db` with a core that is never started (no polling, no traps).
 * The folder must exist (exit 65 otherwise: a mistyped --data must not start a second, empty
 * console); without `create` the store must exist too. A store that cannot be opened is exit 65.
 */
export async function openConsoleData(dataDir: string, options: { create: boolean }): Promise<ConsoleData> {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new CliError(`--data "${dataDir}": no such folder (printdeck serve --data DIR makes it)`, EXIT.dataError);
  const databaseFile = join(dataDir, DATABASE_FILE);
  if (!options.create && !existsSync(databaseFile)) throw new CliError(`--data "${dataDir}": no console data there (${DATABASE_FILE} is missing); check --data, or start printdeck serve --data DIR once`, EXIT.dataError);
  const resources = resourcesDir();
  const core = await createCore({ databaseFile, resourcesDir: resources, version: appVersion(resources) }).catch((error: unknown) => {
    throw new CliError(`cannot open the console's data in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`, EXIT.dataError);
  });
  const context = internalContext('cli', core.auth.localAdministrator());
  return {
    core,
    api: createApiClient(appContract, createInProcessTransport(core.router, core.events, context)),
    close: () => core.dispose(),
  };
}

/**
 * A contract failure as the CLI reports it: a refused argument is exit 2, what the stored data
 * does not allow (unknown, taken, built-in, from the directory) exit 65; anything else is rethrown.
 */
export function asCliError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  switch (error.code) {
    case 'invalid-argument':
      return new CliError(error.message, EXIT.usage);
    case 'not-found':
    case 'conflict':
    case 'unsupported':
      return new CliError(error.message, EXIT.dataError);
    default:
      return error;
  }
}
