import { Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { describeSchedule } from '../../../ui/task-text';
import { WeekdayChips } from '../../../ui/weekday-chips';
import { useAddressbookT } from '../addressbook-text';
import { SCHEDULE_KINDS, type ScheduleDraft, type ScheduleProblem } from '../../../ui/schedule-draft';

/**
 * Once / daily / weekly / monthly, with the date-time, time, days or day each needs; `inline`
 * puts the kind and its fields on one row (dialogs short of height).
 */
export function ScheduleFields({ draft, onChange, problem, inline = false }: { draft: ScheduleDraft; onChange(patch: Partial<ScheduleDraft>): void; problem: ScheduleProblem | null; inline?: boolean }) {
  const { tp, t, language } = useAddressbookT();
  const timeError = problem === 'time' ? tp('schedule.problems.time') : null;
  const kinds = draft.kept === null ? SCHEDULE_KINDS : (['kept', ...SCHEDULE_KINDS] as const);
  const kindControl = (
    <SegmentedControl
      value={draft.kind}
      onChange={(value) => onChange({ kind: kinds.find((k) => k === value) ?? draft.kind })}
      data={kinds.map((kind) => ({ value: kind, label: tp(`schedule.kinds.${kind}`) }))}
      style={{ alignSelf: 'flex-start' }}
      aria-label={tp('schedule.label')}
    />
  );
  const fields =
    draft.kind === 'kept' ? (
      <Text size="sm" data-testid="schedule-kept">
        {draft.kept === null ? '' : tp('schedule.keptHint', { schedule: describeSchedule(t, draft.kept, language) })}
      </Text>
    ) : draft.kind === 'once' ? (
      <TextInput
        type="datetime-local"
        label={tp('schedule.at')}
        value={draft.at}
        onChange={(event) => onChange({ at: event.currentTarget.value })}
        error={problem === 'date' ? tp('schedule.problems.date') : problem === 'inPast' ? tp('schedule.problems.inPast') : null}
        w={260}
      />
    ) : (
      <Group gap="sm" align="flex-start">
        {draft.kind === 'monthly' && (
          <NumberInput label={tp('schedule.day')} description={tp('schedule.dayHint')} value={draft.day} onChange={(value) => onChange({ day: typeof value === 'number' ? value : Number(value) || 1 })} min={1} max={31} allowDecimal={false} w={160} />
        )}
        <TextInput type="time" label={tp('schedule.time')} value={draft.time} onChange={(event) => onChange({ time: event.currentTarget.value })} error={timeError} w={160} />
      </Group>
    );
  return (
    <Stack gap="sm">
      {inline && draft.kind !== 'kept' ? (
        <Group gap="md" align="flex-end" wrap="wrap">
          {kindControl}
          {fields}
        </Group>
      ) : (
        <>
          {kindControl}
          {fields}
        </>
      )}
      {draft.kind === 'weekly' && (
        <Stack gap={4}>
          <WeekdayChips days={draft.days} language={language} onChange={(days) => onChange({ days })} />
          {problem === 'noDays' && (
            <Text size="xs" c="red" role="alert">
              {tp('schedule.problems.noDays')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
