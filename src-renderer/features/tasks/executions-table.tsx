import { Badge, Button, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExecutionSummary } from '../../../src-shared/contract/tasks.contract';
import { Icon } from '../../ui/icons';
import { formatDateTime } from '../../ui/display-format';
import { formatElapsed } from '../discovery/discovery-format';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { EXECUTION_STATE_COLORS, executionDurationMs, isActive } from './task-format';

type ExecutionColumn = 'task' | 'state' | 'trigger' | 'started' | 'duration' | 'progress' | 'succeeded' | 'failed' | 'actions';

interface ExecutionsTableProps {
  executions: readonly ExecutionSummary[];
  selectedId: number | null;
  onOpen(execution: ExecutionSummary): void;
  onCancel(execution: ExecutionSummary): void;
  /** The user may change tasks: running executions offer Cancel. */
  cancellable: boolean;
  empty: string;
}

/** Executions, newest first: state, trigger, start, duration, progress and counts; cancel while queued or running. */
export function ExecutionsTable({ executions, selectedId, onOpen, onCancel, cancellable, empty }: ExecutionsTableProps) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  const columns: VirtualColumn<ExecutionColumn>[] = [
    { id: 'task', header: t('tasks.executions.columns.task'), width: 'minmax(140px, 1.4fr)' },
    { id: 'state', header: t('tasks.executions.columns.state'), width: '120px' },
    { id: 'trigger', header: t('tasks.executions.columns.trigger'), width: '110px' },
    { id: 'started', header: t('tasks.executions.columns.started'), width: 'minmax(170px, 1fr)' },
    { id: 'duration', header: t('tasks.executions.columns.duration'), width: '80px', numeric: true },
    { id: 'progress', header: t('tasks.executions.columns.progress'), width: 'minmax(120px, 1fr)' },
    { id: 'succeeded', header: t('tasks.executions.columns.succeeded'), width: '60px', numeric: true },
    { id: 'failed', header: t('tasks.executions.columns.failed'), width: '60px', numeric: true },
    { id: 'actions', header: t('tasks.executions.columns.actions'), width: '100px' },
  ];
  const selectedIndex = executions.findIndex((e) => e.id === selectedId);
  return (
    <VirtualTable
      label={t('tasks.executions.title')}
      columns={columns}
      count={executions.length}
      rowKey={(index) => executions[index]?.id ?? index}
      height={Math.min(360, 34 * Math.max(executions.length, 3) + 40)}
      empty={empty}
      rowTestId="task-execution"
      rowData={(index) => {
        const e = executions[index];
        return e ? { 'data-execution-id': String(e.id), 'data-task-id': String(e.taskId), 'data-state': e.state } : {};
      }}
      selectedIndex={selectedIndex >= 0 ? selectedIndex : null}
      onSelect={(index) => {
        const e = executions[index];
        if (e) onOpen(e);
      }}
      cell={(index, column) => {
        const e = executions[index];
        if (!e) return null;
        switch (column) {
          case 'task':
            return <span title={e.taskName}>{e.taskName}</span>;
          case 'state':
            return (
              <Badge size="sm" variant="light" color={EXECUTION_STATE_COLORS[e.state]}>
                {t(`tasks.executions.states.${e.state}`)}
              </Badge>
            );
          case 'trigger':
            return t(`tasks.executions.triggers.${e.trigger}`);
          case 'started':
            return e.startedAt === null ? <Text size="sm" c="dimmed">{t('tasks.executions.waiting')}</Text> : formatDateTime(e.startedAt, i18n.language);
          case 'duration': {
            const ms = executionDurationMs(e, now);
            return ms === null ? '' : formatElapsed(ms);
          }
          case 'progress':
            return e.total > 0 ? (
              <Group gap={6} wrap="nowrap" style={{ width: '100%' }}>
                <Progress value={Math.min(100, (e.done / e.total) * 100)} size="sm" style={{ flex: 1 }} animated={e.state === 'running'} aria-hidden />
                <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {e.done}/{e.total}
                </Text>
              </Group>
            ) : (
              ''
            );
          case 'succeeded':
            return e.succeeded.toLocaleString(i18n.language);
          case 'failed':
            return e.failed > 0 ? <Text size="sm" c="red">{e.failed.toLocaleString(i18n.language)}</Text> : '0';
          case 'actions':
            return cancellable && isActive(e) ? (
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                leftSection={<Icon name="stop" size={12} />}
                onClick={(event) => {
                  event.stopPropagation();
                  onCancel(e);
                }}
              >
                {t('tasks.executions.cancel')}
              </Button>
            ) : null;
        }
      }}
    />
  );
}
