import { Alert, Stack, Tabs } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session-context';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { AccountSettingsPanel } from './account-settings-panel';
import { ApiTokensPanel } from './api-tokens-panel';
import { DirectoryPanel } from './directory-panel';
import { useAccountsData, type LoadedAccounts } from './use-accounts-data';
import { UserGroupsPanel } from './user-groups-panel';
import { UsersPanel } from './users-panel';

interface AccountTab {
  id: 'users' | 'groups' | 'tokens' | 'settings' | 'directory';
  panel: (data: LoadedAccounts, editable: boolean) => ReactNode;
}

/**
 * The tabs of Settings → Accounts. Directory sign-in (LDAP: server, bind, group mapping) gets
 * its settings panel here as one more tab, { id: 'directory', … }, after 'settings'; a group's
 * directory groups are already edited in the group dialog.
 */
const ACCOUNT_TABS: readonly AccountTab[] = [
  { id: 'users', panel: (data, editable) => <UsersPanel users={data.users} groups={data.groups} editable={editable} /> },
  { id: 'groups', panel: (data, editable) => <UserGroupsPanel groups={data.groups} functions={data.functions} editable={editable} /> },
  { id: 'tokens', panel: (data, editable) => <ApiTokensPanel users={data.users} editable={editable} /> },
  { id: 'settings', panel: (_data, editable) => <AccountSettingsPanel editable={editable} /> },
  { id: 'directory', panel: (data, editable) => <DirectoryPanel groups={data.groups} editable={editable} /> },
];

/** Settings → Accounts (accounts: view): users, user groups with the function matrix, API tokens, account settings; editing with accounts: change. */
export function AccountsPanel() {
  const { t } = useTranslation();
  const data = useAccountsData();
  const editable = useCan('accounts', 'change');
  const [tab, setTab] = useState<AccountTab['id']>('users');
  const { users, groups, functions } = data;
  const loaded: LoadedAccounts | null = users !== null && groups !== null && functions !== null ? { users, groups, functions } : null;
  return (
    <Stack gap="sm" data-testid="accounts-panel">
      {!editable && <ReadOnlyNote />}
      {data.error && <Alert color="red">{t('forms.loadFailed', { message: data.error.message })}</Alert>}
      <Tabs value={tab} onChange={(value) => setTab(ACCOUNT_TABS.find((x) => x.id === value)?.id ?? tab)} variant="pills" keepMounted={false}>
        <Tabs.List aria-label={t('settingsPage.tabs.accounts')}>
          {ACCOUNT_TABS.map(({ id }) => (
            <Tabs.Tab key={id} value={id}>
              {t(`accounts.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ACCOUNT_TABS.map(({ id, panel }) => (
          <Tabs.Panel key={id} value={id} pt="md">
            {loaded ? panel(loaded, editable) : <Alert color="gray">{t('forms.loading')}</Alert>}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
