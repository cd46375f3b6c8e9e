import { Group, RingProgress, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProgressFigures, useRoomyHeader } from '../../app/progress-figures';
import { progressBarView } from './discovery-format';
import { useDiscoveryRunStore } from './discovery-run.store';

/** "Searching: 120 of 256 addresses" in the header while a search runs; a click shows or hides its panel. */
export function DiscoveryProgressBadge() {
  const { t } = useTranslation();
  const run = useDiscoveryRunStore((s) => s.run);
  const panelOpen = useDiscoveryRunStore((s) => s.panelOpen);
  const setPanelOpen = useDiscoveryRunStore((s) => s.setPanelOpen);
  const progress = run?.progress ?? null;
  // Below 1600 px the figures only, the sentence in the tooltip: the header keeps its sections and user menu.
  const roomy = useRoomyHeader();
  // Shown from the start (before the first event) until the search says it ended.
  if (run === null || (progress !== null && progress.state !== 'running')) return null;
  const bar = progress === null ? null : progressBarView(progress);
  const text = bar === null || bar.total === 0 ? t('discovery.progress.badgeWaiting') : t('discovery.progress.badge', { probed: bar.probed, total: bar.total });
  return (
    <Tooltip label={text} disabled={roomy} withinPortal>
      <UnstyledButton
        onClick={() => setPanelOpen(!panelOpen)}
        aria-label={t(panelOpen ? 'discovery.progress.hide' : 'discovery.progress.show')}
        style={{ flexShrink: 0 }}
        aria-expanded={panelOpen}
        data-testid="discovery-progress"
      >
        <Group gap={6} wrap="nowrap" role="status">
          <RingProgress size={22} thickness={3} roundCaps sections={[{ value: bar?.percent ?? 0, color: 'indigo' }]} />
          {bar === null || bar.total === 0 ? (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {text}
            </Text>
          ) : (
            <ProgressFigures sentence={text} done={bar.probed} total={bar.total} />
          )}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
