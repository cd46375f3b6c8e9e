import { Alert, Button, Checkbox, Group, Modal, Paper, Radio, ScrollArea, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MISSED_RUN_POLICIES } from '../../../src-shared/contract/tasks.contract';
import type { SettingId } from '../../../src-shared/settings/settings-catalogue';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { useNoticeStore } from '../../ui/notice.store';
import { formProblemText, serverProblems, type FormProblems } from '../forms/form-problems';
import { targetsSummary } from '../../ui/target-picker';
import { ScheduleEditor } from '../tasks/schedule-editor';
import { describeSchedule } from '../tasks/schedule-text';
import { scheduleOfDraft } from '../tasks/task-form';
import { buildDeliveryInput, deliveryPlaceOfPath, itemsNeedReboot, quietProblems, serverItemProblems, stepOfDeliveryField, type DeliveryField, type DeliveryProblems, type DeliveryStep } from './delivery-form';
import { useDeviceSettingsWizardStore } from './device-settings-wizard.store';
import { ItemsStep } from './items-step';
import { showExecutionOf } from './settings-actions';
import { itemList, itemProblemText } from './settings-texts';
import type { ItemProblems } from './settings-draft';
import { SupportStep } from './support-step';
import { TargetsStep } from './targets-step';

/** A refused save, for the form it was refused for (an edit makes it stale). */
interface SaveFailure {
  form: unknown;
  problems: DeliveryProblems;
}

const STEPS: readonly DeliveryStep[] = [0, 1, 2, 3];

/**
 * The device settings wizard (issue 10): targets (devices and groups); items with check boxes
 * and values grouped like the whitepaper; the support matrix per device with write credentials
 * and "Test authentication"; then reboot after, name and schedule. Saving creates (or updates)
 * a 'deliverSettings' task; run now, its execution opens in Tasks with per-item results.
 */
export function DeviceSettingsWizard() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const { opened, step, form, close, setStep, edit } = useDeviceSettingsWizardStore();
  const canPools = useCan('deviceSettings', 'view');
  const pools = useLiveQuery(rendererApi, async () => (canPools ? (await api.settings.listPools({})).pools : []), []);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const now = Date.now();
  const fallbackName = t('deviceSettings.wizard.defaultName', { items: itemList(t, form.items.chosen, 3) });
  const built = buildDeliveryInput(form, now, fallbackName);
  const found: DeliveryProblems = built.ok ? { fields: {}, items: {} } : quietProblems(built.problems, attempted);
  const refused = failure?.form === form ? failure.problems : { fields: {}, items: {} };
  const problems: DeliveryProblems = { fields: { ...found.fields, ...refused.fields }, items: { ...found.items, ...refused.items } };
  const errorOf = (field: DeliveryField) => formProblemText(t, problems.fields[field]);
  const stepHasProblem = (s: DeliveryStep) =>
    (Object.keys(problems.fields) as DeliveryField[]).some((f) => stepOfDeliveryField(f) === s) || (s === 1 && Object.keys(problems.items).length > 0);
  const scheduleNow = scheduleOfDraft(form.schedule, now);
  const preview = scheduleNow ? describeSchedule(t, scheduleNow, i18n.language) : null;
  const runsNow = form.schedule.kind === 'now';
  const rebootNeeded = itemsNeedReboot(form.items);

  const save = async () => {
    setAttempted(true);
    if (!built.ok) {
      const first = [...(Object.keys(built.problems.fields) as DeliveryField[]).map(stepOfDeliveryField), Object.keys(built.problems.items).length > 0 ? 1 : null]
        .filter((s): s is DeliveryStep => s !== null)
        .sort()[0];
      if (first !== undefined) setStep(first);
      return;
    }
    setBusy(true);
    try {
      const saved = form.id === null ? await api.tasks.create(built.value) : await api.tasks.update({ id: form.id, ...built.value });
      setAttempted(false);
      setFailure(null);
      close();
      // Run now, its execution opens (live, with per-item results); a saved schedule is told in a notice.
      if (runsNow && form.id === null) await showExecutionOf(api, saved.id);
      else notify('success', t('deviceSettings.actionTitle'), t('deviceSettings.wizard.saved', { name: saved.name }));
    } catch (caught) {
      const items = serverItemProblems(caught);
      const fields: FormProblems<DeliveryField> = {};
      const placed = serverProblems(caught, (path) => {
        const place = deliveryPlaceOfPath(path);
        return 'item' in place ? 'items' : place.field;
      }, 'general');
      for (const [field, problem] of Object.entries(placed) as [DeliveryField, NonNullable<FormProblems<DeliveryField>[DeliveryField]>][]) if (field !== 'items' || Object.keys(items).length === 0) fields[field] = problem;
      setFailure({ form, problems: { fields, items } });
      const first = (Object.keys(fields) as DeliveryField[]).map(stepOfDeliveryField).filter((s): s is DeliveryStep => s !== null).sort()[0] ?? (Object.keys(items).length > 0 ? 1 : undefined);
      if (first !== undefined) setStep(first);
    } finally {
      setBusy(false);
    }
  };

  const general = errorOf('general') ?? (attempted && !built.ok ? t('forms.notSaved') : null);
  const itemsError = errorOf('items') ?? (problems.fields.items ? t('deviceSettings.wizard.noItems') : null);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={form.id === null ? t('deviceSettings.wizard.createTitle') : t('deviceSettings.wizard.editTitle')}
      size="min(1080px, 96vw)"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="device-settings-wizard"
    >
      <Stepper active={step} onStepClick={(index) => setStep(STEPS[index] ?? 0)} size="xs" mb="sm">
        <Stepper.Step label={t('deviceSettings.wizard.steps.targets')} description={t('deviceSettings.wizard.steps.targetsHint')} color={stepHasProblem(0) ? 'red' : undefined} />
        <Stepper.Step label={t('deviceSettings.wizard.steps.items')} description={t('deviceSettings.wizard.steps.itemsHint')} color={stepHasProblem(1) ? 'red' : undefined} />
        <Stepper.Step label={t('deviceSettings.wizard.steps.devices')} description={t('deviceSettings.wizard.steps.devicesHint')} />
        <Stepper.Step label={t('deviceSettings.wizard.steps.schedule')} description={t('deviceSettings.wizard.steps.scheduleHint')} color={stepHasProblem(3) ? 'red' : undefined} />
      </Stepper>
      {step === 1 && <ItemsStep items={form.items} onChange={(items) => edit(() => ({ items }))} problems={problems.items} pools={pools.data} error={itemsError} />}
      <ScrollArea.Autosize mah="calc(100dvh - 290px)" offsetScrollbars type="auto" display={step === 1 ? 'none' : undefined}>
        {step === 0 && (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('deviceSettings.wizard.targetsIntro')}
            </Text>
            <TargetsStep deviceIds={form.deviceIds} groupIds={form.groupIds} onChange={(change) => edit(() => change)} error={errorOf('targets')} />
          </Stack>
        )}
        {step === 2 &&
          (form.items.chosen.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('deviceSettings.wizard.noItems')}
            </Alert>
          ) : (
            <SupportStep key={JSON.stringify([form.deviceIds, form.groupIds, form.items.chosen])} deviceIds={form.deviceIds} groupIds={form.groupIds} items={form.items.chosen} />
          ))}
        {step === 3 && (
          <Stack gap="md">
            <Paper withBorder radius="sm" p="xs" data-testid="delivery-summary">
              <Text size="sm">
                {t('deviceSettings.wizard.summary', { items: itemList(t, form.items.chosen, 4), targets: targetsSummary(t, form) })}
              </Text>
              <ChosenProblems problems={problems.items} />
            </Paper>
            <TextInput
              label={t('deviceSettings.wizard.name')}
              description={t('deviceSettings.wizard.nameHint')}
              placeholder={fallbackName}
              value={form.name}
              onChange={(event) => {
                const name = event.currentTarget.value;
                edit(() => ({ name }));
              }}
              error={errorOf('name')}
            />
            <Stack gap={4}>
              <Checkbox
                label={t('deviceSettings.wizard.reboot')}
                description={t('deviceSettings.wizard.rebootHint')}
                checked={form.reboot}
                onChange={(event) => {
                  const reboot = event.currentTarget.checked;
                  edit(() => ({ reboot }));
                }}
              />
              {rebootNeeded && !form.reboot && (
                <Alert color="orange" variant="light" py={6} data-testid="reboot-needed">
                  {t('deviceSettings.wizard.rebootNeeded')}
                </Alert>
              )}
            </Stack>
            <ScheduleEditor schedule={form.schedule} onChange={(change) => edit((f) => ({ schedule: { ...f.schedule, ...change } }))} errorOf={errorOf} preview={preview} />
            {form.schedule.kind !== 'now' && form.schedule.kind !== 'once' && (
              <Radio.Group label={t('schedule.missed')} value={form.missedRunPolicy} onChange={(value) => edit(() => ({ missedRunPolicy: MISSED_RUN_POLICIES.find((p) => p === value) ?? 'run-once' }))}>
                <Group gap="lg" mt={4}>
                  {MISSED_RUN_POLICIES.map((policy) => (
                    <Radio key={policy} value={policy} label={t(`schedule.missedPolicies.${policy}`)} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          </Stack>
        )}
      </ScrollArea.Autosize>
      {general !== null && (
        <Alert color="red" mt="sm" py={6} role="alert" data-testid="device-settings-error">
          {general}
        </Alert>
      )}
      <Group justify="space-between" mt="sm" gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed" truncate>
          {form.items.chosen.length > 0 && step !== 3 ? t('deviceSettings.wizard.summary', { items: itemList(t, form.items.chosen, 2), targets: targetsSummary(t, form) }) : ''}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {step > 0 && (
            <Button variant="default" onClick={() => setStep(STEPS[step - 1] ?? 0)}>
              {t('tasks.wizard.back')}
            </Button>
          )}
          {step < 3 && (
            <Button variant={step === 2 ? 'filled' : 'default'} onClick={() => setStep(STEPS[step + 1] ?? 3)}>
              {t('tasks.wizard.next')}
            </Button>
          )}
          {(step === 3 || form.id !== null) && (
            <Button loading={busy} onClick={() => void save()} data-testid="device-settings-save">
              {form.id !== null ? t('tasks.wizard.save') : runsNow ? t('deviceSettings.wizard.deliverNow') : t('deviceSettings.wizard.saveTask')}
            </Button>
          )}
        </Group>
      </Group>
    </Modal>
  );
}

/** On the last step, the items whose values still have problems (so a save refused for them is explained there too). */
function ChosenProblems({ problems }: { problems: ItemProblems }) {
  const { t } = useTranslation();
  const entries = Object.entries(problems) as [SettingId, NonNullable<ItemProblems[SettingId]>][];
  if (entries.length === 0) return null;
  return (
    <Stack gap={2} mt={4}>
      {entries.map(([id, problem]) => (
        <Text key={id} size="xs" c="red">
          {itemList(t, [id])}: {itemProblemText(t, problem)}
        </Text>
      ))}
    </Stack>
  );
}
