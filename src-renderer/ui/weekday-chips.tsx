import { Chip, Group } from '@mantine/core';
import { weekdayShort } from './schedule-draft';

/** Monday first, as calendars here are read. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** The days of a weekly schedule (0 Sunday … 6 Saturday), one chip each, named in the UI language. */
export function WeekdayChips({ days, language, onChange }: { days: readonly number[]; language: string; onChange(days: number[]): void }) {
  return (
    <Chip.Group multiple value={days.map(String)} onChange={(values) => onChange(values.map(Number))}>
      <Group gap={6}>
        {WEEK.map((day) => (
          <Chip key={day} value={String(day)} size="xs">
            {weekdayShort(day, language)}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}
