import { Alert, Badge, Drawer, Group, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExecutionSummary } from '../../../src-shared/contract/tasks.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { formatDateTime } from '../../ui/display-format';
import { ExecutionItems } from '../device-settings/execution-items';
import { deviceItemsSummary } from '../device-settings/settings-texts';
import { visibleText } from '../../../src-shared/domain/visible-text';
import { DeviceText } from '../../ui/device-text-view';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { EXECUTION_STATE_COLORS } from './task-format';
import { useExecutionViewStore } from './task-wizard.store';

/** One execution: its figures, per-device results and log; live while it runs. */
export function ExecutionDrawer() {
  const { t } = useTranslation();
  const id = useExecutionViewStore((s) => s.openExecutionId);
  const close = () => useExecutionViewStore.getState().openExecution(null);
  return (
    <Drawer opened={id !== null} onClose={close} position="right" size="min(900px, 100vw)" title={<Title order={4}>{t('tasks.executions.title')}</Title>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {id !== null && <ExecutionContent key={id} id={id} />}
    </Drawer>
  );
}

type DeviceColumn = 'result' | 'device' | 'message' | 'at';

function ExecutionContent({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const detail = useLiveQuery(rendererApi, () => rendererApi.api.tasks.getExecution({ executionId: id }), ['task.progress']);
  if (detail.data === null) return <Text c={detail.error ? 'red' : 'dimmed'}>{detail.error ? t('forms.loadFailed', { message: detail.error.message }) : t('forms.loading')}</Text>;
  const { execution, devices, log } = detail.data;
  const columns: VirtualColumn<DeviceColumn>[] = [
    { id: 'result', header: t('tasks.detail.columns.result'), width: '90px' },
    { id: 'device', header: t('tasks.detail.columns.device'), width: 'minmax(160px, 1fr)' },
    { id: 'message', header: t('tasks.detail.columns.message'), width: 'minmax(200px, 2fr)' },
    { id: 'at', header: t('tasks.detail.columns.at'), width: 'minmax(160px, 1fr)' },
  ];
  return (
    <Stack gap="md" data-testid="execution-detail" data-execution-id={execution.id} data-state={execution.state}>
      <Group gap="sm">
        <Title order={5}>{t('tasks.detail.title', { id: execution.id, name: execution.taskName })}</Title>
        <Badge variant="light" color={EXECUTION_STATE_COLORS[execution.state]} data-testid="execution-state">
          {t(`tasks.executions.states.${execution.state}`)}
        </Badge>
      </Group>
      <Figures execution={execution} />
      {execution.error !== null && (
        <Alert color="red" py={6}>
          {execution.error}
        </Alert>
      )}
      <Title order={6}>{t('tasks.detail.devices')}</Title>
      <VirtualTable
        label={t('tasks.detail.devices')}
        columns={columns}
        count={devices.length}
        rowKey={(index) => index}
        height={Math.min(320, 34 * Math.max(devices.length, 2) + 40)}
        empty={t('tasks.detail.noDevices')}
        rowTestId="execution-device"
        rowData={(index) => {
          const d = devices[index];
          return d ? { 'data-ok': String(d.ok), 'data-device-id': d.deviceId === null ? undefined : String(d.deviceId) } : {};
        }}
        cell={(index, column) => {
          const d = devices[index];
          if (!d) return null;
          switch (column) {
            case 'result':
              return (
                <Badge size="sm" variant="light" color={d.ok ? 'teal' : 'red'}>
                  {d.ok ? t('tasks.detail.ok') : t('tasks.detail.failed')}
                </Badge>
              );
            case 'device':
              return <span title={visibleText(d.label)}><DeviceText text={d.label} /></span>;
            case 'message': {
              // Settings kinds: the items in the outcome words of the per-item table.
              const text = d.items && d.items.length > 0 ? deviceItemsSummary(t, d.items, d.message) : d.message;
              return <span title={visibleText(d.message)}><DeviceText text={text} /></span>;
            }
            case 'at':
              return formatDateTime(d.at, i18n.language);
          }
        }}
      />
      <ExecutionItems devices={devices} />
      <Title order={6}>{t('tasks.detail.log')}</Title>
      <ScrollArea.Autosize mah={260} type="auto" data-testid="execution-log">
        {log.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tasks.detail.noLog')}
          </Text>
        ) : (
          <Stack gap={2}>
            {log.map((entry, index) => (
              <Text key={index} size="xs" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
                {formatDateTime(entry.at, i18n.language)} {entry.line}
              </Text>
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}

function Figures({ execution }: { execution: ExecutionSummary }) {
  const { t, i18n } = useTranslation();
  const at = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, i18n.language));
  const items: [string, string][] = [
    [t('tasks.detail.trigger'), t(`tasks.executions.triggers.${execution.trigger}`)],
    [t('tasks.detail.queued'), at(execution.queuedAt)],
    [t('tasks.detail.started'), at(execution.startedAt)],
    [t('tasks.detail.finished'), at(execution.finishedAt)],
    [t('tasks.detail.progress'), `${execution.done} / ${execution.total}`],
    [`${t('tasks.detail.ok')} / ${t('tasks.detail.failed')}`, `${execution.succeeded} / ${execution.failed}`],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={4}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm">{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
