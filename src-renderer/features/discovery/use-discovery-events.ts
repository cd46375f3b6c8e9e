import { useEffect, useMemo } from 'react';
import type { DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { useAppEvent } from '../../api/api-context';
import { useDiscoveryRunStore } from './discovery-run.store';

/** Found devices arriving in a burst are applied together, at most this often. */
const FOUND_FLUSH_MS = 100;

interface FoundBuffer {
  push(runId: number, result: DiscoveryResult): void;
  /** Applies what is pending now. */
  flush(): void;
}

function createFoundBuffer(apply: (runId: number, results: DiscoveryResult[]) => void): FoundBuffer {
  let batch: { runId: number; results: DiscoveryResult[] } | null = null;
  let timer = 0;
  const flush = (): void => {
    window.clearTimeout(timer);
    timer = 0;
    const current = batch;
    batch = null;
    if (current) apply(current.runId, current.results);
  };
  return {
    push(runId, result) {
      // A result of another search first applies what was gathered for the previous one.
      if (batch && batch.runId !== runId) flush();
      batch ??= { runId, results: [] };
      batch.results.push(result);
      if (timer === 0) timer = window.setTimeout(flush, FOUND_FLUSH_MS);
    },
    flush,
  };
}

/**
 * Feeds the watched search from pushed events: progress as it comes, found devices in batches
 * (a /16 can report hundreds a second; one store update each would re-render the panel as often).
 * Mount once, in the layout.
 */
export function useDiscoveryEvents(): void {
  const buffer = useMemo(() => createFoundBuffer((runId, results) => useDiscoveryRunStore.getState().found(runId, results)), []);
  useEffect(() => () => buffer.flush(), [buffer]);
  useAppEvent('discovery.found', ({ runId, result }) => buffer.push(runId, result));
  useAppEvent('discovery.progress', (progress) => {
    // What was found before the search says it ended belongs on screen with the end.
    if (progress.state !== 'running') buffer.flush();
    useDiscoveryRunStore.getState().progress(progress);
  });
}
