import { useCallback } from 'react';
import { ADDRESSBOOK_PLUGIN_ID, addressbookContract, BOOKS_FUNCTION, DIRECTORIES_FUNCTION, type AddressbookContract } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import type { ContractApi } from '../../../src-shared/rpc/contract-builder';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery, type LiveQuery } from '../../api/live-query';
import { pluginDataFilter, usePluginApi } from '../../api/plugins-context';
import { useCan } from '../../api/session-context';

export type AddressbookApi = ContractApi<AddressbookContract>;

/** The plug-in's client: addressbook.books.*, addressbook.directories.*. */
export function useAddressbookApi(): AddressbookApi {
  return usePluginApi(addressbookContract, ADDRESSBOOK_PLUGIN_ID);
}

/** What the signed-in user may do here. */
export function useAddressbookRights(): { edit: boolean; directories: boolean; editDirectories: boolean; tasks: boolean; viewTasks: boolean } {
  return {
    edit: useCan(BOOKS_FUNCTION, 'change'),
    directories: useCan(DIRECTORIES_FUNCTION, 'view'),
    editDirectories: useCan(DIRECTORIES_FUNCTION, 'change'),
    tasks: useCan('tasks', 'change'),
    viewTasks: useCan('tasks', 'view'),
  };
}

/** The books, kept current by the plug-in's 'plugin.data' events (any topic but the directory connections). */
export function useBooks(): LiveQuery<Awaited<ReturnType<AddressbookApi['books']['list']>>['books']> {
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const fetcher = useCallback(async () => (await api.books.list({})).books, [api]);
  return useLiveQuery(rendererApi, fetcher, ['plugin.data'], notDirectories);
}

/** One book's entries, kept current like the books. */
export function useEntries(bookId: number): LiveQuery<Awaited<ReturnType<AddressbookApi['books']['entries']>>['entries']> {
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const fetcher = useCallback(async () => (await api.books.entries({ bookId })).entries, [api, bookId]);
  return useLiveQuery(rendererApi, fetcher, ['plugin.data'], notDirectories);
}

/** The saved directory connections (empty without the right to view them). */
export function useDirectoryConnections(allowed: boolean): LiveQuery<Awaited<ReturnType<AddressbookApi['directories']['list']>>['connections']> {
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const fetcher = useCallback(async () => (allowed ? (await api.directories.list({})).connections : []), [api, allowed]);
  return useLiveQuery(rendererApi, fetcher, ['plugin.data'], pluginDataFilter(ADDRESSBOOK_PLUGIN_ID, [DIRECTORIES_TOPIC]));
}

/** The topic of the plug-in's events about directory connections. */
const DIRECTORIES_TOPIC = 'directories';

const ofPlugin = pluginDataFilter(ADDRESSBOOK_PLUGIN_ID);
const notDirectories: Parameters<typeof useLiveQuery>[3] = (name, payload) => ofPlugin(name, payload) && !('topic' in payload && payload.topic === DIRECTORIES_TOPIC);
