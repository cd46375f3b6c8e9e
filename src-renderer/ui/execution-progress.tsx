import { Alert, Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExecutionState, ExecutionSummary } from '../../src-shared/contract/tasks.contract';
import { useRendererApi } from '../api/api-context';
import { useLiveQuery } from '../api/live-query';
import { useCan } from '../api/session-context';
import { EXECUTION_STATE_COLORS } from './task-text';
import { VirtualTable, type VirtualColumn } from './virtual-table';

/** Whether an execution is over (its per-device results are final). */
export function executionFinished(state: ExecutionState): boolean {
  return state !== 'queued' && state !== 'running';
}

interface ExecutionProgressProps {
  executionId: number;
  /** Called once when the execution ends (succeeded, partly failed, failed or cancelled). */
  onFinished?(execution: ExecutionSummary): void;
}

type ResultColumn = 'result' | 'device' | 'message';

/**
 * One execution as it runs, for dialogs that start work (a plug-in's delivery, a fetch): state,
 * progress and every device's outcome, live on 'task.progress' of this execution. Following an
 * execution needs "view" on tasks; without it, the start is all that is shown.
 */
export function ExecutionProgress({ executionId, onFinished }: ExecutionProgressProps) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const visible = useCan('tasks', 'view');
  const detail = useLiveQuery(
    rendererApi,
    async () => (visible ? rendererApi.api.tasks.getExecution({ executionId }) : null),
    ['task.progress'],
    (_name, payload) => 'executionId' in payload && payload.executionId === executionId,
  );
  const execution = detail.data?.execution ?? null;
  const reported = useRef(false);
  const latestOnFinished = useRef(onFinished);
  useEffect(() => {
    latestOnFinished.current = onFinished;
  });
  useEffect(() => {
    if (execution && executionFinished(execution.state) && !reported.current) {
      reported.current = true;
      latestOnFinished.current?.(execution);
    }
  }, [execution]);

  if (!visible) {
    return (
      <Alert color="blue" py={6} data-testid="execution-progress" data-execution-id={executionId}>
        {t('execution.startedNoView', { id: executionId })}
      </Alert>
    );
  }
  if (!detail.data || !execution) {
    return (
      <Text size="sm" c={detail.error ? 'red' : 'dimmed'}>
        {detail.error ? t('forms.loadFailed', { message: detail.error.message }) : t('forms.loading')}
      </Text>
    );
  }
  const { devices } = detail.data;
  const columns: VirtualColumn<ResultColumn>[] = [
    { id: 'result', header: t('tasks.detail.columns.result'), width: '90px' },
    { id: 'device', header: t('tasks.detail.columns.device'), width: 'minmax(140px, 1fr)' },
    { id: 'message', header: t('tasks.detail.columns.message'), width: 'minmax(220px, 2fr)' },
  ];
  return (
    <Stack gap="xs" data-testid="execution-progress" data-execution-id={executionId} data-state={execution.state}>
      <Group gap="sm" wrap="nowrap">
        <Badge variant="light" color={EXECUTION_STATE_COLORS[execution.state]} data-testid="execution-state">
          {t(`tasks.executions.states.${execution.state}`)}
        </Badge>
        <Progress value={execution.total > 0 ? Math.min(100, (execution.done / execution.total) * 100) : 0} size="sm" style={{ flex: 1 }} animated={execution.state === 'running'} aria-label={t('tasks.detail.progress')} />
        <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {t('execution.counts', { done: execution.done, total: execution.total, ok: execution.succeeded, failed: execution.failed })}
        </Text>
      </Group>
      {execution.error !== null && (
        <Alert color="red" py={6}>
          {execution.error}
        </Alert>
      )}
      <VirtualTable
        label={t('tasks.detail.devices')}
        columns={columns}
        count={devices.length}
        rowKey={(index) => devices[index]?.deviceId ?? index}
        height={Math.min(260, 34 * Math.max(devices.length, 2) + 40)}
        empty={executionFinished(execution.state) ? t('tasks.detail.noDevices') : t('execution.waiting')}
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
              return <span title={d.label}>{d.label}</span>;
            case 'message':
              return <span title={d.message}>{d.message}</span>;
          }
        }}
      />
    </Stack>
  );
}
