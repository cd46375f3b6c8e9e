import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Task } from '../../../../src-shared/contract/tasks.contract';
import { ADDRESSBOOK_TASK_KINDS, DELIVERY_MODES, type DeliveryMode } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useRendererApi } from '../../../api/api-context';
import { ExecutionProgress } from '../../../ui/execution-progress';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { TargetPicker } from '../../../ui/target-picker';
import { useAddressbookApi, useAddressbookRights, useBooks } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { PlanTable, planSummary } from './plan-table';
import type { DeliverParams } from '../scheduled/addressbook-tasks';
import { defaultScheduleDraft, scheduleDraftOf, scheduleOf, type ScheduleDraft, type ScheduleProblem } from '../../../ui/schedule-draft';
import { ScheduleFields } from './schedule-fields';
import { useDeliveryPlan, type Targets } from './use-delivery-plan';

type Phase = { kind: 'plan' } | { kind: 'schedule' } | { kind: 'running'; executionId: number };

/**
 * Delivers a book: devices and groups, append or replace, and the plan per device (network or
 * file hand-off, over-limit counts, missing logins); "Deliver now" runs it as an execution and
 * follows it device by device; "Schedule…" saves it as a task of kind addressbook.deliver.
 * With `editing`, a saved delivery (from the Scheduled tab or Tasks): its book, targets, mode,
 * name and schedule, saved with tasks.update; nothing is delivered from here then.
 */
export function DeliverDialog({ bookId: openedBookId, editing, onClose }: { bookId: number; editing?: { task: Task; params: DeliverParams }; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const books = useBooks();
  const notify = useNoticeStore((s) => s.notify);
  const [bookId, setBookId] = useState(editing?.params.bookId ?? openedBookId);
  const book = books.data?.find((b) => b.id === bookId);
  const [targets, setTargets] = useState<Targets>(() => (editing ? { deviceIds: [...editing.task.targets.deviceIds], groupIds: [...editing.task.targets.groupIds] } : { deviceIds: [], groupIds: [] }));
  const [mode, setMode] = useState<DeliveryMode>(editing?.params.mode ?? 'append');
  const [phase, setPhase] = useState<Phase>({ kind: 'plan' });
  const [noTargets, setNoTargets] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [initialSchedule] = useState<ScheduleDraft>(() => (editing ? scheduleDraftOf(editing.task.schedule, new Date()) : defaultScheduleDraft(new Date())));
  const [schedule, setSchedule] = useState<ScheduleDraft>(initialSchedule);
  const [scheduleProblem, setScheduleProblem] = useState<ScheduleProblem | null>(null);
  const [taskName, setTaskName] = useState(editing?.task.name ?? '');
  const [enabled, setEnabled] = useState(editing?.task.enabled ?? true);
  const plan = useDeliveryPlan(bookId, targets);
  const hasTargets = targets.deviceIds.length > 0 || targets.groupIds.length > 0;
  const name = book?.name ?? '';
  // Devices without a remote address book service get the book as a file: offered once the delivery runs.
  const handoffs = (plan.plan ?? []).filter((device) => device.adapter === null);

  const deliverNow = async () => {
    if (!hasTargets) {
      setNoTargets(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { executionId } = await api.books.deliver({ bookId, targets, mode });
      setPhase({ kind: 'running', executionId });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const saveSchedule = async () => {
    // An edit that leaves the schedule alone keeps it as saved (a past "once" included).
    const scheduleUnchanged = editing !== undefined && JSON.stringify(schedule) === JSON.stringify(initialSchedule);
    const built = scheduleOf(scheduleUnchanged ? { ...schedule, kind: 'kept', kept: editing.task.schedule } : schedule, Date.now());
    if (!built.ok) {
      setScheduleProblem(built.problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const fields = { name: taskName.trim() || tp('deliver.taskName', { name }), params: { bookId, mode }, targets };
      const task = editing
        ? await rendererApi.api.tasks.update({ id: editing.task.id, ...fields, enabled, ...(scheduleUnchanged ? {} : { schedule: built.schedule }) })
        : await rendererApi.api.tasks.create({ ...fields, type: ADDRESSBOOK_TASK_KINDS.deliver, schedule: built.schedule });
      notify('success', tp('title'), tp(editing ? 'deliver.saved' : 'deliver.scheduled', { name: task.name }));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="min(1000px, 96vw)" title={editing ? tp('deliver.editTitle', { name: editing.task.name }) : tp('deliver.title', { name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="deliver-dialog" data-phase={phase.kind} data-task-id={editing?.task.id ?? ''}>
        {phase.kind === 'plan' && (
          <>
            {editing && (
              <Select
                label={tp('deliver.book')}
                data={[...(books.data ?? []).map((b) => ({ value: String(b.id), label: b.name })), ...(books.data !== null && !book ? [{ value: String(bookId), label: tp('sync.bookOf', { id: bookId }) }] : [])]}
                value={String(bookId)}
                onChange={(value) => value !== null && setBookId(Number(value))}
                allowDeselect={false}
                searchable
                comboboxProps={{ withinPortal: true }}
                maw={480}
                data-testid="deliver-book"
              />
            )}
            <TargetPicker
              deviceIds={targets.deviceIds}
              groupIds={targets.groupIds}
              onChange={(change) => {
                setTargets((current) => ({ ...current, ...change }));
                setNoTargets(false);
              }}
              error={noTargets ? t('forms.errors.noTargets') : null}
              layout="row"
            />
            <Group gap="sm" wrap="nowrap" align="center">
              <Text size="sm" fw={500} style={{ flexShrink: 0 }}>
                {tp('deliver.mode')}
              </Text>
              <SegmentedControl size="xs" value={mode} onChange={(value) => setMode(DELIVERY_MODES.find((m) => m === value) ?? 'append')} data={DELIVERY_MODES.map((m) => ({ value: m, label: tp(`deliver.modes.${m}`) }))} style={{ flexShrink: 0 }} />
              <Text size="xs" c={mode === 'replace' ? 'orange' : 'dimmed'} data-testid="deliver-mode-hint">
                {tp(`deliver.modeHints.${mode}`)}
              </Text>
            </Group>
            <Stack gap={6}>
              <Group justify="space-between">
                <Text size="sm" fw={500}>
                  {tp('plan.title')}
                </Text>
                {plan.plan && (
                  <Text size="xs" c="dimmed" data-testid="plan-summary">
                    {planSummary(tp, plan.plan)}
                  </Text>
                )}
              </Group>
              {plan.error && (
                <Alert color="red" py={6}>
                  {plan.error}
                </Alert>
              )}
              {!hasTargets ? (
                <Text size="sm" c="dimmed">
                  {tp('plan.pickTargets')}
                </Text>
              ) : plan.plan === null ? (
                <Text size="sm" c="dimmed">
                  {tp('loading')}
                </Text>
              ) : plan.plan.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {tp('plan.noDevices')}
                </Text>
              ) : (
                <PlanTable
                  plan={plan.plan}
                  maxHeight={editing ? 'max(140px, calc(100dvh - 520px))' : 'max(140px, calc(100dvh - 440px))'}
                  // A saved delivery is edited, not run: the file hand-off is offered when it is delivered.
                  onHandoff={editing ? undefined : (deviceId) => useAddressbookView.getState().openDialog({ kind: 'handoff', bookId, deviceId })}
                />
              )}
            </Stack>
          </>
        )}

        {phase.kind === 'schedule' && (
          <Stack gap="sm" data-testid="deliver-schedule">
            <Text size="sm" c="dimmed">
              {tp('deliver.scheduleIntro')}
            </Text>
            <TextInput label={tp('deliver.taskNameLabel')} placeholder={tp('deliver.taskName', { name })} value={taskName} onChange={(event) => setTaskName(event.currentTarget.value)} maxLength={120} />
            {editing && <Switch label={t('tasks.wizard.enabled')} description={t('tasks.wizard.enabledHint')} checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />}
            <ScheduleFields
              draft={schedule}
              onChange={(patch) => {
                setSchedule((current) => ({ ...current, ...patch }));
                setScheduleProblem(null);
              }}
              problem={scheduleProblem}
            />
          </Stack>
        )}

        {phase.kind === 'running' && (
          <Stack gap="sm">
            <Text size="sm">{tp('deliver.running', { name, mode: tp(`deliver.modes.${mode}`) })}</Text>
            <ExecutionProgress executionId={phase.executionId} onFinished={() => books.reload()} />
            {handoffs.length > 0 && (
              <Stack gap={4} data-testid="deliver-handoffs">
                <Text size="sm">{tp('deliver.handoffs', { count: handoffs.length })}</Text>
                <Group gap="xs">
                  {handoffs.map((device) => (
                    <Button key={device.deviceId} size="compact-sm" variant="light" leftSection={<Icon name="download" size={14} />} onClick={() => useAddressbookView.getState().openDialog({ kind: 'handoff', bookId, deviceId: device.deviceId })}>
                      {device.label}
                    </Button>
                  ))}
                </Group>
              </Stack>
            )}
          </Stack>
        )}

        {error && (
          <Alert color="red" py={6} role="alert" data-testid="deliver-error">
            {error}
          </Alert>
        )}

        <Group justify="space-between">
          <div>
            {phase.kind === 'schedule' && (
              <Button variant="default" onClick={() => setPhase({ kind: 'plan' })}>
                {tp('deliver.back')}
              </Button>
            )}
          </div>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {phase.kind === 'running' ? t('common.close') : t('common.cancel')}
            </Button>
            {phase.kind === 'plan' && rights.tasks && (
              <Button variant="default" leftSection={<Icon name="history" size={16} />} disabled={!hasTargets} onClick={() => setPhase({ kind: 'schedule' })}>
                {tp('deliver.schedule')}
              </Button>
            )}
            {phase.kind === 'plan' && !editing && (
              <Button color="teal" leftSection={<Icon name="play" size={14} />} loading={busy} onClick={() => void deliverNow()} data-testid="deliver-now">
                {tp('deliver.now')}
              </Button>
            )}
            {phase.kind === 'schedule' && (
              <Button loading={busy} onClick={() => void saveSchedule()} data-testid="deliver-save-schedule">
                {editing ? tp('sync.saveChanges') : tp('deliver.saveSchedule')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
