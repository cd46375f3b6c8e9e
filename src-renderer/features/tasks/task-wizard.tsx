import { Alert, Button, Divider, Group, Modal, Radio, ScrollArea, Stack, Stepper, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MISSED_RUN_POLICIES } from '../../../src-shared/contract/tasks.contract';
import { useRendererApi } from '../../api/api-context';
import { useNoticeStore } from '../../ui/notice.store';
import type { DiscoveryForm, FieldId } from '../discovery/discovery-form';
import { problemText } from '../discovery/discovery-texts';
import { visibleProblems, type FieldProblems } from '../discovery/discovery-validation';
import { MethodsStep } from '../discovery/methods-step';
import { OptionsStep } from '../discovery/options-step';
import { useDiscoveryCheck } from '../discovery/use-discovery-check';
import { formProblemText, serverProblems, shownProblems, type FormProblems } from '../forms/form-problems';
import { TargetPicker } from '../../ui/target-picker';
import { ScheduleEditor } from './schedule-editor';
import { searchSummaryOf } from './discovery-params';
import { describeSchedule } from './schedule-text';
import { WizardSearchTarget } from './search-target';
import { buildTaskInput, scheduleOfDraft, stepOfTaskField, TASK_TYPES, taskFieldOfPath, type TaskField } from './task-form';
import { useTaskWizardStore, type WizardStep } from './task-wizard.store';

/** A refused save, for the form it was refused for (an edit makes it stale). */
interface SaveFailure {
  form: unknown;
  problems: FormProblems<TaskField>;
}

/**
 * The task wizard: the task (name, type, targets), a search's methods and options (the discovery
 * wizard's own steps), and the schedule with missed-run policy and result mail. Save checks the
 * whole form and shows each problem under its field, on its step.
 */
export function TaskWizard() {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const { opened, step, form, close, setStep, edit } = useTaskWizardStore();
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const search = form.type === 'discovery';
  const { built: searchBuilt, check } = useDiscoveryCheck(form.discovery, opened && search);

  const now = Date.now();
  const built = buildTaskInput(form, now);
  const problems: FormProblems<TaskField> = { ...(built.ok ? {} : shownProblems(built.problems, attempted)), ...(failure?.form === form ? failure.problems : {}) };
  const errorOf = (field: TaskField) => formProblemText(t, problems[field]);
  const searchProblems: FieldProblems = searchBuilt.ok ? (check.kind === 'refused' ? check.problems : {}) : visibleProblems(searchBuilt.problems, attempted);
  const searchErrorOf = (field: FieldId) => problemText(t, searchProblems[field]);
  const editDiscovery = (change: (current: DiscoveryForm) => Partial<DiscoveryForm>) => edit((f) => ({ discovery: { ...f.discovery, ...change(f.discovery) } }));
  const scheduleNow = scheduleOfDraft(form.schedule, now);
  const preview = scheduleNow ? describeSchedule(t, scheduleNow, i18n.language) : null;

  const steps: WizardStep[] = search ? [0, 1, 2] : [0, 2];
  const active = Math.max(0, steps.indexOf(step));
  const stepHasProblem = (s: WizardStep) => (Object.keys(problems) as TaskField[]).some((f) => f !== 'general' && stepOfTaskField(f) === s) || (s === 1 && Object.keys(searchProblems).length > 0);

  const save = async () => {
    setAttempted(true);
    if (!built.ok) {
      const first = (Object.keys(built.problems) as TaskField[]).map(stepOfTaskField).sort()[0];
      if (first !== undefined) setStep(first);
      return;
    }
    setBusy(true);
    try {
      const saved = form.id === null ? await api.tasks.create(built.value) : await api.tasks.update({ id: form.id, ...built.value });
      notify('success', t('tasks.doneTitle'), t('tasks.saved', { name: saved.name }));
      setAttempted(false);
      setFailure(null);
      close();
    } catch (caught) {
      const refused = serverProblems(caught, taskFieldOfPath, 'general');
      setFailure({ form, problems: refused });
      const first = (Object.keys(refused) as TaskField[]).filter((f) => f !== 'general').map(stepOfTaskField).sort()[0];
      if (first !== undefined) setStep(first);
    } finally {
      setBusy(false);
    }
  };

  const general = errorOf('general') ?? (attempted && Object.keys(problems).length > 0 ? t('forms.notSaved') : null);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={form.id === null ? t('tasks.wizard.createTitle') : t('tasks.wizard.editTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="task-wizard"
    >
      <Stepper active={active} onStepClick={(index) => setStep(steps[index] ?? 0)} size="sm" mb="md">
        <Stepper.Step label={t('tasks.wizard.steps.general')} description={t('tasks.wizard.steps.generalHint')} color={stepHasProblem(0) ? 'red' : undefined} />
        {search && <Stepper.Step label={t('tasks.wizard.steps.search')} description={t('tasks.wizard.steps.searchHint')} color={stepHasProblem(1) ? 'red' : undefined} />}
        <Stepper.Step label={t('tasks.wizard.steps.schedule')} description={t('tasks.wizard.steps.scheduleHint')} color={stepHasProblem(2) ? 'red' : undefined} />
      </Stepper>
      <ScrollArea.Autosize mah="calc(100dvh - 320px)" offsetScrollbars type="auto">
        {step === 0 && (
          <Stack gap="sm">
            <TextInput label={t('tasks.wizard.name')} value={form.name} onChange={(event) => { const name = event.currentTarget.value; edit(() => ({ name })); }} error={errorOf('name')} data-autofocus />
            <Radio.Group label={t('tasks.wizard.type')} value={form.type} onChange={(value) => edit(() => ({ type: TASK_TYPES.find((type) => type === value) ?? 'refresh' }))}>
              <Stack gap={6} mt={4}>
                {TASK_TYPES.map((type) => (
                  <Radio key={type} value={type} label={t(`tasks.types.${type}`)} description={t(`tasks.wizard.typeHints.${type}`)} />
                ))}
              </Stack>
            </Radio.Group>
            {search ? (
              <WizardSearchTarget summary={searchBuilt.ok ? searchSummaryOf(searchBuilt.request) : null} onEdit={() => setStep(1)} />
            ) : (
              <TargetPicker deviceIds={form.deviceIds} groupIds={form.groupIds} onChange={(change) => edit(() => change)} error={errorOf('targets')} />
            )}
          </Stack>
        )}
        {step === 1 && search && (
          <Stack gap="sm">
            <MethodsStep form={form.discovery} edit={editDiscovery} errorOf={searchErrorOf} />
            <Divider />
            <OptionsStep form={form.discovery} edit={editDiscovery} errorOf={searchErrorOf} />
          </Stack>
        )}
        {step === 2 && (
          <Stack gap="md">
            <ScheduleEditor schedule={form.schedule} onChange={(change) => edit((f) => ({ schedule: { ...f.schedule, ...change } }))} errorOf={errorOf} preview={preview} />
            <Radio.Group label={t('schedule.missed')} value={form.missedRunPolicy} onChange={(value) => edit(() => ({ missedRunPolicy: MISSED_RUN_POLICIES.find((p) => p === value) ?? 'run-once' }))}>
              <Group gap="lg" mt={4}>
                {MISSED_RUN_POLICIES.map((policy) => (
                  <Radio key={policy} value={policy} label={t(`schedule.missedPolicies.${policy}`)} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput label={t('tasks.wizard.mailTo')} description={t('tasks.wizard.mailToHint')} placeholder="ops@example.com" value={form.mailTo} onChange={(event) => { const mailTo = event.currentTarget.value; edit(() => ({ mailTo })); }} error={errorOf('mailTo')} />
            <Switch label={t('tasks.wizard.enabled')} description={t('tasks.wizard.enabledHint')} checked={form.enabled} onChange={(event) => { const enabled = event.currentTarget.checked; edit(() => ({ enabled })); }} />
          </Stack>
        )}
      </ScrollArea.Autosize>
      {general !== null && (
        <Alert color="red" mt="md" py={6} role="alert" data-testid="task-wizard-error">
          <span style={{ whiteSpace: 'pre-wrap' }}>{problems.params && step !== 1 ? `${general}\n${t('tasks.wizard.searchInvalid')}` : general}</span>
        </Alert>
      )}
      <Group justify="flex-end" mt="md" gap="xs" wrap="nowrap">
        {active > 0 && (
          <Button variant="default" onClick={() => setStep(steps[active - 1] ?? 0)}>
            {t('tasks.wizard.back')}
          </Button>
        )}
        {active < steps.length - 1 && (
          <Button variant="default" onClick={() => setStep(steps[active + 1] ?? 2)}>
            {t('tasks.wizard.next')}
          </Button>
        )}
        <Button loading={busy} onClick={() => void save()}>
          {t('tasks.wizard.save')}
        </Button>
      </Group>
    </Modal>
  );
}
