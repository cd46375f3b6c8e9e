import { Alert, Button, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { useDeviceSettingsWizardStore } from '../device-settings/device-settings-wizard.store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { provideTaskLink } from '../../ui/console-links';
import { ExecutionDrawer } from './execution-drawer';
import { ExecutionsTable } from './executions-table';
import { PluginTaskEditorHost, usePluginTaskEditable } from './plugin-task-editor-host';
import { TaskTable } from './task-table';
import { TaskWizard } from './task-wizard';
import { openTaskInTasks } from './task-links';
import { useExecutionViewStore, useTaskWizardStore } from './task-wizard.store';

// Plug-ins link to a task here through ui/ (they cannot import this feature); the layout loads this module at start.
provideTaskLink(openTaskInTasks);

/** The core's types the console edits: the task wizard, or the settings wizard for a delivery. */
const CORE_EDITABLE: readonly string[] = ['refresh', 'discovery', 'deliverSettings'];

/** Executions listed at once (the store keeps 200 per task). */
const EXECUTIONS_SHOWN = 200;

/** The Tasks section: saved tasks with their actions (for who may change tasks), and executions (of the task picked, or all) with live progress. */
export function TasksPage() {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const editable = useCan('tasks', 'change');
  const taskId = useExecutionViewStore((s) => s.taskId);
  const openExecutionId = useExecutionViewStore((s) => s.openExecutionId);
  const { showTask, openExecution } = useExecutionViewStore.getState();
  const tasks = useLiveQuery(rendererApi, async () => (await api.tasks.list({})).tasks, ['tasks.changed', 'task.progress']);
  const executions = useLiveQuery(
    rendererApi,
    async () => (await api.tasks.listExecutions(taskId === null ? { limit: EXECUTIONS_SHOWN } : { taskId, limit: EXECUTIONS_SHOWN })).executions,
    ['task.progress', 'tasks.changed'],
  );
  const reloadExecutions = executions.reload;
  const [removing, setRemoving] = useState<Task | null>(null);
  // A plug-in's task is edited in the plug-in's own dialog, which knows its params.
  const [pluginEditing, setPluginEditing] = useState<Task | null>(null);
  const pluginEditable = usePluginTaskEditable();
  const list = tasks.data ?? [];
  const shownTask = list.find((task) => task.id === taskId) ?? null;

  const act = async (action: () => Promise<string>) => {
    try {
      notify('success', t('tasks.doneTitle'), await action());
    } catch (caught) {
      notify('error', t('tasks.doneTitle'), errorMessage(caught));
    }
  };
  const run = (task: Task) =>
    void act(async () => {
      await api.tasks.runNow({ id: task.id });
      showTask(task.id);
      reloadExecutions();
      return t('tasks.runStarted', { name: task.name });
    });
  const edit = (task: Task) => {
    if (task.type === 'deliverSettings') useDeviceSettingsWizardStore.getState().openEdit(task);
    else if (pluginEditable(task)) setPluginEditing(task);
    else useTaskWizardStore.getState().openEdit(task);
  };
  const copy = (task: Task) => void act(async () => t('tasks.copied', { name: (await api.tasks.copy({ id: task.id })).name }));

  return (
    <ScrollArea style={{ flex: 1 }} type="auto">
      <Stack gap="md" p="md" data-testid="tasks-page">
        <Group justify="space-between">
          <Title order={3}>{t('tasks.title')}</Title>
          {editable && (
            <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => useTaskWizardStore.getState().openNew()}>
              {t('tasks.new')}
            </Button>
          )}
        </Group>
        {tasks.error && <Alert color="red">{t('forms.loadFailed', { message: tasks.error.message })}</Alert>}
        <Paper withBorder radius="md" p={0} style={{ overflowX: 'auto' }}>
          {list.length === 0 ? (
            <Text c="dimmed" p="md" size="sm">
              {tasks.data === null ? t('forms.loading') : t('tasks.empty')}
            </Text>
          ) : (
            <TaskTable
              tasks={list}
              selectedId={taskId}
              editable={editable}
              onSelect={(id) => showTask(id === taskId ? null : id)}
              onRun={run}
              canEdit={(task) => CORE_EDITABLE.includes(task.type) || pluginEditable(task)}
              onEdit={edit}
              onCopy={copy}
              onRemove={setRemoving}
            />
          )}
        </Paper>
        <Group justify="space-between">
          <Title order={4}>{shownTask ? t('tasks.executions.ofTask', { name: shownTask.name }) : t('tasks.executions.title')}</Title>
          {taskId !== null && (
            <Button size="xs" variant="subtle" onClick={() => showTask(null)}>
              {t('tasks.executions.showAll')}
            </Button>
          )}
        </Group>
        {executions.error && <Alert color="red">{t('forms.loadFailed', { message: executions.error.message })}</Alert>}
        <ExecutionsTable
          executions={executions.data ?? []}
          selectedId={openExecutionId}
          cancellable={editable}
          onOpen={(execution) => openExecution(execution.id)}
          onCancel={(execution) => void api.tasks.cancel({ executionId: execution.id }).catch((caught: unknown) => notify('error', t('tasks.executions.cancelFailed'), errorMessage(caught)))}
          empty={executions.data === null ? t('forms.loading') : t('tasks.executions.empty')}
        />
      </Stack>
      <TaskWizard />
      {pluginEditing && <PluginTaskEditorHost key={pluginEditing.id} task={pluginEditing} onClose={() => setPluginEditing(null)} />}
      <ExecutionDrawer />
      <ConfirmDialog
        request={removing && { title: t('tasks.confirmRemove.title'), body: t('tasks.confirmRemove.body', { name: removing.name }), confirm: t('forms.confirmDelete') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { id, name } = removing;
          await act(async () => {
            await api.tasks.remove({ id });
            if (taskId === id) showTask(null);
            return t('tasks.removed', { name });
          });
        }}
      />
    </ScrollArea>
  );
}
