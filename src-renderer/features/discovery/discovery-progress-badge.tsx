import { Group, RingProgress, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { progressBarView } from './discovery-format';
import { useDiscoveryRunStore } from './discovery-run.store';

/** "Searching: 120 of 256 addresses" in the header while a search runs; a click shows or hides its panel. */
export function DiscoveryProgressBadge() {
  const { t } = useTranslation();
  const run = useDiscoveryRunStore((s) => s.run);
  const panelOpen = useDiscoveryRunStore((s) => s.panelOpen);
  const setPanelOpen = useDiscoveryRunStore((s) => s.setPanelOpen);
  const progress = run?.progress ?? null;
  // Shown from the start (before the first event) until the search says it ended.
  if (run === null || (progress !== null && progress.state !== 'running')) return null;
  const bar = progress === null ? null : progressBarView(progress);
  const text = bar === null || bar.total === 0 ? t('discovery.progress.badgeWaiting') : t('discovery.progress.badge', { probed: bar.probed, total: bar.total });
  return (
    <UnstyledButton
      onClick={() => setPanelOpen(!panelOpen)}
      aria-label={t(panelOpen ? 'discovery.progress.hide' : 'discovery.progress.show')}
      aria-expanded={panelOpen}
      data-testid="discovery-progress"
    >
      <Group gap={6} wrap="nowrap" role="status">
        <RingProgress size={22} thickness={3} roundCaps sections={[{ value: bar?.percent ?? 0, color: 'indigo' }]} />
        <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {text}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
