import { Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
// The schedule draft in ui/ is the console's one shape for a repeating task (once, daily,
// weekly, monthly at a time): reused rather than copied, so both plug-ins save the same schedules.
import { scheduleOf, SCHEDULE_KINDS, type ScheduleDraft, type ScheduleKind, type ScheduleProblem } from '../../../ui/schedule-draft';
import { describeSchedule } from '../../../ui/task-text';
import { WeekdayChips } from '../../../ui/weekday-chips';
import { useDriversT } from '../drivers-text';

export type PushWhen = 'now' | ScheduleKind;

/** Now, or once at a moment, daily, weekly on days or monthly on a day at a time; the saved schedule in words below. */
export function PushScheduleFields({ when, draft, problem, onWhen, onChange }: { when: PushWhen; draft: ScheduleDraft; problem: ScheduleProblem | null; onWhen(when: PushWhen): void; onChange(patch: Partial<ScheduleDraft>): void }) {
  const { tp, t, language } = useDriversT();
  const kinds = ['now', ...SCHEDULE_KINDS] as const;
  const preview = when === 'now' ? null : scheduleOf({ ...draft, kind: when }, Date.now());
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {tp('push.when')}
      </Text>
      <SegmentedControl
        size="xs"
        value={when}
        onChange={(v) => onWhen(kinds.find((k) => k === v) ?? 'now')}
        data={kinds.map((k) => ({ value: k, label: tp(`push.kinds.${k}`) }))}
        w="fit-content"
        data-testid="push-when"
      />
      <Group gap="sm" align="flex-start">
        {when === 'once' && (
          <TextInput type="datetime-local" label={tp('push.at')} value={draft.at} onChange={(e) => onChange({ at: e.currentTarget.value })} error={problem === 'date' || problem === 'inPast' ? tp('push.atHint') : null} w={240} data-testid="push-at" />
        )}
        {when === 'monthly' && <NumberInput label={tp('push.day')} value={draft.day} onChange={(v) => onChange({ day: typeof v === 'number' ? v : 1 })} min={1} max={31} allowDecimal={false} w={140} />}
        {(when === 'daily' || when === 'weekly' || when === 'monthly') && (
          <TextInput type="time" label={tp('push.time')} value={draft.time} onChange={(e) => onChange({ time: e.currentTarget.value })} error={problem === 'time' ? tp('push.timeHint') : null} w={140} data-testid="push-time" />
        )}
      </Group>
      {when === 'weekly' && (
        <WeekdayChips days={draft.days} language={language} onChange={(days) => onChange({ days })} />
      )}
      {problem === 'noDays' && (
        <Text size="xs" c="red" role="alert">
          {tp('push.noDays')}
        </Text>
      )}
      {preview?.ok === true && (
        <Text size="xs" c="dimmed" data-testid="push-schedule-text">
          {describeSchedule(t, preview.schedule, language)}
        </Text>
      )}
    </Stack>
  );
}
