import type { DiscoveryProgress, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';

/**
 * The search this console watches, built from pushed events: its last progress and what it found
 * so far. Pure: the store applies these, tests call them directly.
 */
export interface LiveRun {
  runId: number;
  /** null until the first progress event. */
  progress: DiscoveryProgress | null;
  /** In the order they answered; a device reported again replaces its earlier line. */
  found: readonly DiscoveryResult[];
}

/** Bounds memory for a search that reports a huge number of failures; the history has them all. */
export const MAX_LIVE_RESULTS = 50_000;

function emptyRun(runId: number): LiveRun {
  return { runId, progress: null, found: [] };
}

/**
 * The run to apply an event of `runId` to: the current one, a fresh one when a newer search
 * began (here or in another console), or null for a late event of an older search.
 */
function runFor(run: LiveRun | null, runId: number): LiveRun | null {
  if (run === null || runId > run.runId) return emptyRun(runId);
  return runId === run.runId ? run : null;
}

/** After discovery.start answered: watch `runId` (kept as is when its events came first). */
export function withStarted(run: LiveRun | null, runId: number): LiveRun {
  return run !== null && run.runId === runId ? run : emptyRun(runId);
}

/** A 'discovery.progress' event applied; events of an older search are ignored. */
export function withProgress(run: LiveRun | null, progress: DiscoveryProgress): LiveRun | null {
  const target = runFor(run, progress.runId);
  return target === null ? run : { ...target, progress };
}

function resultKey(result: DiscoveryResult): string {
  return result.deviceId !== null ? `#${result.deviceId}` : `${result.address}:${result.port}`;
}

/** A batch of 'discovery.found' events of one search applied; a device seen again replaces its line. */
export function withFound(run: LiveRun | null, runId: number, results: readonly DiscoveryResult[]): LiveRun | null {
  const target = runFor(run, runId);
  if (target === null || results.length === 0) return target === null ? run : target;
  const found = [...target.found];
  const index = new Map(found.map((r, i) => [resultKey(r), i]));
  for (const result of results) {
    const key = resultKey(result);
    const at = index.get(key);
    if (at !== undefined) found[at] = result;
    else if (found.length < MAX_LIVE_RESULTS) {
      index.set(key, found.length);
      found.push(result);
    }
  }
  return { ...target, found };
}
