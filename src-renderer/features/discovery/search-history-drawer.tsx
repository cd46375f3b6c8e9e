import { Alert, Drawer, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCOVERY_OUTCOMES, type DiscoveryOutcome, type DiscoveryRun } from '../../../src-shared/contract/discovery.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { formatDateTime } from '../../ui/display-format';
import { formatElapsed, runDurationMs, SHOWN_COUNTS } from './discovery-format';
import { SearchOutcomeBadge } from './search-outcome-badge';
import { ResultsTable } from './results-table';
import { AddResultsToGroup } from './add-results-to-group';
import { orderFound } from './found-order';
import { RunSettingsView } from './run-settings-view';
import { useDeviceListStore } from '../devices/device-list.store';
import { useSectionStore } from '../../app/section.store';
import { useSearchHistoryStore } from './search-history.store';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';

/** Runs kept on screen; the store keeps them all. */
const RUNS_SHOWN = 500;

type RunColumn = 'name' | 'started' | 'duration' | 'state' | (typeof SHOWN_COUNTS)[number];

/** The history of searches (newest first) and, for the one picked, what it found. */
export function SearchHistoryDrawer() {
  const { t } = useTranslation();
  const opened = useSearchHistoryStore((s) => s.opened);
  const close = useSearchHistoryStore((s) => s.close);
  return (
    <Drawer opened={opened} onClose={close} position="right" size="min(1280px, 100vw)" title={<Title order={4}>{t('discovery.historyView.title')}</Title>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <HistoryContent />}
    </Drawer>
  );
}

function HistoryContent() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const runs = useLiveQuery(rendererApi, async () => (await api.discovery.listRuns({ limit: RUNS_SHOWN })).runs, ['discovery.progress']);
  const selectedRunId = useSearchHistoryStore((s) => s.selectedRunId);
  const select = useSearchHistoryStore((s) => s.select);
  const list = useMemo(() => runs.data ?? [], [runs.data]);
  const selectedIndex = list.findIndex((r) => r.id === selectedRunId);

  // The newest search is picked when none is (or the one picked is gone).
  useEffect(() => {
    const first = list[0];
    if (first && !list.some((r) => r.id === selectedRunId)) select(first.id);
  }, [list, selectedRunId, select]);

  const columns: VirtualColumn<RunColumn>[] = [
    { id: 'name', header: t('discovery.historyView.columns.name'), width: 'minmax(140px, 1.6fr)' },
    { id: 'started', header: t('discovery.historyView.columns.started'), width: 'minmax(200px, 1.2fr)' },
    { id: 'duration', header: t('discovery.historyView.columns.duration'), width: '76px', numeric: true },
    { id: 'state', header: t('discovery.historyView.columns.state'), width: '96px' },
    ...SHOWN_COUNTS.map((key) => ({ id: key, header: t(`discovery.outcomes.${key}`), width: 'minmax(72px, 1fr)', numeric: true })),
  ];
  const now = Date.now();
  const cell = (index: number, column: RunColumn) => {
    const run = list[index];
    if (!run) return null;
    switch (column) {
      case 'name':
        return <span title={run.name}>{run.name}</span>;
      case 'started':
        return formatDateTime(run.startedAt, i18n.language);
      case 'duration':
        return run.finishedAt === null ? t('discovery.historyView.runningNow') : formatElapsed(runDurationMs(run, now));
      case 'state':
        return (
          <SearchOutcomeBadge size="sm" state={run.state} counts={run.counts} />
        );
      default:
        return run.counts[column].toLocaleString(i18n.language);
    }
  };

  const selected = selectedIndex >= 0 ? list[selectedIndex] : undefined;
  return (
    <Stack gap="md">
      {runs.error && <Alert color="red">{t('discovery.historyView.loadFailed', { message: runs.error.message })}</Alert>}
      <VirtualTable
        label={t('discovery.historyView.runs')}
        columns={columns}
        count={list.length}
        rowKey={(index) => list[index]?.id ?? index}
        cell={cell}
        height={Math.min(300, 34 * Math.max(list.length, 2) + 40)}
        empty={runs.data === null ? t('discovery.historyView.loading') : t('discovery.historyView.empty')}
        rowTestId="discovery-run"
        rowData={(index) => {
          const run = list[index];
          return run ? { 'data-run-id': String(run.id), 'data-state': run.state } : {};
        }}
        selectedIndex={selectedIndex >= 0 ? selectedIndex : null}
        onSelect={(index) => {
          const run = list[index];
          if (run) select(run.id);
        }}
      />
      {selected ? <RunResults key={selected.id} run={selected} /> : list.length > 0 && <Text c="dimmed">{t('discovery.historyView.pick')}</Text>}
    </Stack>
  );
}

/** One search's results, refreshed while it runs; filterable by outcome. */
function RunResults({ run }: { run: DiscoveryRun }) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const running = run.state === 'running';
  const results = useLiveQuery(rendererApi, async () => (await api.discovery.getRun({ runId: run.id })).results, running ? ['discovery.found', 'discovery.progress'] : ['discovery.progress']);
  const [outcome, setOutcome] = useState<DiscoveryOutcome | 'all'>('all');
  // A result's device opens in the device list's detail; the history closes to show it.
  const openDevice = (deviceId: number) => {
    useSearchHistoryStore.getState().close();
    useSectionStore.getState().show('devices');
    useDeviceListStore.getState().open(deviceId);
  };
  const all = useMemo(() => results.data ?? [], [results.data]);
  // New devices first, as in the progress panel.
  const shown = useMemo(() => orderFound(all, outcome === 'all' ? null : outcome), [all, outcome]);
  const counts = useMemo(() => {
    const byOutcome = new Map<DiscoveryOutcome, number>();
    for (const r of all) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
    return byOutcome;
  }, [all]);

  return (
    <Stack gap="xs" data-testid="discovery-run-results" data-run-id={run.id}>
      <Group justify="space-between" wrap="wrap">
        <Title order={5}>{t('discovery.historyView.resultsOf', { name: run.name })}</Title>
        <Group gap="xs" wrap="wrap">
          <AddResultsToGroup results={shown} />
          <SegmentedControl
          size="xs"
          aria-label={t('discovery.historyView.outcomeFilter')}
          value={outcome}
          onChange={(value) => setOutcome(DISCOVERY_OUTCOMES.find((o) => o === value) ?? 'all')}
          data={[
            { value: 'all', label: `${t('discovery.historyView.allOutcomes')} (${all.length})` },
            ...DISCOVERY_OUTCOMES.map((o) => ({ value: o, label: `${t(`discovery.outcomes.${o}`)} (${counts.get(o) ?? 0})` })),
          ]}
          />
        </Group>
      </Group>
      <RunSettingsView request={run.request} />
      {run.error !== null && (
        <Alert color="red" py={6}>
          {run.error}
        </Alert>
      )}
      {results.error && <Alert color="red">{t('discovery.historyView.loadFailed', { message: results.error.message })}</Alert>}
      <ResultsTable
        results={shown}
        columns={['outcome', 'address', 'label', 'methods', 'previousAddress', 'message']}
        height="max(240px, calc(100dvh - 560px))"
        label={t('discovery.historyView.results')}
        empty={results.data === null ? t('discovery.historyView.loading') : t('discovery.historyView.noResults')}
        onOpenDevice={openDevice}
      />
    </Stack>
  );
}
