import { Alert, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { DRIVERS_TASK_KINDS, type QueuePushParamsInput } from '../../../../src-shared/plugins/drivers/queue-push';
import { useRendererApi } from '../../../api/api-context';
import { ExecutionProgress } from '../../../ui/execution-progress';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { useAssociations, useClientGroups, useClients, useDriversRights } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { defaultScheduleDraft, scheduleOf, type ScheduleDraft, type ScheduleProblem } from '../../../ui/schedule-draft';
import { PushScheduleFields, type PushWhen } from './push-schedule';

/**
 * Install / Remove print queue: client PCs and groups, associations, now (followed here with each
 * PC's steps through the shared execution progress) or saved as a task in Tasks: once at a time,
 * or repeating daily, weekly or monthly (the schedule shape of the console's other tasks).
 */
export function PushPanel() {
  const { tp } = useDriversT();
  const rendererApi = useRendererApi();
  const rights = useDriversRights();
  const notify = useNoticeStore((s) => s.notify);
  const clients = useClients(rights.clients);
  const groups = useClientGroups(rights.clients);
  const associations = useAssociations(rights.associations);
  const [action, setAction] = useState<'install' | 'remove'>('install');
  const [clientIds, setClientIds] = useState<string[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [associationIds, setAssociationIds] = useState<string[]>([]);
  const [when, setWhen] = useState<PushWhen>('now');
  const [draft, setDraft] = useState<ScheduleDraft>(() => defaultScheduleDraft(new Date()));
  const [problem, setProblem] = useState<ScheduleProblem | null>(null);
  const [waitMinutes, setWaitMinutes] = useState(10);
  const [executionId, setExecutionId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (): Promise<void> => {
    setError(null);
    if (clientIds.length + groupIds.length === 0 || associationIds.length === 0) return setError(tp('push.choose'));
    const params: QueuePushParamsInput = { clientIds: clientIds.map(Number), clientGroupIds: groupIds.map(Number), associationIds: associationIds.map(Number), waitMinutes };
    const type = action === 'install' ? DRIVERS_TASK_KINDS.installQueue : DRIVERS_TASK_KINDS.removeQueue;
    const queues = (associations.data ?? []).filter((a) => associationIds.includes(String(a.id))).map((a) => a.queueName);
    const name = tp('push.taskName', { action: action === 'install' ? tp('push.install') : tp('push.remove'), queues: queues.join(', ') }).slice(0, 100);
    setBusy(true);
    try {
      if (when === 'now') {
        const started = await rendererApi.api.tasks.run({ name, type, params });
        setExecutionId(started.executionId);
        notify('success', tp('tabs.push'), tp('push.started'));
      } else {
        const checked = scheduleOf({ ...draft, kind: when }, Date.now());
        setProblem(checked.ok ? null : checked.problem);
        if (!checked.ok) return;
        const task = await rendererApi.api.tasks.create({ name, type, params, schedule: checked.schedule });
        notify('success', tp('tabs.push'), tp('push.scheduled', { name: task.name }));
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="drivers-push" maw={900}>
      <Text size="sm" c="dimmed">
        {tp('push.intro')}
      </Text>
      <Paper withBorder radius="md" p="sm">
        <Stack gap="sm">
          <SegmentedControl
            value={action}
            onChange={(v) => setAction(v === 'remove' ? 'remove' : 'install')}
            data={[
              { value: 'install', label: tp('push.install') },
              { value: 'remove', label: tp('push.remove') },
            ]}
            w="fit-content"
          />
          <Group grow align="flex-start">
            <MultiSelect label={tp('push.clients')} data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))} value={clientIds} onChange={setClientIds} searchable limit={100} data-testid="push-clients" />
            <MultiSelect label={tp('push.clientGroups')} data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))} value={groupIds} onChange={setGroupIds} searchable />
          </Group>
          <MultiSelect label={tp('push.associations')} data={(associations.data ?? []).map((a) => ({ value: String(a.id), label: `${a.name} (${a.queueName})` }))} value={associationIds} onChange={setAssociationIds} searchable data-testid="push-associations" />
          <Group align="flex-end" gap="md">
            <PushScheduleFields when={when} draft={draft} problem={problem} onWhen={(w) => (setWhen(w), setProblem(null))} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
            <NumberInput label={tp('push.waitMinutes')} value={waitMinutes} onChange={(v) => setWaitMinutes(typeof v === 'number' ? v : 10)} min={0} max={1440} w={200} />
            <Button onClick={() => void start()} loading={busy} disabled={!rights.tasks} data-testid="push-start">
              {tp('push.run')}
            </Button>
          </Group>
          {error && (
            <Alert color="red" py={6} data-testid="push-error">
              {error}
            </Alert>
          )}
        </Stack>
      </Paper>
      {executionId !== null && <ExecutionProgress key={executionId} executionId={executionId} />}
    </Stack>
  );
}
