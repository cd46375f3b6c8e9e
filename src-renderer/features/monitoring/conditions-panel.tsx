import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringCondition } from '../../../src-shared/contract/monitoring.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { targetsSummary } from '../../ui/target-picker';
import { ConditionDialog } from './condition-dialog';
import { conditionFormOf, initialConditionForm, type ConditionForm } from './condition-form';
import { hoursText, watchLabel } from './monitoring-texts';

/** Monitoring conditions: what each watches on which devices, when, and whom it mails; create, edit, delete (monitoring: change). */
export function ConditionsPanel() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const editable = useCan('monitoring', 'change');
  // No event announces condition changes (only this console makes them): refetched after each save.
  const conditions = useLiveQuery(rendererApi, async () => (await api.monitoring.listConditions({})).conditions, ['monitoring.changed']);
  const [editing, setEditing] = useState<ConditionForm | null>(null);
  const [removing, setRemoving] = useState<MonitoringCondition | null>(null);
  const list = conditions.data ?? [];

  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setEditing(initialConditionForm())}>
            {t('monitoring.conditions.new')}
          </Button>
        </Group>
      )}
      {conditions.error && <Alert color="red">{t('forms.loadFailed', { message: conditions.error.message })}</Alert>}
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        {list.length === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {conditions.data === null ? t('forms.loading') : t('monitoring.conditions.empty')}
          </Text>
        ) : (
          <Table verticalSpacing={6} highlightOnHover aria-label={t('monitoring.tabs.conditions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.conditions.columns.name')}</Table.Th>
                <Table.Th>{t('monitoring.conditions.columns.targets')}</Table.Th>
                <Table.Th>{t('monitoring.conditions.columns.watch')}</Table.Th>
                <Table.Th>{t('monitoring.conditions.columns.hours')}</Table.Th>
                <Table.Th>{t('monitoring.conditions.columns.destinations')}</Table.Th>
                <Table.Th>{t('monitoring.conditions.columns.holdDown')}</Table.Th>
                {editable && <Table.Th style={{ textAlign: 'right' }}>{t('monitoring.conditions.columns.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((condition) => (
                <Table.Tr key={condition.id} data-testid="condition-row" data-condition-id={condition.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {condition.name}
                      </Text>
                      {!condition.enabled && (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('monitoring.conditions.disabled')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{targetsSummary(t, condition.targets)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {condition.watch.map((w) => (
                        <Badge key={w} size="sm" variant="light" color="gray" tt="none">
                          {watchLabel(t, w)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{hoursText(t, condition.hours, i18n.language)}</Table.Td>
                  <Table.Td>
                    {condition.destinations.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('monitoring.conditions.listOnly')}
                      </Text>
                    ) : (
                      condition.destinations.map((d) => `${d.address}${d.format === 'short' ? ` (${t('monitoring.dialog.formats.short')})` : ''}`).join(', ')
                    )}
                  </Table.Td>
                  <Table.Td>{t('monitoring.conditions.minutes', { count: condition.holdDownMinutes })}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray" aria-label={t('monitoring.conditions.edit', { name: condition.name })} onClick={() => setEditing(conditionFormOf(condition))}>
                          <Icon name="pencil" size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label={t('monitoring.conditions.remove', { name: condition.name })} onClick={() => setRemoving(condition)}>
                          <Icon name="trash" size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && (
        <ConditionDialog
          initial={editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            conditions.reload();
            notify('success', t('monitoring.conditions.doneTitle'), t('monitoring.conditions.saved', { name }));
          }}
        />
      )}
      <ConfirmDialog
        request={removing && { title: t('monitoring.conditions.confirmRemove.title'), body: t('monitoring.conditions.confirmRemove.body', { name: removing.name }), confirm: t('forms.confirmDelete') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { id, name } = removing;
          try {
            await api.monitoring.removeCondition({ id });
            conditions.reload();
            notify('success', t('monitoring.conditions.doneTitle'), t('monitoring.conditions.removed', { name }));
          } catch (caught) {
            notify('error', t('monitoring.conditions.doneTitle'), errorMessage(caught));
          }
        }}
      />
    </Stack>
  );
}
