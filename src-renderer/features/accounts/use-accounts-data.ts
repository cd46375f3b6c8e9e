import type { AccountUser, FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';

export interface AccountsData {
  users: AccountUser[] | null;
  groups: UserGroup[] | null;
  functions: FunctionInfo[] | null;
  error: Error | null;
  reload(): void;
}

/** The three lists once they all arrived. */
export interface LoadedAccounts {
  users: AccountUser[];
  groups: UserGroup[];
  functions: FunctionInfo[];
}

/** Users, user groups and the matrix's functions, kept current by 'accounts.changed' (from any console). */
export function useAccountsData(): AccountsData {
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const users = useLiveQuery(rendererApi, async () => (await api.accounts.listUsers({})).users, ['accounts.changed']);
  const groups = useLiveQuery(rendererApi, async () => (await api.accounts.listGroups({})).groups, ['accounts.changed']);
  const functions = useLiveQuery(rendererApi, async () => (await api.accounts.listFunctions({})).functions, []);
  return {
    users: users.data,
    groups: groups.data,
    functions: functions.data,
    error: users.error ?? groups.error ?? functions.error,
    reload: () => {
      users.reload();
      groups.reload();
    },
  };
}
