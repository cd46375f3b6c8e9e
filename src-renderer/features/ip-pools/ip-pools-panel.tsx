import { ActionIcon, Alert, Button, Group, Paper, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpPool } from '../../../src-shared/contract/settings.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { PoolDialog, type PoolDialogMode } from './pool-dialog';

/**
 * Settings → IP address pools: the pools the "IP address" item of a settings delivery hands
 * addresses out of, with their size and how many they handed out; who may change device
 * settings creates, edits and deletes them.
 */
export function IpPoolsPanel() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const editable = useCan('deviceSettings', 'change');
  // Pools change through this panel and deliveries (addresses handed out): a task's progress refetches.
  const pools = useLiveQuery(rendererApi, async () => (await api.settings.listPools({})).pools, ['task.progress']);
  const [dialog, setDialog] = useState<PoolDialogMode>(null);
  const [removing, setRemoving] = useState<IpPool | null>(null);
  const list = pools.data ?? [];
  const number = (n: number) => n.toLocaleString(i18n.language);

  return (
    <Stack gap="md" maw={1100} data-testid="ip-pools-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={720}>
          {t('ipPools.intro')}
        </Text>
        {editable && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setDialog({ kind: 'create' })} style={{ flexShrink: 0 }}>
            {t('ipPools.new')}
          </Button>
        )}
      </Group>
      {!editable && <ReadOnlyNote />}
      {pools.error && <Alert color="red">{t('forms.loadFailed', { message: pools.error.message })}</Alert>}
      <Paper withBorder radius="md" p={0} style={{ overflowX: 'auto' }}>
        {list.length === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {pools.data === null ? t('forms.loading') : t('ipPools.empty')}
          </Text>
        ) : (
          <Table verticalSpacing={6} aria-label={t('ipPools.title')} data-testid="pool-table" style={{ tableLayout: 'fixed', minWidth: 760 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="18%">{t('ipPools.columns.name')}</Table.Th>
                <Table.Th w="30%">{t('ipPools.columns.ranges')}</Table.Th>
                <Table.Th w="20%">{t('ipPools.columns.exclusions')}</Table.Th>
                <Table.Th w={110} ta="right">
                  {t('ipPools.columns.size')}
                </Table.Th>
                <Table.Th w={170}>{t('ipPools.columns.used')}</Table.Th>
                {editable && <Table.Th w={80} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((pool) => {
                const usedShare = pool.size > 0 ? Math.min(100, (pool.used / pool.size) * 100) : 0;
                return (
                  <Table.Tr key={pool.id} data-testid="pool-row" data-pool-id={pool.id} data-size={pool.size} data-used={pool.used}>
                    <Table.Td>
                      <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
                        {pool.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>
                        {pool.ranges}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" c={pool.exclusions === '' ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
                        {pool.exclusions === '' ? '—' : pool.exclusions}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {number(pool.size)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Progress value={usedShare} size="sm" style={{ flex: 1 }} color={usedShare >= 90 ? 'red' : undefined} aria-hidden />
                        <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          {t('ipPools.usedOf', { used: number(pool.used), size: number(pool.size) })}
                        </Text>
                      </Group>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group gap={2} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t('ipPools.edit', { name: pool.name })} withinPortal>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('ipPools.edit', { name: pool.name })} onClick={() => setDialog({ kind: 'edit', pool })}>
                              <Icon name="pencil" size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('ipPools.remove', { name: pool.name })} withinPortal>
                            <ActionIcon variant="subtle" color="red" aria-label={t('ipPools.remove', { name: pool.name })} onClick={() => setRemoving(pool)}>
                              <Icon name="trash" size={16} />
                            </ActionIcon>
                          </Tooltip>
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
      <PoolDialog mode={dialog} onClose={() => setDialog(null)} onSaved={pools.reload} />
      <ConfirmDialog
        request={removing && { title: t('ipPools.confirmRemove.title'), body: t('ipPools.confirmRemove.body', { name: removing.name, count: removing.used }), confirm: t('forms.confirmDelete') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { id, name } = removing;
          try {
            await api.settings.removePool({ id });
            notify('success', t('ipPools.title'), t('ipPools.removed', { name }));
            pools.reload();
          } catch (caught) {
            notify('error', t('ipPools.title'), errorMessage(caught));
          }
        }}
      />
    </Stack>
  );
}
