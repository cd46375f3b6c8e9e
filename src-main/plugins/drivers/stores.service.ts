import { defaultFtpPort, driverStoreSettingsSchema, driverStoreWarnings, type DriverStore, type DriverStoreSettings } from '../../../src-shared/plugins/drivers/driver-store';
import { STORES_FUNCTION } from '../../../src-shared/plugins/drivers/drivers-ids';
import type { StoresContract } from '../../../src-shared/plugins/drivers/stores.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { PluginHost } from '../../plugin-api/plugin-host';
import { DriversConflict, type StoredStore, type StoresRepository } from './store/stores.repository';
import type { StoreTarget } from './store-files/ftp-session';
import { testStore } from './store-test';

type StoresImpl = ServiceImpl<StoresContract>;

/** Where a store's settings and password take a session (the port filled in). */
export function storeTarget(settings: DriverStoreSettings, password: string | null): StoreTarget {
  return {
    host: settings.host,
    port: settings.port ?? defaultFtpPort(settings.security),
    directory: settings.directory,
    user: settings.user,
    password,
    mode: settings.mode,
    security: settings.security,
    verifyCertificate: settings.verifyCertificate,
    caCertificate: settings.caCertificate,
  };
}

/** Driver stores on FTP servers: several, passwords sealed, each testable step by step. */
export class StoresService implements StoresImpl {
  constructor(
    private readonly host: PluginHost,
    private readonly stores: StoresRepository,
  ) {}

  /** The store and its opened password as a session target; 'not-found'. */
  target(id: number): { store: StoredStore; target: StoreTarget } {
    const store = this.stores.get(id);
    if (!store) throw new AppError('not-found', `no driver store ${id}`);
    return { store, target: storeTarget(store.settings, this.stores.password(id)) };
  }

  all(): StoredStore[] {
    return this.stores.list();
  }

  list: StoresImpl['list'] = () => ({ stores: this.stores.list().map(view) });

  save: StoresImpl['save'] = ({ id, store }, context) => {
    const existing = id === undefined ? null : this.stores.get(id);
    if (id !== undefined && !existing) throw new AppError('not-found', `no driver store ${id}`);
    const { password, ...fields } = store;
    const settings = driverStoreSettingsSchema.parse(fields);
    if (existing && password === undefined) refuseElsewhere(existing, settings);
    try {
      const saved = this.stores.save(id ?? null, settings, password, context.caller?.userName ?? null, this.host.now());
      this.host.emitData('stores', STORES_FUNCTION, [saved]);
      const stored = this.stores.get(saved);
      if (!stored) throw new AppError('internal', 'the store was not saved');
      return view(stored);
    } catch (error) {
      if (error instanceof DriversConflict) throw new AppError('conflict', error.message);
      throw error;
    }
  };

  remove: StoresImpl['remove'] = ({ id }) => {
    try {
      this.stores.remove(id);
    } catch (error) {
      if (error instanceof DriversConflict) throw new AppError('conflict', error.message);
      throw error;
    }
    this.host.emitData('stores', STORES_FUNCTION, [id]);
    return {};
  };

  test: StoresImpl['test'] = async ({ id, store }) => {
    const stored = id === undefined ? null : this.stores.get(id);
    if (id !== undefined && !stored) throw new AppError('not-found', `no driver store ${id}`);
    if (!store) {
      if (!stored) throw new AppError('invalid-argument', 'store: give a saved store (id) or the settings to test', { field: 'store' });
      return testStore(storeTarget(stored.settings, this.stores.password(stored.id)));
    }
    const { password, ...fields } = store;
    const settings = driverStoreSettingsSchema.parse(fields);
    if (password === undefined && stored) refuseElsewhere(stored, settings);
    const secret = password === undefined ? (stored ? this.stores.password(stored.id) : null) : password;
    return testStore(storeTarget(settings, secret));
  };
}

/**
 * The stored password goes only where it was given for: changing the server, port, security,
 * user or how the server's certificate is checked without typing it again could send it to
 * another server.
 */
function refuseElsewhere(stored: StoredStore, next: DriverStoreSettings): void {
  if (!stored.passwordSet) return;
  const before = stored.settings;
  const words = { host: 'server', port: 'port', security: 'security', user: 'user', caCertificate: 'CA certificate' } as const;
  const moved: string[] = (['host', 'port', 'security', 'user', 'caCertificate'] as const).filter((key) => before[key] !== next[key]).map((key) => words[key]);
  // Switching the certificate check on is always safe; switching it off is not.
  if (before.verifyCertificate && !next.verifyCertificate) moved.push('certificate check');
  if (moved.length > 0) throw new AppError('invalid-argument', `password: enter the password again — the ${moved.join(', ')} changed, and the stored one is only sent to the server it was given for`, { field: 'password' });
}

function view(store: StoredStore): DriverStore {
  return { ...store.settings, id: store.id, passwordSet: store.passwordSet, sets: store.sets, updatedAt: store.updatedAt, updatedBy: store.updatedBy, warnings: driverStoreWarnings(store.settings) };
}
