import { Alert, Badge, Button, CloseButton, Group, Paper, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useAddressbookRights, useBooks, useDirectoryConnections } from '../addressbook-api';
import { useAddressbookT, type AddressbookT } from '../addressbook-text';
import { useAddressbookView, type ScheduledFilter } from '../addressbook-view.store';
import { useConsoleLinks } from '../../../ui/console-links';
import { formatDateTime, formatRelativeTime } from '../../../ui/display-format';
import { Icon } from '../../../ui/icons';
import { RowActionIcon } from '../../../ui/row-action-icon';
import { EXECUTION_STATE_COLORS, describeSchedule } from '../../../ui/task-text';
import { targetsSummary } from '../../../ui/target-picker';
import { matchesScheduledFilter, useAddressbookTasks, type AddressbookTask } from './addressbook-tasks';

/**
 * The plug-in's saved tasks: deliveries of a book and directory → devices synchronisations, with
 * what each does, its targets, its schedule in words, next run and last result; edit one in its
 * own dialog, open it in Tasks (executions, run now, copy, delete), schedule a synchronisation.
 * Listed for a book or a connection when the filter says so (their rows' "scheduled" counts).
 */
export function ScheduledPanel() {
  const { tp, t, language } = useAddressbookT();
  const rights = useAddressbookRights();
  const tasks = useAddressbookTasks();
  const books = useBooks();
  const connections = useDirectoryConnections(rights.directories);
  const filter = useAddressbookView((s) => s.scheduledFilter);
  const { showScheduled, openDialog } = useAddressbookView.getState();
  const openTask = useConsoleLinks((s) => s.openTask);
  const all = tasks.data ?? [];
  const shown = all.filter((item) => matchesScheduledFilter(item, filter));
  const bookName = (id: number) => books.data?.find((b) => b.id === id)?.name ?? tp('sync.bookOf', { id });
  const connectionName = (id: number) => connections.data?.find((c) => c.id === id)?.name ?? tp('sync.connectionOf', { id });
  const now = Date.now();
  const canSync = rights.tasks && rights.edit && rights.directories;

  return (
    <Stack gap="sm" data-testid="scheduled-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={760}>
          {tp('scheduled.intro')}
        </Text>
        {canSync && (
          <Button
            size="xs"
            leftSection={<Icon name="history" size={16} />}
            onClick={() => openDialog({ kind: 'sync', connectionId: filter && 'connectionId' in filter ? filter.connectionId : null, bookId: filter && 'bookId' in filter ? filter.bookId : null })}
            style={{ flexShrink: 0 }}
          >
            {tp('sync.open')}
          </Button>
        )}
      </Group>
      {filter && (
        <Group gap="xs" data-testid="scheduled-filter">
          <Badge size="lg" variant="light" tt="none" rightSection={<CloseButton size="xs" variant="transparent" aria-label={tp('scheduled.showAll')} onClick={() => showScheduled(null)} />}>
            {filterText(tp, filter, bookName, connectionName)}
          </Badge>
          <Text size="xs" c="dimmed">
            {tp('scheduled.ofAll', { shown: shown.length, total: all.length })}
          </Text>
        </Group>
      )}
      {tasks.error && (
        <Alert color="red" py={6}>
          {tp('loadFailed', { message: tasks.error.message })}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          {shown.length === 0 ? (
            <Text c="dimmed" p="md" size="sm" data-testid="scheduled-empty">
              {tasks.data === null ? tp('loading') : filter ? tp('scheduled.noneHere') : tp('scheduled.none')}
            </Text>
          ) : (
            <Table verticalSpacing={6} highlightOnHover aria-label={tp('tabs.scheduled')} style={{ minWidth: 1040 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={170}>{tp('scheduled.columns.name')}</Table.Th>
                  <Table.Th>{tp('scheduled.columns.what')}</Table.Th>
                  <Table.Th w={120}>{tp('scheduled.columns.targets')}</Table.Th>
                  <Table.Th w={160}>{tp('scheduled.columns.schedule')}</Table.Th>
                  <Table.Th w={200}>{tp('scheduled.columns.nextRun')}</Table.Th>
                  <Table.Th w={130}>{tp('scheduled.columns.lastRun')}</Table.Th>
                  <Table.Th w={1} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((item) => {
                  const { task } = item;
                  const last = task.lastExecution;
                  return (
                    <Table.Tr key={task.id} data-testid="scheduled-row" data-task-id={task.id} data-kind={item.kind} data-next-run={task.nextRunAt ?? ''} data-last-state={last?.state ?? ''}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                            {task.name}
                          </Text>
                          {!task.enabled && (
                            <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                              {t('tasks.disabled')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={item.kind === 'sync' ? 'grape' : 'teal'} tt="none">
                          {tp(`scheduled.kinds.${item.kind}`)}
                        </Badge>
                        <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere' }}>
                          {item.kind === 'sync' ? tp('scheduled.syncRoute', { connection: connectionName(item.params.connectionId), book: bookName(item.params.bookId) }) : bookName(item.params.bookId)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {item.kind === 'sync'
                            ? tp('scheduled.syncModes', { mode: tp(`import.modes.${item.params.mode}`), delivery: tp(`deliver.modes.${item.params.delivery}`) })
                            : tp('scheduled.deliverModes', { delivery: tp(`deliver.modes.${item.params.mode}`) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{targetsSummary(t, task.targets)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{describeSchedule(t, task.schedule, language)}</Text>
                      </Table.Td>
                      <Table.Td data-testid="scheduled-next-run">
                        {task.nextRunAt === null ? (
                          <Text size="sm" c="dimmed">
                            {t('tasks.noNextRun')}
                          </Text>
                        ) : (
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(task.nextRunAt, language)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {last === null ? (
                          <Text size="sm" c="dimmed">
                            {t('tasks.never')}
                          </Text>
                        ) : (
                          <Stack gap={2} align="flex-start">
                            <Badge size="sm" variant="light" color={EXECUTION_STATE_COLORS[last.state]} tt="none">
                              {t(`tasks.executions.states.${last.state}`)}
                            </Badge>
                            <Tooltip label={formatDateTime(last.startedAt ?? last.queuedAt, language)} withinPortal>
                              <Text size="xs" c="dimmed">
                                {formatRelativeTime(last.startedAt ?? last.queuedAt, now, language)}
                              </Text>
                            </Tooltip>
                          </Stack>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {rights.tasks && (
                            <RowActionIcon label={tp('scheduled.edit', { name: task.name })} icon="pencil" onClick={() => openDialog(dialogOf(item))} />
                          )}
                          {openTask && (
                            <Button size="compact-xs" variant="light" rightSection={<Icon name="right" size={12} />} onClick={() => openTask(task.id)}>
                              {tp('scheduled.openInTasks')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea>
      </Paper>
    </Stack>
  );
}

function dialogOf(item: AddressbookTask) {
  return item.kind === 'sync'
    ? { kind: 'sync' as const, connectionId: item.params.connectionId, bookId: item.params.bookId, task: item.task }
    : { kind: 'deliver' as const, bookId: item.params.bookId, task: item.task };
}

function filterText(tp: AddressbookT, filter: NonNullable<ScheduledFilter>, bookName: (id: number) => string, connectionName: (id: number) => string): string {
  return 'bookId' in filter ? tp('scheduled.ofBook', { name: bookName(filter.bookId) }) : tp('scheduled.ofConnection', { name: connectionName(filter.connectionId) });
}

/** "2 scheduled": a row's count of saved tasks, opening the Scheduled tab for it (nothing when none). */
export function ScheduledCount({ count, filter }: { count: number; filter: NonNullable<ScheduledFilter> }) {
  const { tp } = useAddressbookT();
  if (count === 0) return null;
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="grape"
      leftSection={<Icon name="history" size={12} />}
      onClick={(event) => {
        event.stopPropagation();
        useAddressbookView.getState().showScheduled(filter);
      }}
      data-testid="scheduled-count"
      data-count={count}
      px={4}
    >
      {tp('scheduled.count', { count })}
    </Button>
  );
}
