import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { searchSummaryOf, searchTargetText } from './discovery-params';

/** What a search task searches, in the task list (the whole list in the tooltip). */
export function SearchTarget({ params }: { params: unknown }) {
  const { t } = useTranslation();
  const summary = searchSummaryOf(params);
  if (summary === null) return <>{t('tasks.searchTarget')}</>;
  const text = searchTargetText(t, summary);
  const whole = [...summary.targets, ...summary.methods.map((m) => t(`discovery.short.${m}`))].join('\n');
  return (
    <Text size="sm" title={whole} data-testid="task-search-target" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}
