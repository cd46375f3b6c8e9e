import { Group, RingProgress, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents } from '../../src-shared/contract/app.contract';
import { useAppEvent } from '../api/api-context';
import { pollProgressView } from './poll-progress';
import { ProgressFigures, useRoomyHeader } from './progress-figures';

/**
 * "Polling: 120 of 200 devices read" with a small ring while a monitoring round runs; nothing
 * otherwise. Below 1600 px "120 / 200" with the sentence in its tooltip (and still its text for
 * screen readers): the whole sentence pushed the sections and the user menu out of a 1280 px
 * header in Japanese, and folded the sections into their menu at every round at 1440 px.
 */
export function PollProgressBadge() {
  const { t } = useTranslation();
  const [last, setLast] = useState<AppEvents['poll.progress'] | null>(null);
  useAppEvent('poll.progress', setLast);
  const roomy = useRoomyHeader();
  const view = pollProgressView(last);
  if (!view.visible) return null;
  const sentence = t('app.polling', { done: view.done, total: view.total });
  return (
    <Tooltip label={sentence} disabled={roomy} withinPortal>
      <Group gap={6} wrap="nowrap" role="status" aria-label={t('app.pollingLabel')} data-testid="poll-progress" style={{ flexShrink: 0 }}>
        <RingProgress size={22} thickness={3} roundCaps sections={[{ value: view.percent, color: 'blue' }]} />
        <ProgressFigures sentence={sentence} done={view.done} total={view.total} />
      </Group>
    </Tooltip>
  );
}
