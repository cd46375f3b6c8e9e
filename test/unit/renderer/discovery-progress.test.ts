import { describe, expect, it } from 'vitest';
import type { DiscoveryCounts, DiscoveryProgress, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { formatDuration, formatElapsed, formatRate, progressBarView, runDurationMs } from '../../../src-renderer/features/discovery/discovery-format';
import { withFound, withProgress, withStarted, type LiveRun } from '../../../src-renderer/features/discovery/live-run';

const NO_COUNTS: DiscoveryCounts = { probed: 0, total: 0, answered: 0, new: 0, updated: 0, unchanged: 0, lost: 0, skipped: 0, failed: 0 };

function aProgress(change: Partial<Omit<DiscoveryProgress, 'counts'>> & { counts?: Partial<DiscoveryCounts> } = {}): DiscoveryProgress {
  const { counts, ...rest } = change;
  return { runId: 1, phase: 'probing', state: 'running', ratePerSecond: 0, etaSeconds: null, elapsedMs: 0, ...rest, counts: { ...NO_COUNTS, ...counts } };
}

function aResult(change: Partial<DiscoveryResult> = {}): DiscoveryResult {
  return { deviceId: 1, address: '10.0.0.1', port: 161, outcome: 'new', methods: ['addresses'], previousAddress: null, label: 'HP LaserJet', message: null, ...change };
}

describe('time left, elapsed time and rate', () => {
  it('shows minutes and seconds, and hours when there are some', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('rounds time left up (0.2 s left is not "0:00") and elapsed time down', () => {
    expect(formatDuration(0.2)).toBe('0:01');
    expect(formatElapsed(999)).toBe('0:00');
    expect(formatElapsed(61_500)).toBe('1:01');
  });

  it('never shows odd input as a negative or NaN time', () => {
    expect(formatDuration(-3)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
    expect(formatElapsed(Number.POSITIVE_INFINITY)).toBe('0:00');
  });

  it('shows a rate whole and grouped, with one decimal below 10', () => {
    expect(formatRate(12_345.6, 'en')).toBe('12,346');
    expect(formatRate(3.25, 'en')).toBe('3.3');
    expect(formatRate(4, 'en')).toBe('4');
    expect(formatRate(-1, 'en')).toBe('0');
    expect(formatRate(Number.NaN, 'ja')).toBe('0');
  });

  it('measures a run until it finished, or until now while it runs', () => {
    expect(runDurationMs({ startedAt: 1000, finishedAt: 4500 }, 9000)).toBe(3500);
    expect(runDurationMs({ startedAt: 1000, finishedAt: null }, 9000)).toBe(8000);
  });
});

describe('the progress bar', () => {
  it('shows probed / total as a whole percentage while running', () => {
    expect(progressBarView(aProgress({ counts: { probed: 5, total: 20 } }))).toEqual({ probed: 5, total: 20, percent: 25, indeterminate: false, running: true });
  });

  it('is indeterminate while there is nothing to count yet, and full once finished', () => {
    expect(progressBarView(aProgress({ phase: 'resolving' }))).toMatchObject({ indeterminate: true, running: true });
    expect(progressBarView(aProgress({ state: 'succeeded', phase: 'finished' }))).toMatchObject({ percent: 100, indeterminate: false, running: false });
    expect(progressBarView(aProgress({ state: 'cancelled', counts: { probed: 3, total: 20 } }))).toMatchObject({ probed: 3, percent: 100, running: false });
  });

  it('never shows more than the total or less than nothing', () => {
    expect(progressBarView(aProgress({ counts: { probed: 30, total: 20 } }))).toMatchObject({ probed: 20, percent: 100 });
    expect(progressBarView(aProgress({ counts: { probed: -2, total: 20 } }))).toMatchObject({ probed: 0, percent: 0 });
  });
});

describe('the watched search, from events', () => {
  it('follows a started run, and keeps what its events brought before start answered', () => {
    const early = withFound(null, 7, [aResult()]);
    expect(withStarted(early, 7)).toBe(early);
    expect(withStarted(early, 8)).toEqual({ runId: 8, progress: null, found: [] });
  });

  it('switches to a newer search and ignores late events of an older one', () => {
    let run: LiveRun | null = withProgress(null, aProgress({ runId: 3 }));
    run = withFound(run, 3, [aResult()]);
    const newer = withProgress(run, aProgress({ runId: 4 }));
    expect(newer).toMatchObject({ runId: 4, found: [] });
    expect(withProgress(newer, aProgress({ runId: 3, state: 'succeeded' }))).toBe(newer);
    expect(withFound(newer, 3, [aResult({ deviceId: 9 })])).toBe(newer);
  });

  it('lists devices in the order they answered; a device reported again replaces its line', () => {
    let run = withFound(null, 1, [aResult({ deviceId: 1 }), aResult({ deviceId: 2, address: '10.0.0.2' })]);
    run = withFound(run, 1, [aResult({ deviceId: 1, outcome: 'updated', methods: ['addresses', 'slp'] }), aResult({ deviceId: null, address: '10.0.0.9', outcome: 'failed' })]);
    expect(run?.found.map((r) => [r.address, r.outcome])).toEqual([
      ['10.0.0.1', 'updated'],
      ['10.0.0.2', 'new'],
      ['10.0.0.9', 'failed'],
    ]);
  });
});
