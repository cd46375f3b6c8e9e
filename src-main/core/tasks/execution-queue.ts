import type { TaskTrigger } from '../../../src-shared/contract/tasks.contract';
import type { StoredTask } from '../store/tasks.repository';
import { TaskExecution, type TaskExecutionDeps } from './task-execution';

export const DEFAULT_MAX_CONCURRENT = 2;

/** What became of a trigger. */
export type TriggerOutcome =
  | { kind: 'queued'; executionId: number }
  /** The task already has an execution waiting: this trigger was dropped in its favour. */
  | { kind: 'dropped'; waitingExecutionId: number };

export interface ExecutionQueueDeps extends TaskExecutionDeps {
  /** Executions running at once (default 2). */
  maxConcurrent?: number;
  /** The task as it is now (an execution runs the current definition); null when deleted. */
  currentTask: (taskId: number) => StoredTask | null;
  /** An execution was queued, started or finished. */
  onChanged: (taskId: number) => void;
}

interface Waiting {
  executionId: number;
  taskId: number;
}

/**
 * Runs executions with bounded concurrency. The rule for overlap: a task runs at most once at
 * a time and has at most one execution waiting. A trigger while the task runs queues one; a
 * further trigger while one waits is dropped (and logged in the waiting execution's log).
 * Waiting executions start in the order they were queued, skipping tasks that are running.
 */
export class ExecutionQueue {
  private readonly waiting: Waiting[] = [];
  private readonly running = new Map<number, { execution: TaskExecution; done: Promise<void> }>();
  private readonly maxConcurrent: number;
  private closed = false;

  constructor(private readonly deps: ExecutionQueueDeps) {
    this.maxConcurrent = deps.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
    if (!(Number.isInteger(this.maxConcurrent) && this.maxConcurrent >= 1)) throw new RangeError(`maxConcurrent must be a whole number ≥ 1, got ${this.maxConcurrent}`);
  }

  /** Queues an execution of `task` (and starts it when a slot is free), or drops the trigger as described above. */
  trigger(task: StoredTask, trigger: TaskTrigger): TriggerOutcome {
    const { deps } = this;
    const waiting = this.waiting.find((w) => w.taskId === task.id);
    if (waiting) {
      const line = `a ${trigger} trigger was dropped: this execution was still waiting to run`;
      deps.executions.addLog(waiting.executionId, deps.clock.now(), line);
      deps.log(`task ${task.id} ("${task.name}"): ${line} (execution ${waiting.executionId})`);
      return { kind: 'dropped', waitingExecutionId: waiting.executionId };
    }
    if (this.closed) throw new Error('the tasks module is closed');
    const execution = deps.executions.create({ taskId: task.id, taskName: task.name, trigger, queuedAt: deps.clock.now() });
    if (this.isRunning(task.id)) deps.executions.addLog(execution.id, deps.clock.now(), 'waiting: the previous execution of this task is still running');
    this.waiting.push({ executionId: execution.id, taskId: task.id });
    deps.onProgress({ taskId: task.id, executionId: execution.id, done: 0, total: 0, state: 'queued' });
    deps.onChanged(task.id);
    this.pump();
    return { kind: 'queued', executionId: execution.id };
  }

  /** Cancels a waiting or running execution; false when this queue does not hold it (finished or unknown). */
  cancel(executionId: number, reason = 'cancelled by the user'): boolean {
    const index = this.waiting.findIndex((w) => w.executionId === executionId);
    if (index >= 0) {
      const [w] = this.waiting.splice(index, 1) as [Waiting];
      this.closeWaiting(w, reason);
      return true;
    }
    const run = this.running.get(executionId);
    run?.execution.cancel(reason);
    return run !== undefined;
  }

  /** Cancels everything of a task and resolves when its running execution has ended. */
  async cancelTask(taskId: number, reason: string): Promise<void> {
    for (const w of this.waiting.filter((x) => x.taskId === taskId)) this.cancel(w.executionId, reason);
    const ends = [...this.running.values()].filter((r) => r.execution.task.id === taskId);
    for (const r of ends) r.execution.cancel(reason);
    await Promise.all(ends.map((r) => r.done));
  }

  isRunning(taskId: number): boolean {
    return [...this.running.values()].some((r) => r.execution.task.id === taskId);
  }

  hasWaiting(taskId: number): number | null {
    return this.waiting.find((w) => w.taskId === taskId)?.executionId ?? null;
  }

  get runningCount(): number {
    return this.running.size;
  }

  /** Stops taking work, cancels what waits and what runs, and resolves when every execution has ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) this.closeWaiting(w, 'the console closed before it ran');
    const all = [...this.running.values()];
    for (const r of all) r.execution.cancel('the console closed during the execution');
    await Promise.all(all.map((r) => r.done));
  }

  private closeWaiting(w: Waiting, reason: string): void {
    const { deps } = this;
    deps.executions.addLog(w.executionId, deps.clock.now(), reason);
    deps.executions.finish(w.executionId, { state: 'cancelled', finishedAt: deps.clock.now(), error: reason });
    deps.onProgress({ taskId: w.taskId, executionId: w.executionId, done: 0, total: 0, state: 'cancelled' });
    deps.onChanged(w.taskId);
  }

  /** Starts waiting executions while slots are free (each step takes one off the waiting list). */
  private pump(): void {
    while (!this.closed && this.running.size < this.maxConcurrent) {
      const index = this.waiting.findIndex((w) => !this.isRunning(w.taskId));
      if (index < 0) return;
      const [next] = this.waiting.splice(index, 1) as [Waiting];
      this.start(next);
    }
  }

  private start(w: Waiting): void {
    const task = this.deps.currentTask(w.taskId);
    // Deleted while waiting: its execution went with it.
    if (!task) return;
    const execution = new TaskExecution(w.executionId, task, this.deps);
    const done = execution
      .execute()
      .catch((error: unknown) => this.deps.log(`task ${task.id} execution ${w.executionId} could not be recorded: ${error instanceof Error ? error.message : String(error)}`))
      .then(() => {
        this.running.delete(w.executionId);
        this.deps.onChanged(task.id);
        this.pump();
      });
    this.running.set(w.executionId, { execution, done });
    this.deps.onChanged(task.id);
  }
}
