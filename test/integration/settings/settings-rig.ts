import type { AppApi } from '../../../src-shared/contract/app.contract';

type ExecutionDetail = Awaited<ReturnType<AppApi['tasks']['getExecution']>>;

/** Waits (bounded) for the latest execution of a task to finish; returns it with its results. */
export async function waitForExecution(api: AppApi, taskId: number, timeoutMs = 20_000): Promise<ExecutionDetail> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const [latest] = (await api.tasks.listExecutions({ taskId, limit: 1 })).executions;
    if (latest && latest.state !== 'queued' && latest.state !== 'running') return api.tasks.getExecution({ executionId: latest.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`task ${taskId} did not finish within ${timeoutMs} ms`);
}
