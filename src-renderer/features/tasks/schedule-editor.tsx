import { Checkbox, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { numberDraft } from '../forms/form-problems';
import { WEEK_DAYS_MONDAY_FIRST, weekdayName } from '../forms/local-time';
import { SCHEDULE_KINDS, type ScheduleDraft, type TaskField } from './task-form';

interface ScheduleEditorProps {
  schedule: ScheduleDraft;
  onChange(change: Partial<ScheduleDraft>): void;
  errorOf(field: TaskField): string | null;
  /** The schedule in words, or null while it describes none. */
  preview: string | null;
}

/** Now / once at a date-time / every N minutes or hours / daily / weekly on days / monthly on a day, each at a time. */
export function ScheduleEditor({ schedule, onChange, errorOf, preview }: ScheduleEditorProps) {
  const { t, i18n } = useTranslation();
  const time = (
    <TextInput
      type="time"
      label={t('schedule.time')}
      value={schedule.time}
      onChange={(event) => onChange({ time: event.currentTarget.value })}
      error={errorOf('schedule.time')}
      w={160}
    />
  );
  let fields = null;
  switch (schedule.kind) {
    case 'now':
      fields = (
        <Text size="sm" c="dimmed">
          {t('schedule.nowHint')}
        </Text>
      );
      break;
    case 'once':
      fields = (
        <TextInput type="datetime-local" label={t('schedule.at')} value={schedule.onceAt} onChange={(event) => onChange({ onceAt: event.currentTarget.value })} error={errorOf('schedule.at')} w={260} />
      );
      break;
    case 'interval':
      fields = (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput
            label={t('schedule.every')}
            value={schedule.every}
            onChange={(value) => onChange({ every: numberDraft(value) })}
            error={errorOf('schedule.every')}
            min={1}
            max={10_000}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
          />
          <Select
            label={t('schedule.unit')}
            data={(['minutes', 'hours'] as const).map((unit) => ({ value: unit, label: t(`schedule.units.${unit}`) }))}
            value={schedule.unit}
            onChange={(value) => onChange({ unit: value === 'hours' ? 'hours' : 'minutes' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            type="datetime-local"
            label={t('schedule.startAt')}
            description={t('schedule.startAtHint')}
            value={schedule.startAt}
            onChange={(event) => onChange({ startAt: event.currentTarget.value })}
            error={errorOf('schedule.startAt')}
          />
        </SimpleGrid>
      );
      break;
    case 'daily':
      fields = time;
      break;
    case 'weekly':
      fields = (
        <Stack gap="xs">
          <Checkbox.Group label={t('schedule.days')} value={schedule.days.map(String)} onChange={(values) => onChange({ days: values.map(Number) })} error={errorOf('schedule.days')}>
            <Group gap="md" mt={4}>
              {WEEK_DAYS_MONDAY_FIRST.map((day) => (
                <Checkbox key={day} value={String(day)} label={weekdayName(day, i18n.language)} aria-label={weekdayName(day, i18n.language, 'long')} />
              ))}
            </Group>
          </Checkbox.Group>
          {time}
        </Stack>
      );
      break;
    case 'monthly':
      fields = (
        <Group align="flex-start" gap="sm">
          <NumberInput
            label={t('schedule.day')}
            description={t('schedule.dayHint')}
            value={schedule.day}
            onChange={(value) => onChange({ day: numberDraft(value) })}
            error={errorOf('schedule.day')}
            min={1}
            max={31}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            w={200}
          />
          {time}
        </Group>
      );
      break;
  }
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={4} id="schedule-kind-label">
          {t('schedule.kind')}
        </Text>
        <SegmentedControl
          aria-labelledby="schedule-kind-label"
          value={schedule.kind}
          onChange={(value) => onChange({ kind: SCHEDULE_KINDS.find((k) => k === value) ?? 'interval' })}
          data={SCHEDULE_KINDS.map((kind) => ({ value: kind, label: t(`schedule.kinds.${kind}`) }))}
        />
      </div>
      {fields}
      {preview !== null && (
        <Text size="sm" c="dimmed" data-testid="schedule-preview">
          {t('schedule.preview', { text: preview })}
        </Text>
      )}
    </Stack>
  );
}
