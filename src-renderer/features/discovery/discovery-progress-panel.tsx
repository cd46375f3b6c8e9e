import { Button, CloseButton, Group, Paper, Progress, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveryOutcome, DiscoveryProgress, DiscoveryRunState } from '../../../src-shared/contract/discovery.contract';
import { useRendererApi } from '../../api/api-context';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formatDuration, formatElapsed, formatRate, progressBarView, SHOWN_COUNTS } from './discovery-format';
import { useDiscoveryRunStore } from './discovery-run.store';
import { orderFound } from './found-order';
import { OUTCOME_COLORS, ResultsTable } from './results-table';
import { EMPTY_COUNTS, SearchOutcomeBadge } from './search-outcome-badge';
import { useSearchHistoryStore } from './search-history.store';
import { useDiscoveryEvents } from './use-discovery-events';

export const STATE_COLORS: Record<DiscoveryRunState, string> = { running: 'blue', succeeded: 'teal', cancelled: 'orange', failed: 'red' };

/** The found list's height: the tiles' second row took 24 px of its 180, so the panel covers no more of the page than before. */
const FOUND_HEIGHT = 156;

/**
 * The watched search, in a panel over the bottom left of the console that outlives the wizard:
 * progress bar, counts per outcome, rate, time left and elapsed, Cancel, and the devices as they
 * answer. Hidden with its close button; the header badge brings it back. Mount once (it also
 * listens to the search events).
 */
export function DiscoveryProgressPanel() {
  const { t, i18n } = useTranslation();
  useDiscoveryEvents();
  const run = useDiscoveryRunStore((s) => s.run);
  const open = useDiscoveryRunStore((s) => s.panelOpen);
  const setOpen = useDiscoveryRunStore((s) => s.setPanelOpen);
  const canCancel = useCan('deviceSearch', 'change');
  // A tile pressed lists only its outcome; a new search starts on every outcome again.
  const [only, setOnly] = useState<{ runId: number; outcome: DiscoveryOutcome } | null>(null);
  const outcome = only !== null && only.runId === run?.runId ? only.outcome : null;
  const found = run?.found;
  const shownFound = useMemo(() => orderFound(found ?? [], outcome), [found, outcome]);
  if (!open || run === null) return null;
  const progress = run.progress;
  const state = progress?.state ?? 'running';
  return (
    <Paper
      withBorder
      shadow="lg"
      radius="md"
      p="sm"
      pos="fixed"
      bottom={16}
      left={16}
      w={560}
      maw="calc(100vw - 32px)"
      style={{ zIndex: 150 }}
      role="region"
      aria-label={t('discovery.progress.panel')}
      data-testid="discovery-panel"
      data-run-id={run.runId}
      data-state={state}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Icon name="search" size={18} />
            <Text fw={600}>{t('discovery.progress.panel')}</Text>
            <SearchOutcomeBadge state={state} counts={progress?.counts ?? EMPTY_COUNTS} testId="discovery-state" />
            {progress && state === 'running' && (
              <Text size="sm" c="dimmed">
                {t(`discovery.phases.${progress.phase}`)}
              </Text>
            )}
          </Group>
          <CloseButton aria-label={t('discovery.progress.hide')} onClick={() => setOpen(false)} />
        </Group>
        {progress ? <ProgressFigures progress={progress} locale={i18n.language} only={outcome} onOnly={(o) => setOnly(o === null ? null : { runId: run.runId, outcome: o })} /> : <Progress value={100} animated striped aria-label={t('discovery.progress.waiting')} />}
        <Group justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {outcome === null ? t('discovery.progress.found') : t('discovery.progress.foundOnly', { outcome: t(`discovery.outcomes.${outcome}`) })}
            </Text>
            {outcome !== null && (
              <Button size="compact-xs" variant="subtle" onClick={() => setOnly(null)} data-testid="discovery-found-all">
                {t('discovery.progress.showAll')}
              </Button>
            )}
          </Group>
          <Group gap="xs">
            <Button size="compact-sm" variant="subtle" leftSection={<Icon name="history" size={14} />} onClick={() => useSearchHistoryStore.getState().open(run.runId)}>
              {t('discovery.progress.openHistory')}
            </Button>
            {state === 'running' && canCancel && <CancelButton runId={run.runId} />}
          </Group>
        </Group>
        <ResultsTable results={shownFound} columns={['outcome', 'address', 'label']} height={FOUND_HEIGHT} label={t('discovery.progress.found')} empty={t('discovery.progress.foundNone')} />
      </Stack>
    </Paper>
  );
}

function ProgressFigures({ progress, locale, only, onOnly }: { progress: DiscoveryProgress; locale: string; only: DiscoveryOutcome | null; onOnly: (outcome: DiscoveryOutcome | null) => void }) {
  const { t } = useTranslation();
  const bar = progressBarView(progress);
  const probedText = bar.total === 0 && bar.running ? t('discovery.progress.waiting') : t('discovery.progress.probed', { probed: bar.probed, total: bar.total });
  return (
    <>
      <Progress
        value={bar.indeterminate ? 100 : bar.percent}
        animated={bar.running}
        striped={bar.running}
        color={STATE_COLORS[progress.state]}
        aria-label={probedText}
        data-testid="discovery-progress-bar"
        data-probed={bar.probed}
        data-total={bar.total}
      />
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="discovery-probed">
        {probedText} · {t('discovery.progress.answered', { count: progress.counts.answered })}
      </Text>
      {/* Three a row: six in one row cut "Not readable" to "Not read…" in the 560 px panel; the words wrap rather than being cut. */}
      <SimpleGrid cols={3} spacing={6} verticalSpacing={6}>
        {SHOWN_COUNTS.map((key) => (
          <UnstyledButton
            key={key}
            onClick={() => onOnly(only === key ? null : key)}
            aria-pressed={only === key}
            aria-label={t('discovery.progress.showOnly', { outcome: t(`discovery.outcomes.${key}`), count: progress.counts[key] })}
            data-testid={`discovery-count-${key}`}
            data-count={progress.counts[key]}
          >
            <Paper withBorder radius="sm" px={8} py={4} h="100%" bg={only === key ? 'var(--mantine-primary-color-light)' : undefined} style={only === key ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}>
              <Group justify="space-between" align="center" gap={6} wrap="nowrap" h="100%">
                <Text fz="xs" c={OUTCOME_COLORS[key]} fw={600} lh={1.25} style={{ minWidth: 0, overflowWrap: 'break-word' }} data-testid="discovery-count-label">
                  {t(`discovery.outcomes.${key}`)}
                </Text>
                <Text size="md" fw={700} style={{ fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}>
                  {progress.counts[key]}
                </Text>
              </Group>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Group gap="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Figure label={t('discovery.progress.rate')} value={t('discovery.progress.rateValue', { rate: formatRate(progress.ratePerSecond, locale) })} testId="discovery-rate" />
        {bar.running && <Figure label={t('discovery.progress.eta')} value={progress.etaSeconds === null ? t('discovery.progress.etaUnknown') : formatDuration(progress.etaSeconds)} testId="discovery-eta" />}
        <Figure label={t('discovery.progress.elapsed')} value={formatElapsed(progress.elapsedMs)} testId="discovery-elapsed" />
      </Group>
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Text size="sm" data-testid={testId}>
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      {value}
    </Text>
  );
}

function CancelButton({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await api.discovery.cancel({ runId });
    } catch (caught) {
      useNoticeStore.getState().notify('error', t('discovery.progress.cancelFailed'), errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="compact-sm" variant="light" color="red" loading={busy} onClick={() => void cancel()}>
      {t('discovery.progress.cancel')}
    </Button>
  );
}
