import { ActionIcon, Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { useSession } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formatDateTime, formatRelativeTime } from '../../ui/display-format';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { groupLabel } from './function-labels';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserDialog, type UserDialogMode } from './user-dialog';

interface UsersPanelProps {
  users: AccountUser[];
  groups: UserGroup[];
  editable: boolean;
}

/**
 * Every user: name, display name, groups, enabled or locked, where they sign in, last sign-in.
 * With accounts: change, add one (initial password, groups, "change at first sign-in"), edit,
 * reset a password, unlock, remove — the built-in administrator is never disabled or removed.
 */
export function UsersPanel({ users, groups, editable }: UsersPanelProps) {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const { user: me } = useSession();
  const notify = useNoticeStore((s) => s.notify);
  const [dialog, setDialog] = useState<UserDialogMode | null>(null);
  const [resetting, setResetting] = useState<AccountUser | null>(null);
  const [removing, setRemoving] = useState<AccountUser | null>(null);
  const groupsById = new Map(groups.map((g) => [g.id, g]));
  const now = Date.now();

  const unlock = async (user: AccountUser) => {
    try {
      await api.accounts.unlockUser({ id: user.id });
      notify('success', t('accounts.users.title'), t('accounts.users.unlocked', { name: user.name }));
    } catch (caught) {
      notify('error', t('accounts.users.title'), errorMessage(caught));
    }
  };

  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setDialog({ kind: 'create' })}>
            {t('accounts.users.add')}
          </Button>
        </Group>
      )}
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing={6} highlightOnHover aria-label={t('accounts.users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accounts.users.columns.name')}</Table.Th>
              <Table.Th>{t('accounts.users.columns.displayName')}</Table.Th>
              <Table.Th>{t('accounts.users.columns.groups')}</Table.Th>
              <Table.Th>{t('accounts.users.columns.state')}</Table.Th>
              <Table.Th>{t('accounts.users.columns.source')}</Table.Th>
              <Table.Th>{t('accounts.users.columns.lastSignIn')}</Table.Th>
              {editable && <Table.Th style={{ textAlign: 'right' }}>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              const locked = user.lockedUntil !== null && user.lockedUntil > now;
              const protectedReason = user.builtin ? t('accounts.users.builtinProtected') : user.id === me.id ? t('accounts.users.selfProtected') : null;
              return (
                <Table.Tr key={user.id} data-testid="account-user-row" data-user-name={user.name}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {user.name}
                      </Text>
                      {user.builtin && (
                        <Tooltip label={t('accounts.users.builtinProtected')} withinPortal>
                          <Badge size="xs" variant="light" color="indigo">
                            {t('accounts.builtin')}
                          </Badge>
                        </Tooltip>
                      )}
                      {user.id === me.id && (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('accounts.users.you')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{user.displayName}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.groupIds.map((id) => {
                        const group = groupsById.get(id);
                        return (
                          <Badge key={id} size="sm" variant="light" color={group?.builtin === 'administrator' ? 'indigo' : 'gray'} tt="none">
                            {group ? groupLabel(t, group) : `#${id}`}
                          </Badge>
                        );
                      })}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Badge size="sm" variant="dot" color={user.enabled ? 'teal' : 'gray'} tt="none">
                        {user.enabled ? t('accounts.users.enabled') : t('accounts.users.disabled')}
                      </Badge>
                      {locked && user.lockedUntil !== null && (
                        <Badge size="sm" variant="light" color="red" tt="none" data-testid="user-locked">
                          {t('accounts.users.lockedUntil', { time: formatDateTime(user.lockedUntil, i18n.language) })}
                        </Badge>
                      )}
                      {user.mustChangePassword && (
                        <Tooltip label={t('accounts.users.mustChangeHint')} withinPortal>
                          <Badge size="sm" variant="light" color="yellow" tt="none">
                            {t('accounts.users.mustChange')}
                          </Badge>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`accounts.users.sources.${user.source}`)}</Table.Td>
                  <Table.Td>
                    {user.lastSignInAt === null ? (
                      <Text size="sm" c="dimmed">
                        {t('accounts.never')}
                      </Text>
                    ) : (
                      <Tooltip label={formatDateTime(user.lastSignInAt, i18n.language)} withinPortal>
                        <Text size="sm" w="fit-content">
                          {formatRelativeTime(user.lastSignInAt, now, i18n.language)}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group justify="flex-end">
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('accounts.users.actions', { name: user.name })}>
                              <Icon name="dots" size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<Icon name="pencil" size={14} />} onClick={() => setDialog({ kind: 'edit', user })}>
                              {t('accounts.users.edit')}
                            </Menu.Item>
                            {user.source === 'local' && (
                              <Menu.Item leftSection={<Icon name="key" size={14} />} onClick={() => setResetting(user)}>
                                {t('accounts.users.resetPassword')}
                              </Menu.Item>
                            )}
                            {locked && (
                              <Menu.Item leftSection={<Icon name="lockOpen" size={14} />} onClick={() => void unlock(user)}>
                                {t('accounts.users.unlock')}
                              </Menu.Item>
                            )}
                            <Menu.Divider />
                            <Menu.Item leftSection={<Icon name="trash" size={14} />} color="red" disabled={protectedReason !== null} onClick={() => setRemoving(user)}>
                              {t('accounts.users.remove')}
                            </Menu.Item>
                            {protectedReason !== null && <Menu.Label>{protectedReason}</Menu.Label>}
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {users.some((u) => u.source === 'directory') && (
        <Alert color="gray" py={6}>
          {t('accounts.users.directoryHint')}
        </Alert>
      )}
      {dialog && <UserDialog mode={dialog} groups={groups} onClose={() => setDialog(null)} />}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
      <ConfirmDialog
        request={removing && { title: t('accounts.users.confirmRemove.title'), body: t('accounts.users.confirmRemove.body', { name: removing.name }), confirm: t('accounts.users.remove') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { id, name } = removing;
          try {
            await api.accounts.removeUser({ id });
            notify('success', t('accounts.users.title'), t('accounts.users.removed', { name }));
          } catch (caught) {
            notify('error', t('accounts.users.title'), errorMessage(caught));
          }
        }}
      />
    </Stack>
  );
}
