import { ActionIcon, Badge, Button, Group, Menu, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CORE_TASK_TYPES, type Task } from '../../../src-shared/contract/tasks.contract';
import { Icon } from '../../ui/icons';
import { formatDateTime, formatRelativeTime } from '../../ui/display-format';
import { targetsSummary } from '../../ui/target-picker';
import { describeSchedule } from './schedule-text';
import { SearchTarget } from './search-target';
import { EXECUTION_STATE_COLORS } from './task-format';
import { TaskAuthors } from './task-authors';
import { dynamicText } from '../../ui/plugin-text';

interface TaskTableProps {
  tasks: readonly Task[];
  selectedId: number | null;
  /** The user may change tasks: run now, edit, copy, delete. */
  editable: boolean;
  onSelect(id: number): void;
  onRun(task: Task): void;
  /** Whether Edit is offered (a core type the wizards know, or a plug-in's with an editor of its own). */
  canEdit(task: Task): boolean;
  onEdit(task: Task): void;
  onCopy(task: Task): void;
  onRemove(task: Task): void;
}

/** Saved tasks: name, type, targets, schedule in words, next run, last execution, who saved it; run now, edit, copy, delete. */
export function TaskTable({ tasks, selectedId, editable, onSelect, onRun, canEdit, onEdit, onCopy, onRemove }: TaskTableProps) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  return (
    <Table highlightOnHover verticalSpacing={6} aria-label={t('tasks.title')} data-testid="task-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tasks.columns.name')}</Table.Th>
          <Table.Th>{t('tasks.columns.type')}</Table.Th>
          <Table.Th>{t('tasks.columns.targets')}</Table.Th>
          <Table.Th>{t('tasks.columns.schedule')}</Table.Th>
          <Table.Th>{t('tasks.columns.nextRun')}</Table.Th>
          <Table.Th>{t('tasks.columns.lastRun')}</Table.Th>
          {editable && <Table.Th style={{ textAlign: 'right' }}>{t('tasks.columns.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => {
          const last = task.lastExecution;
          const coreType = CORE_TASK_TYPES.find((type) => type === task.type);
          return (
            <Table.Tr
              key={task.id}
              data-testid="task-row"
              data-task-id={task.id}
              data-next-run={task.nextRunAt ?? ''}
              data-last-state={last?.state ?? ''}
              aria-selected={task.id === selectedId}
              bg={task.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(task.id)}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {task.name}
                  </Text>
                  {!task.enabled && (
                    <Badge size="xs" variant="outline" color="gray">
                      {t('tasks.disabled')}
                    </Badge>
                  )}
                </Group>
                <TaskAuthors task={task} />
              </Table.Td>
              <Table.Td>{coreType ? t(`tasks.types.${coreType}`) : dynamicText(t, `tasks.types.${task.type}`, task.type)}</Table.Td>
              <Table.Td>{task.type === 'discovery' ? <SearchTarget params={task.params} /> : targetsSummary(t, task.targets)}</Table.Td>
              <Table.Td data-testid="task-schedule">{describeSchedule(t, task.schedule, i18n.language)}</Table.Td>
              <Table.Td data-testid="task-next-run">
                {task.nextRunAt === null ? (
                  <Text size="sm" c="dimmed">
                    {t('tasks.noNextRun')}
                  </Text>
                ) : (
                  formatDateTime(task.nextRunAt, i18n.language)
                )}
              </Table.Td>
              <Table.Td>
                {last === null ? (
                  <Text size="sm" c="dimmed">
                    {t('tasks.never')}
                  </Text>
                ) : (
                  <Group gap={6} wrap="nowrap">
                    <Badge size="sm" variant="light" color={EXECUTION_STATE_COLORS[last.state]}>
                      {t(`tasks.executions.states.${last.state}`)}
                    </Badge>
                    <Tooltip label={formatDateTime(last.startedAt ?? last.queuedAt, i18n.language)}>
                      <Text size="xs" c="dimmed">
                        {formatRelativeTime(last.startedAt ?? last.queuedAt, now, i18n.language)}
                      </Text>
                    </Tooltip>
                  </Group>
                )}
              </Table.Td>
              {editable && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap" onClick={(event) => event.stopPropagation()}>
                    <Button size="compact-xs" variant="light" leftSection={<Icon name="play" size={14} />} aria-label={t('tasks.actions.runLabel', { name: task.name })} onClick={() => onRun(task)}>
                      {t('tasks.actions.runNow')}
                    </Button>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('tasks.actions.menu', { name: task.name })}>
                          <Icon name="dots" size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<Icon name="pencil" size={14} />} disabled={!canEdit(task)} onClick={() => onEdit(task)}>
                          {t('tasks.actions.edit')}
                        </Menu.Item>
                        <Menu.Item leftSection={<Icon name="copy" size={14} />} onClick={() => onCopy(task)}>
                          {t('tasks.actions.copy')}
                        </Menu.Item>
                        <Menu.Item leftSection={<Icon name="trash" size={14} />} color="red" onClick={() => onRemove(task)}>
                          {t('tasks.actions.remove')}
                        </Menu.Item>
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
  );
}
