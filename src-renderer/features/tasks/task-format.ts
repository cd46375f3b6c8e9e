import type { ExecutionSummary } from '../../../src-shared/contract/tasks.contract';

/** Badge colour of each execution state (shared with plug-ins through ui/). */
export { EXECUTION_STATE_COLORS } from '../../ui/task-text';

/** Queued or running: it can still be cancelled. */
export function isActive(execution: Pick<ExecutionSummary, 'state'>): boolean {
  return execution.state === 'queued' || execution.state === 'running';
}

/** How long it ran (so far, while running); null before it started. */
export function executionDurationMs(execution: Pick<ExecutionSummary, 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (execution.startedAt === null) return null;
  return Math.max(0, (execution.finishedAt ?? now) - execution.startedAt);
}
