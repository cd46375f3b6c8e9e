import { change } from '../../../src-shared/auth/access';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { discoveryTaskParamsSchema } from '../../../src-shared/contract/tasks.contract';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { DiscoveryService } from '../discovery/discovery.service';
import type { TaskExecutor } from './task-executor';
import { internalContext } from '../../../src-shared/auth/call-context';
import { runSummaryText, searchCountsText, searchDeviceOutcome, searchOutcomeWord, searchRunOutcome, searchTally } from '../../../src-shared/wording/outcome-words';

export interface DiscoveryExecutorDeps {
  discovery: DiscoveryService;
  events: EventHub<AppEvents>;
}

const TASK_CONTEXT = internalContext();

/**
 * 'discovery': runs a saved search (the discovery wizard's request) through the discovery
 * service and waits for its end. Found devices (new, updated, unchanged) are successes; lost
 * devices and addresses that answered but could not be read are failures; non-printers
 * skipped by "printers only" are only counted in the log. Cancel cancels the search. A search
 * already running (started from the wizard, or by another task) is waited for, not failed on.
 */
export function discoveryExecutor(deps: DiscoveryExecutorDeps): TaskExecutor<typeof discoveryTaskParamsSchema> {
  return {
    type: 'discovery',
    access: change('deviceSearch'),
    paramsSchema: discoveryTaskParamsSchema,
    usesTargets: false,
    run: async (ctx) => {
      // One search at a time: wait for a running one (cancel still works while waiting).
      for (let attempt = 0; deps.discovery.runningId !== null && attempt < 100; attempt++) {
        if (attempt === 0) ctx.log(`waiting for search ${deps.discovery.runningId} to end`);
        await Promise.race([deps.discovery.whenIdle(), aborted(ctx.signal)]);
        if (ctx.signal.aborted) return;
      }
      // The search history names the run after its task (unless the search has a name of its own).
      const run = deps.discovery.begin(ctx.params.name || ctx.taskName === undefined ? ctx.params : { ...ctx.params, name: ctx.taskName });
      ctx.log(`search ${run.id} started`);
      const onAbort = (): void => run.cancel();
      ctx.signal.addEventListener('abort', onAbort);
      const unsubscribe = deps.events.subscribe((name, payload) => {
        if (name !== 'discovery.progress') return;
        const progress = payload as AppEvents['discovery.progress'];
        if (progress.runId === run.id) ctx.progress(progress.counts.probed, progress.counts.total);
      });
      try {
        await run.done;
      } finally {
        unsubscribe();
        ctx.signal.removeEventListener('abort', onAbort);
      }
      const { run: finished, results } = await deps.discovery.getRun({ runId: run.id }, TASK_CONTEXT);
      const c = finished.counts;
      // The same words and the same judgement as the search panel and the history (outcome-words.ts).
      const outcome = searchRunOutcome(finished.state, c);
      ctx.log(`search ${run.id} ${runSummaryText('en', outcome, searchTally(c))} (${c.answered} answered: ${searchCountsText('en', c)})`);
      if (finished.state === 'failed') throw new Error(`search ${run.id} failed: ${finished.error ?? 'unknown error'}`);
      for (const result of results) {
        const counted = searchDeviceOutcome(result.outcome);
        if (counted === null) continue;
        ctx.reportDevice(result.deviceId, { ok: counted === 'succeeded', message: describe(result), label: result.label || result.address });
      }
    },
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** "Unchanged at 127.20.0.1:1161", "Lost: did not answer at …": the search's own outcome word first. */
function describe(result: DiscoveryResult): string {
  const where = result.port === 161 ? result.address : `${result.address}:${result.port}`;
  const word = searchOutcomeWord('en', result.outcome);
  switch (result.outcome) {
    case 'new':
      return `${word} device at ${where}`;
    case 'unchanged':
      return `${word} at ${where}`;
    case 'updated':
      return result.previousAddress ? `${word}: moved from ${result.previousAddress} to ${where}` : `${word} at ${where}`;
    case 'lost':
      return `${word}: did not answer at ${where}`;
    case 'failed':
      return `${word}: answered at ${where} but could not be read${result.message ? `: ${result.message}` : ''}`;
    case 'skipped':
      return `${word} at ${where}${result.message ? `: ${result.message}` : ''}`;
    default:
      return result.outcome satisfies never;
  }
}
