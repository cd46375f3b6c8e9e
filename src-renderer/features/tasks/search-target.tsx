import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { searchSummaryOf, type SearchSummary } from './discovery-params';

/** Targets named before "+N more". */
const SHOWN_TARGETS = 3;

/** "127.20.0.1-127.20.0.200 · port 1161", "10.0.0.0/24, printer-3f +2 more · SLP". */
export function searchTargetText(t: TFunction, summary: SearchSummary): string {
  const parts: string[] = [];
  if (summary.targets.length > 0) {
    const named = summary.targets.slice(0, SHOWN_TARGETS).join(', ');
    const more = summary.targets.length - SHOWN_TARGETS;
    parts.push(more > 0 ? `${named} ${t('tasks.searchSummary.more', { count: more })}` : named);
  }
  for (const method of summary.methods) parts.push(t(`discovery.short.${method}`));
  if (summary.port !== null) parts.push(t('tasks.searchSummary.port', { port: summary.port }));
  return parts.join(' · ');
}

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
