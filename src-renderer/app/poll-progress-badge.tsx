import { Group, RingProgress, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents } from '../../src-shared/contract/app.contract';
import { useAppEvent } from '../api/api-context';
import { pollProgressView } from './poll-progress';

/** The header's wide breakpoint (Mantine's xl, 88em = 1408 px): below it the progress figures are short. */
export const WIDE_HEADER_QUERY = '(min-width: 88em)';

/**
 * "Polling: 120 of 200 devices read" with a small ring while a monitoring round runs; nothing
 * otherwise. Below 1408 px the ring alone, the sentence in its tooltip and label: the whole
 * sentence pushed the sections and the user menu out of a 1280 px header in Japanese, and even
 * "120 / 200" folded the English sections into their menu at every poll round.
 */
export function PollProgressBadge() {
  const { t } = useTranslation();
  const [last, setLast] = useState<AppEvents['poll.progress'] | null>(null);
  useAppEvent('poll.progress', setLast);
  const wide = useMediaQuery(WIDE_HEADER_QUERY, true);
  const view = pollProgressView(last);
  if (!view.visible) return null;
  const sentence = t('app.polling', { done: view.done, total: view.total });
  return (
    <Tooltip label={sentence} disabled={wide} withinPortal>
      <Group gap={6} wrap="nowrap" role="status" aria-label={wide ? t('app.pollingLabel') : sentence} data-testid="poll-progress" style={{ flexShrink: 0 }}>
        <RingProgress size={22} thickness={3} roundCaps sections={[{ value: view.percent, color: 'blue' }]} />
        {wide && (
          <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {sentence}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
