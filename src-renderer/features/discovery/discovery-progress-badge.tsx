import { Group, RingProgress, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { WIDE_HEADER_QUERY } from '../../app/poll-progress-badge';
import { progressBarView } from './discovery-format';
import { useDiscoveryRunStore } from './discovery-run.store';

/** "Searching: 120 of 256 addresses" in the header while a search runs; a click shows or hides its panel. */
export function DiscoveryProgressBadge() {
  const { t } = useTranslation();
  const run = useDiscoveryRunStore((s) => s.run);
  const panelOpen = useDiscoveryRunStore((s) => s.panelOpen);
  const setPanelOpen = useDiscoveryRunStore((s) => s.setPanelOpen);
  const progress = run?.progress ?? null;
  // Below 1408 px the ring alone, the sentence in the tooltip: the header keeps its sections and user menu.
  const wide = useMediaQuery(WIDE_HEADER_QUERY, true);
  // Shown from the start (before the first event) until the search says it ended.
  if (run === null || (progress !== null && progress.state !== 'running')) return null;
  const bar = progress === null ? null : progressBarView(progress);
  const text = bar === null || bar.total === 0 ? t('discovery.progress.badgeWaiting') : t('discovery.progress.badge', { probed: bar.probed, total: bar.total });
  const shown = wide ? text : null;
  return (
    <Tooltip label={text} disabled={wide} withinPortal>
      <UnstyledButton
        onClick={() => setPanelOpen(!panelOpen)}
        aria-label={t(panelOpen ? 'discovery.progress.hide' : 'discovery.progress.show')}
        style={{ flexShrink: 0 }}
        aria-expanded={panelOpen}
        data-testid="discovery-progress"
      >
        <Group gap={6} wrap="nowrap" role="status">
          <RingProgress size={22} thickness={3} roundCaps sections={[{ value: bar?.percent ?? 0, color: 'indigo' }]} />
          {shown !== null && (
            <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {shown}
            </Text>
          )}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
