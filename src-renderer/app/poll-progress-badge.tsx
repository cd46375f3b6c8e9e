import { Group, RingProgress, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvents } from '../../src-shared/contract/app.contract';
import { useAppEvent } from '../api/api-context';
import { pollProgressView } from './poll-progress';

/** "Polling: 120 of 200 devices read" with a small ring while a monitoring round runs; nothing otherwise. */
export function PollProgressBadge() {
  const { t } = useTranslation();
  const [last, setLast] = useState<AppEvents['poll.progress'] | null>(null);
  useAppEvent('poll.progress', setLast);
  const view = pollProgressView(last);
  if (!view.visible) return null;
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-label={t('app.pollingLabel')} data-testid="poll-progress">
      <RingProgress size={22} thickness={3} roundCaps sections={[{ value: view.percent, color: 'blue' }]} />
      <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {t('app.polling', { done: view.done, total: view.total })}
      </Text>
    </Group>
  );
}
