import { directoryConnectionSettingsSchema, directoryConnectionWarnings, type DirectoryConnection, type DirectoryConnectionView } from '../../../src-shared/plugins/addressbook/directory-connection';
import type { AddressbookContract } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { PluginHost } from '../../plugin-api/plugin-host';
import { testDirectoryConnection } from './directory/ldap-test';
import { BookConflict } from './store/books.repository';
import type { DirectoriesRepository, StoredConnection } from './store/directories.repository';

type DirectoriesImpl = ServiceImpl<AddressbookContract['directories']>;

/** Saved directory connections (LDAP: Active Directory, Domino, OpenLDAP) and their test. */
export class DirectoriesService implements DirectoriesImpl {
  constructor(
    private readonly host: PluginHost,
    private readonly directories: DirectoriesRepository,
    private readonly functionId: string,
  ) {}

  list: DirectoriesImpl['list'] = () => ({ connections: this.directories.list().map(view) });

  save: DirectoriesImpl['save'] = ({ id, connection }, context) => {
    if (id !== undefined && !this.directories.get(id)) throw new AppError('not-found', `no directory connection ${id}`);
    const { password, ...fields } = connection;
    const settings = directoryConnectionSettingsSchema.parse(fields);
    const existing = id === undefined ? null : this.directories.get(id);
    if (existing && password === undefined) this.refuseElsewhere(existing, settings);
    try {
      const saved = this.directories.save(id ?? null, settings, password, context.caller?.userName ?? null, this.host.now());
      this.host.emitData('directories', this.functionId, [saved]);
      const stored = this.directories.get(saved);
      if (!stored) throw new AppError('internal', 'the connection was not saved');
      return view(stored);
    } catch (error) {
      if (error instanceof BookConflict) throw new AppError('conflict', error.message);
      throw error;
    }
  };

  remove: DirectoriesImpl['remove'] = ({ id }) => {
    this.directories.remove(id);
    this.host.emitData('directories', this.functionId, [id]);
    return {};
  };

  test: DirectoriesImpl['test'] = async ({ id, connection }) => {
    const stored = id === undefined ? null : this.directories.get(id);
    if (id !== undefined && !stored) throw new AppError('not-found', `no directory connection ${id}`);
    const signal = AbortSignal.timeout(120_000);
    if (!connection) {
      if (!stored) throw new AppError('invalid-argument', 'connection: give a saved connection (id) or the settings to test', { field: 'connection' });
      return testDirectoryConnection(stored.settings, this.directories.password(stored.id), { signal });
    }
    const { password, ...fields } = connection;
    if (password === undefined && stored) this.refuseElsewhere(stored, directoryConnectionSettingsSchema.parse(fields));
    const secret = password === undefined ? (stored ? this.directories.password(stored.id) : null) : password;
    return testDirectoryConnection(fields, secret, { signal });
  };

  /**
   * The stored bind password goes only where it was given for: changing the server, port,
   * security or bind DN without typing the password again would send it to another directory.
   */
  private refuseElsewhere(stored: StoredConnection, next: DirectoryConnection): void {
    if (!stored.passwordSet) return;
    const before = stored.settings;
    const moved = (['host', 'port', 'security', 'bindDn'] as const).filter((key) => before[key] !== next[key]);
    if (moved.length > 0) {
      throw new AppError('invalid-argument', `password: enter the bind password again — the ${moved.join(', ')} changed, and the stored one is only sent to the directory it was given for`, { field: 'password' });
    }
  }
}

function view(connection: StoredConnection): DirectoryConnectionView & { id: number } {
  return { ...connection.settings, id: connection.id, passwordSet: connection.passwordSet, warnings: directoryConnectionWarnings(connection.settings) };
}
