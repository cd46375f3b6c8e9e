import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscoveryCounts, DiscoveryRunState } from '../../../src-shared/contract/discovery.contract';
import { runSummaryText, searchRunOutcome, searchTally } from '../../../src-shared/wording/outcome-words';
import { wordingLanguage } from '../../../src-shared/wording/wording-language';
import { EXECUTION_STATE_COLORS } from '../../ui/task-text';

/**
 * A search run's state in the job model's words and colours: a search that lost 6 printers is
 * "Partly failed" here exactly as the same search run as a task (searchRunOutcome), with the
 * tally ("194 succeeded, 6 failed") as its tooltip.
 */
export function SearchOutcomeBadge({ state, counts, size, testId }: { state: DiscoveryRunState; counts: DiscoveryCounts; size?: MantineSize; testId?: string }) {
  const { t, i18n } = useTranslation();
  const outcome = searchRunOutcome(state, counts);
  return (
    <Badge
      size={size}
      variant="light"
      color={EXECUTION_STATE_COLORS[outcome]}
      title={state === 'running' ? undefined : runSummaryText(wordingLanguage(i18n.language), outcome, searchTally(counts))}
      data-testid={testId}
      data-state={state}
      data-outcome={outcome}
    >
      {t(`discovery.states.${outcome}`)}
    </Badge>
  );
}

/** Counts of a run that has reported nothing yet. */
export const EMPTY_COUNTS: DiscoveryCounts = { probed: 0, total: 0, answered: 0, new: 0, updated: 0, unchanged: 0, lost: 0, skipped: 0, failed: 0 };
