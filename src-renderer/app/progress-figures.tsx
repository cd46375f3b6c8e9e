import { Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import classes from './progress-figures.module.css';

/**
 * From 1600 px the header has room for the progress sentences ("Polling: 120 of 200 devices
 * read") beside every section button; below, a poll round or search shows its figures only, or
 * the section buttons would fold into their menu at every round (1440 px, Japanese or English).
 */
export const ROOMY_HEADER_QUERY = '(min-width: 100em)';

/** Whether the header has room for the progress sentences and the version badge. */
export function useRoomyHeader(): boolean {
  return useMediaQuery(ROOMY_HEADER_QUERY, true) ?? true;
}

/** A progress badge's words: the whole sentence where the header has room, else "120 / 200" to the eye and the sentence to screen readers. */
export function ProgressFigures({ sentence, done, total }: { sentence: string; done: number; total: number }) {
  const roomy = useRoomyHeader();
  if (roomy) {
    return (
      <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {sentence}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" className={classes.figures} data-figures={`${done} / ${total}`} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      <VisuallyHidden>{sentence}</VisuallyHidden>
    </Text>
  );
}
