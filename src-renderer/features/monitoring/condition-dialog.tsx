import { ActionIcon, Alert, Button, Checkbox, Divider, Group, Modal, NumberInput, ScrollArea, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_MAIL_FORMATS, WATCHABLE_CONDITIONS } from '../../../src-shared/contract/monitoring.contract';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { formProblemText, numberDraft, serverProblems, shownProblems, type FormProblems } from '../forms/form-problems';
import { WEEK_DAYS_MONDAY_FIRST, weekdayName } from '../forms/local-time';
import { TargetPicker } from '../../ui/target-picker';
import { buildConditionInput, conditionFieldOfPath, newDestination, type ConditionField, type ConditionForm, type DestinationDraft } from './condition-form';
import { watchLabel } from './monitoring-texts';

interface ConditionDialogProps {
  initial: ConditionForm;
  onClose(): void;
  onSaved(name: string): void;
}

/** Create or edit a monitoring condition; each problem is shown under its field, nothing is saved until all are fixed. */
export function ConditionDialog({ initial, onClose, onSaved }: ConditionDialogProps) {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const [form, setForm] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [refused, setRefused] = useState<{ form: ConditionForm; problems: FormProblems<ConditionField> } | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<ConditionForm>) => setForm((f) => ({ ...f, ...change }));
  const built = buildConditionInput(form);
  const problems: FormProblems<ConditionField> = { ...(built.ok ? {} : shownProblems(built.problems, attempted)), ...(refused?.form === form ? refused.problems : {}) };
  const errorOf = (field: ConditionField) => formProblemText(t, problems[field]);
  const editDestination = (key: number, change: Partial<DestinationDraft>) => edit({ destinations: form.destinations.map((d) => (d.key === key ? { ...d, ...change } : d)) });

  const save = async () => {
    setAttempted(true);
    if (!built.ok) return;
    setBusy(true);
    try {
      const saved = form.id === null ? await api.monitoring.createCondition(built.value) : await api.monitoring.updateCondition({ id: form.id, ...built.value });
      onSaved(saved.name);
    } catch (caught) {
      setRefused({ form, problems: serverProblems(caught, conditionFieldOfPath, 'general') });
    } finally {
      setBusy(false);
    }
  };
  const general = errorOf('general') ?? (attempted && Object.keys(problems).length > 0 ? t('forms.notSaved') : null);

  return (
    <Modal opened onClose={onClose} size="xl" title={form.id === null ? t('monitoring.dialog.createTitle') : t('monitoring.dialog.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="condition-dialog">
      <ScrollArea.Autosize mah="calc(100dvh - 240px)" offsetScrollbars type="auto">
        <Stack gap="sm">
          <Group align="flex-end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={t('monitoring.dialog.name')} value={form.name} onChange={(event) => edit({ name: event.currentTarget.value })} error={errorOf('name')} data-autofocus />
            <Switch label={t('monitoring.dialog.enabled')} checked={form.enabled} onChange={(event) => edit({ enabled: event.currentTarget.checked })} mb={8} />
          </Group>
          <Divider label={t('monitoring.dialog.targets')} labelPosition="left" />
          <Switch label={t('monitoring.dialog.allDevices')} checked={form.allDevices} onChange={(event) => edit({ allDevices: event.currentTarget.checked })} />
          <TargetPicker deviceIds={form.deviceIds} groupIds={form.groupIds} onChange={(change) => edit(change)} error={errorOf('targets')} disabled={form.allDevices} />
          <Checkbox.Group label={t('monitoring.dialog.watch')} value={form.watch} onChange={(values) => edit({ watch: WATCHABLE_CONDITIONS.filter((c) => values.includes(c)) })} error={errorOf('watch')}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" verticalSpacing={6} mt={6}>
              {WATCHABLE_CONDITIONS.map((condition) => (
                <Checkbox key={condition} value={condition} label={watchLabel(t, condition)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Divider label={t('monitoring.dialog.hours')} labelPosition="left" />
          <Checkbox.Group value={form.days.map(String)} onChange={(values) => edit({ days: values.map(Number) })} error={errorOf('hours.days')} aria-label={t('monitoring.dialog.hours')}>
            <Group gap="md">
              {WEEK_DAYS_MONDAY_FIRST.map((day) => (
                <Checkbox key={day} value={String(day)} label={weekdayName(day, i18n.language)} aria-label={weekdayName(day, i18n.language, 'long')} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group gap="sm" align="flex-start">
            <TextInput type="time" w={140} label={t('monitoring.dialog.from')} value={form.from} onChange={(event) => edit({ from: event.currentTarget.value })} error={errorOf('hours.from')} />
            <TextInput type="time" w={140} label={t('monitoring.dialog.to')} value={form.to} onChange={(event) => edit({ to: event.currentTarget.value })} error={errorOf('hours.to')} />
            <Text size="xs" c="dimmed" mt={30} style={{ flex: 1 }}>
              {t('monitoring.dialog.hoursHint')}
            </Text>
          </Group>
          <Divider label={t('monitoring.dialog.destinations')} labelPosition="left" />
          {form.destinations.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('monitoring.dialog.destinationsHint')}
            </Text>
          )}
          {form.destinations.map((d, index) => (
            <Group key={d.key} gap="sm" align="flex-start" wrap="nowrap" data-testid="destination">
              <TextInput style={{ flex: 1 }} label={t('monitoring.dialog.address')} placeholder="ops@example.com" value={d.address} onChange={(event) => editDestination(d.key, { address: event.currentTarget.value })} error={errorOf(`destinations.${index}.address`)} />
              <Select
                w={190}
                label={t('monitoring.dialog.format')}
                data={ALERT_MAIL_FORMATS.map((f) => ({ value: f, label: t(`monitoring.dialog.formats.${f}`) }))}
                value={d.format}
                onChange={(value) => editDestination(d.key, { format: value === 'short' ? 'short' : 'standard' })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <NumberInput
                w={130}
                label={t('monitoring.dialog.maxChars')}
                value={d.maxChars}
                onChange={(value) => editDestination(d.key, { maxChars: numberDraft(value) })}
                disabled={d.format !== 'short'}
                error={errorOf(`destinations.${index}.maxChars`)}
                min={40}
                max={10_000}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
              />
              <ActionIcon mt={26} variant="subtle" color="red" aria-label={t('monitoring.dialog.removeDestination', { index: index + 1 })} onClick={() => edit({ destinations: form.destinations.filter((x) => x.key !== d.key) })}>
                <Icon name="trash" size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="default" leftSection={<Icon name="mail" size={14} />} onClick={() => edit({ destinations: [...form.destinations, newDestination()] })}>
              {t('monitoring.dialog.addDestination')}
            </Button>
          </Group>
          <Divider />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label={t('monitoring.dialog.holdDown')}
              description={t('monitoring.dialog.holdDownHint')}
              value={form.holdDownMinutes}
              onChange={(value) => edit({ holdDownMinutes: numberDraft(value) })}
              error={errorOf('holdDownMinutes')}
              min={0}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
            />
            <NumberInput
              label={t('monitoring.dialog.damping')}
              description={t('monitoring.dialog.dampingHint')}
              value={form.dampingMinutes}
              onChange={(value) => edit({ dampingMinutes: numberDraft(value) })}
              error={errorOf('dampingMinutes')}
              min={0}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
            />
          </SimpleGrid>
          <Switch label={t('monitoring.dialog.digest')} description={t('monitoring.dialog.digestHint')} checked={form.digest} onChange={(event) => edit({ digest: event.currentTarget.checked })} />
        </Stack>
      </ScrollArea.Autosize>
      {general !== null && (
        <Alert color="red" mt="md" py={6} role="alert" data-testid="condition-dialog-error">
          <span style={{ whiteSpace: 'pre-wrap' }}>{general}</span>
        </Alert>
      )}
      <Group justify="flex-end" mt="md" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void save()}>
          {t('monitoring.dialog.save')}
        </Button>
      </Group>
    </Modal>
  );
}
