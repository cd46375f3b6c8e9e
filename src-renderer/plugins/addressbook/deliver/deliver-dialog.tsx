import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
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
import { defaultScheduleDraft, scheduleOf, type ScheduleDraft, type ScheduleProblem } from './schedule-draft';
import { ScheduleFields } from './schedule-fields';
import { useDeliveryPlan, type Targets } from './use-delivery-plan';

type Phase = { kind: 'plan' } | { kind: 'schedule' } | { kind: 'running'; executionId: number };

/**
 * Delivers a book: devices and groups, append or replace, and the plan per device (network or
 * file hand-off, over-limit counts, missing logins); "Deliver now" runs it as an execution and
 * follows it device by device; "Schedule…" saves it as a task of kind addressbook.deliver.
 */
export function DeliverDialog({ bookId, onClose }: { bookId: number; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const rendererApi = useRendererApi();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const books = useBooks();
  const notify = useNoticeStore((s) => s.notify);
  const book = books.data?.find((b) => b.id === bookId);
  const [targets, setTargets] = useState<Targets>({ deviceIds: [], groupIds: [] });
  const [mode, setMode] = useState<DeliveryMode>('append');
  const [phase, setPhase] = useState<Phase>({ kind: 'plan' });
  const [noTargets, setNoTargets] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [schedule, setSchedule] = useState<ScheduleDraft>(() => defaultScheduleDraft(new Date()));
  const [scheduleProblem, setScheduleProblem] = useState<ScheduleProblem | null>(null);
  const [taskName, setTaskName] = useState('');
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
    const built = scheduleOf(schedule, Date.now());
    if (!built.ok) {
      setScheduleProblem(built.problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const task = await rendererApi.api.tasks.create({
        name: taskName.trim() || tp('deliver.taskName', { name }),
        type: ADDRESSBOOK_TASK_KINDS.deliver,
        params: { bookId, mode },
        targets,
        schedule: built.schedule,
      });
      notify('success', tp('title'), tp('deliver.scheduled', { name: task.name }));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="min(1000px, 96vw)" title={tp('deliver.title', { name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="deliver-dialog" data-phase={phase.kind}>
        {phase.kind === 'plan' && (
          <>
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
                <PlanTable plan={plan.plan} maxHeight="max(140px, calc(100dvh - 440px))" onHandoff={(deviceId) => useAddressbookView.getState().openDialog({ kind: 'handoff', bookId, deviceId })} />
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
            {phase.kind === 'plan' && (
              <Button color="teal" leftSection={<Icon name="play" size={14} />} loading={busy} onClick={() => void deliverNow()} data-testid="deliver-now">
                {tp('deliver.now')}
              </Button>
            )}
            {phase.kind === 'schedule' && (
              <Button loading={busy} onClick={() => void saveSchedule()} data-testid="deliver-save-schedule">
                {tp('deliver.saveSchedule')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
