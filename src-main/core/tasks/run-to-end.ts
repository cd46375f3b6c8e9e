import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { TaskKind } from '../../../src-shared/contract/tasks.contract';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { TasksService } from './tasks.service';

type ExecutionDetail = Awaited<ReturnType<TasksService['getExecution']>>;

/**
 * Runs work once through the job model (tasks.run) and resolves with the finished execution:
 * for callers that answer when the work is done (devices.refresh), the work is still an
 * execution like any other — persisted, with progress events, per-device results, a log, and
 * cancellable by tasks.cancel from any console while it runs.
 */
export async function runToEnd(tasks: TasksService, events: EventHub<AppEvents>, work: TaskKind & { name: string; targets: { deviceIds: number[]; groupIds: number[] } }, context: CallContext): Promise<ExecutionDetail> {
  let wake: (executionId: number) => void = () => undefined;
  const ended = new Set<number>();
  const stop = events.subscribe((name, payload) => {
    if (name !== 'task.progress') return;
    const progress = payload as AppEvents['task.progress'];
    if (progress.state === 'queued' || progress.state === 'running') return;
    ended.add(progress.executionId);
    wake(progress.executionId);
  });
  try {
    const { executionId } = await tasks.run({ ...work, mailTo: [] }, context);
    if (!ended.has(executionId)) {
      await new Promise<void>((resolve) => {
        wake = (id) => {
          if (id === executionId) resolve();
        };
        // It may have ended between run() and now.
        if (ended.has(executionId)) resolve();
      });
    }
    return await tasks.getExecution({ executionId }, context);
  } finally {
    stop();
  }
}
