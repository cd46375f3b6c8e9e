import { ADDRESSBOOK_PLUGIN_ID, addressbookContract } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import { PLUGIN_API_VERSION } from '../../../src-shared/plugins/plugin-manifest';
import type { MainPlugin } from '../../plugin-api/plugin-host';
import type { AddressBookAdapter } from './adapters/address-book-adapter';
import { RicohUdirectoryAdapter } from './adapters/ricoh-udirectory';
import { deliverExecutor, fetchExecutor, syncExecutor } from './addressbook.executors';
import { BooksService } from './books.service';
import { DirectoriesService } from './directories.service';
import { ADDRESSBOOK_MIGRATIONS } from './store/addressbook.migrations';
import { BooksRepository } from './store/books.repository';
import { AddressbookSettings, DirectoriesRepository } from './store/directories.repository';

/**
 * The address book plug-in (whitepaper §3.4, issue 11): named books edited in the console,
 * imported from directories and files, fetched from devices and delivered to many by tasks.
 * Built on the plug-in interface only.
 */
export function addressbookPlugin(options: { adapters?: readonly AddressBookAdapter[] } = {}): MainPlugin {
  return {
    manifest: { id: ADDRESSBOOK_PLUGIN_ID, name: 'Address books', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: 'Address books from directories and files, kept in step on many devices.' },
    register(host) {
      host.migrate(ADDRESSBOOK_MIGRATIONS);
      const booksFunction = host.addFunction('books');
      const directoriesFunction = host.addFunction('directories');
      const books = new BooksRepository(host.db, host.secrets);
      const directories = new DirectoriesRepository(host.db, host.secrets);
      const settings = new AddressbookSettings(host.db);
      const adapters = new Map((options.adapters ?? [new RicohUdirectoryAdapter()]).map((a) => [a.id, a]));
      const booksService = new BooksService({ host, books, directories, settings, adapters, functionId: booksFunction });
      host.addService(addressbookContract, { books: booksService, directories: new DirectoriesService(host, directories, directoriesFunction) });
      const deps = { host, adapters, books, directories, functionId: booksFunction, access: () => booksService.deviceAccess() };
      host.addTaskKind(deliverExecutor(deps));
      host.addTaskKind(fetchExecutor(deps));
      host.addTaskKind(syncExecutor(deps));
    },
  };
}
