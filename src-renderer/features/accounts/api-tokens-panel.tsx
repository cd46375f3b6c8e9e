import { Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser, ApiToken } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formatDateTime, formatRelativeTime } from '../../ui/display-format';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TokenDialog } from './token-dialog';
import { tokenState, type TokenState } from './token-state';

const STATE_COLORS: Readonly<Record<TokenState, string>> = { active: 'teal', expired: 'gray', revoked: 'red' };

/**
 * API tokens for scripts ("Authorization: Bearer …"): who they act as, when made and by whom,
 * when they expire and were last used; create one (its secret shown once), revoke one.
 */
export function ApiTokensPanel({ users, editable }: { users: AccountUser[]; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const tokens = useLiveQuery(rendererApi, async () => (await api.accounts.listTokens({})).tokens, ['accounts.changed']);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const now = Date.now();
  const list = tokens.data ?? [];
  const time = (at: number | null) =>
    at === null ? (
      <Text size="sm" c="dimmed">
        {t('accounts.never')}
      </Text>
    ) : (
      <Tooltip label={formatDateTime(at, i18n.language)} withinPortal>
        <Text size="sm" w="fit-content">
          {formatRelativeTime(at, now, i18n.language)}
        </Text>
      </Tooltip>
    );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('accounts.tokens.intro')}
        </Text>
        {editable && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setCreating(true)}>
            {t('accounts.tokens.add')}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        {list.length === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {tokens.error ? t('forms.loadFailed', { message: tokens.error.message }) : tokens.data === null ? t('forms.loading') : t('accounts.tokens.empty')}
          </Text>
        ) : (
          <Table verticalSpacing={6} highlightOnHover aria-label={t('accounts.tokens.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounts.tokens.columns.name')}</Table.Th>
                <Table.Th>{t('accounts.tokens.columns.user')}</Table.Th>
                <Table.Th>{t('accounts.tokens.columns.state')}</Table.Th>
                <Table.Th>{t('accounts.tokens.columns.created')}</Table.Th>
                <Table.Th>{t('accounts.tokens.columns.expires')}</Table.Th>
                <Table.Th>{t('accounts.tokens.columns.lastUsed')}</Table.Th>
                {editable && <Table.Th style={{ textAlign: 'right' }}>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((token) => {
                const state = tokenState(token, now);
                return (
                  <Table.Tr key={token.id} data-testid="api-token-row" data-state={state}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {token.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{token.userName}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATE_COLORS[state]} tt="none">
                        {t(`accounts.tokens.states.${state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={formatDateTime(token.createdAt, i18n.language)} withinPortal>
                        <Text size="sm" w="fit-content">
                          {t('accounts.tokens.createdBy', { time: formatRelativeTime(token.createdAt, now, i18n.language), name: token.createdBy })}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>{token.expiresAt === null ? <Text size="sm" c="dimmed">{t('accounts.tokens.noExpiry')}</Text> : formatDateTime(token.expiresAt, i18n.language)}</Table.Td>
                    <Table.Td>{time(token.lastUsedAt)}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group justify="flex-end">
                          {state === 'active' && (
                            <Button size="compact-xs" variant="subtle" color="red" aria-label={t('accounts.tokens.revokeLabel', { name: token.name })} onClick={() => setRevoking(token)}>
                              {t('accounts.tokens.revoke')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {creating && <TokenDialog users={users} onClose={() => setCreating(false)} onCreated={tokens.reload} />}
      <ConfirmDialog
        request={revoking && { title: t('accounts.tokens.confirmRevoke.title'), body: t('accounts.tokens.confirmRevoke.body', { name: revoking.name, user: revoking.userName }), confirm: t('accounts.tokens.revoke') }}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          try {
            await api.accounts.revokeToken({ id: revoking.id });
            tokens.reload();
            notify('success', t('accounts.tokens.title'), t('accounts.tokens.revoked', { name: revoking.name }));
          } catch (caught) {
            notify('error', t('accounts.tokens.title'), errorMessage(caught));
          }
        }}
      />
    </Stack>
  );
}
