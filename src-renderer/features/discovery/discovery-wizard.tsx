import { Alert, Button, Group, Loader, Modal, ScrollArea, Stepper, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useCan } from '../../api/session-context';
import { useSectionStore } from '../../app/section.store';
import { searchSummaryOf } from '../tasks/discovery-params';
import { searchTargetText } from '../tasks/discovery-params';
import { useTaskWizardStore } from '../tasks/task-wizard.store';
import { Icon } from '../../ui/icons';
import { stepOfField, type DiscoveryForm, type FieldId } from './discovery-form';
import { useDiscoveryRunStore } from './discovery-run.store';
import { problemText } from './discovery-texts';
import { problemsOfError, visibleProblems, type FieldProblems } from './discovery-validation';
import { useDiscoveryWizardStore } from './discovery-wizard.store';
import { MethodsStep } from './methods-step';
import { OptionsStep } from './options-step';
import { useDiscoveryCheck, type CheckState } from './use-discovery-check';

/** What a refused start said, for the form it was refused for (an edit makes it stale). */
interface StartFailure {
  form: DiscoveryForm;
  problems: FieldProblems;
}

/** The wizard step holding the first field with a problem; null when only 'general' has one. */
function firstStepWithProblem(problems: FieldProblems): 0 | 1 | null {
  const fields = (Object.keys(problems) as FieldId[]).filter((f) => f !== 'general');
  if (fields.length === 0) return null;
  return fields.some((f) => stepOfField(f) === 0) ? 0 : 1;
}

/**
 * The search wizard: methods, options, run now. The form is checked as it is typed (the count of
 * addresses, or the bad field); "Run now" starts the search, or shows why not next to the field
 * concerned and starts nothing.
 */
export function DiscoveryWizard() {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { opened, step, form, close, setStep, edit, reset } = useDiscoveryWizardStore();
  const { built, check } = useDiscoveryCheck(form, opened);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<StartFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  // Bumped when a run is refused: the first marked field is then brought into view and focused.
  const [revealTick, setRevealTick] = useState(0);
  useEffect(() => {
    if (revealTick === 0) return;
    const frame = requestAnimationFrame(() => {
      const marked = bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
      marked?.scrollIntoView({ block: 'center' });
      if (marked?.matches('input, textarea, select')) marked.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [revealTick, step]);

  const checked: FieldProblems = built.ok ? (check.kind === 'refused' ? check.problems : {}) : visibleProblems(built.problems, attempted);
  const problems: FieldProblems = { ...checked, ...(failure?.form === form ? failure.problems : {}) };
  const errorOf = (field: FieldId) => problemText(t, problems[field]);
  const stepHasProblem = (index: 0 | 1) => (Object.keys(problems) as FieldId[]).some((f) => f !== 'general' && stepOfField(f) === index);

  const run = async () => {
    setAttempted(true);
    if (!built.ok) {
      setStep(firstStepWithProblem(built.problems) ?? step);
      setRevealTick((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const { runId } = await api.discovery.start({ request: built.request });
      useDiscoveryRunStore.getState().started(runId);
      setAttempted(false);
      setFailure(null);
      close();
    } catch (caught) {
      const refused = problemsOfError(caught, built.kinds);
      setFailure({ form, problems: refused });
      const target = firstStepWithProblem(refused);
      if (target !== null) setStep(target);
      setRevealTick((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const canSchedule = useCan('tasks', 'change');
  // "Save as task": the same methods and options, every value, as a new search task in Tasks.
  const schedule = () => {
    const summary = built.ok ? searchSummaryOf(built.request) : null;
    const what = summary ? searchTargetText(t, summary) : '';
    const name = form.name.trim() || t('discovery.actions.taskName', { what }).slice(0, 120).trim();
    useTaskWizardStore.getState().openFromSearch(form, name, built.ok);
    close();
    useSectionStore.getState().show('tasks');
  };

  const general = errorOf('general') ?? (attempted && Object.keys(problems).length > 0 ? t('discovery.errors.notStarted') : null);
  return (
    <Modal opened={opened} onClose={close} title={t('discovery.wizardTitle')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="discovery-wizard">
      <Stepper active={step} onStepClick={(index) => setStep(index === 0 ? 0 : 1)} size="sm" mb="md">
        <Stepper.Step label={t('discovery.steps.methods')} description={t('discovery.steps.methodsHint')} color={stepHasProblem(0) ? 'red' : undefined} />
        <Stepper.Step label={t('discovery.steps.options')} description={t('discovery.steps.optionsHint')} color={stepHasProblem(1) ? 'red' : undefined} />
      </Stepper>
      <ScrollArea.Autosize mah="calc(100dvh - 320px)" offsetScrollbars type="auto">
        <div ref={bodyRef}>{step === 0 ? <MethodsStep form={form} edit={edit} errorOf={errorOf} /> : <OptionsStep form={form} edit={edit} errorOf={errorOf} />}</div>
      </ScrollArea.Autosize>
      {general !== null && (
        <Alert color="red" mt="md" py={6} role="alert" data-testid="discovery-general-error">
          <span style={{ whiteSpace: 'pre-wrap' }}>{general}</span>
        </Alert>
      )}
      <Group justify="space-between" mt="md" wrap="nowrap">
        <CheckSummary check={check} />
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              reset();
              setAttempted(false);
              setFailure(null);
            }}
          >
            {t('discovery.actions.reset')}
          </Button>
          {canSchedule && (
            <Tooltip label={t('discovery.actions.scheduleHint')} withinPortal multiline w={260}>
              <Button variant="default" leftSection={<Icon name="history" size={16} />} onClick={schedule} data-testid="discovery-save-as-task">
                {t('discovery.actions.schedule')}
              </Button>
            </Tooltip>
          )}
          {step === 1 ? (
            <Button variant="default" onClick={() => setStep(0)}>
              {t('discovery.actions.back')}
            </Button>
          ) : (
            <Button variant="default" onClick={() => setStep(1)}>
              {t('discovery.actions.next')}
            </Button>
          )}
          <Button leftSection={<Icon name="search" size={16} />} loading={busy} onClick={() => void run()}>
            {t('discovery.actions.run')}
          </Button>
        </Group>
      </Group>
    </Modal>
  );
}

/** "256 addresses will be probed" (from discovery.check) while the form is valid. */
function CheckSummary({ check }: { check: CheckState }) {
  const { t } = useTranslation();
  const form = useDiscoveryWizardStore((s) => s.form);
  let content: ReactNode = null;
  if (check.kind === 'counting') {
    content = (
      <Group gap={6} wrap="nowrap">
        <Loader size={14} />
        {t('discovery.check.counting')}
      </Group>
    );
  } else if (check.kind === 'counted') {
    const parts: string[] = [];
    if (check.addresses > 0 || check.names === 0) parts.push(t('discovery.check.addresses', { count: check.addresses }));
    if (check.names > 0) parts.push(t('discovery.check.names', { count: check.names }));
    const answers = form.enabled.broadcast || form.enabled.slp || form.enabled.mdns;
    content = check.addresses === 0 && check.names === 0 && answers ? t('discovery.check.answersOnly') : parts.join(' · ');
  }
  return (
    <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="discovery-check" data-state={check.kind} style={{ minWidth: 0 }}>
      {content}
    </Text>
  );
}
