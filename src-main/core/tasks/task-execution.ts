import type { ItemOutcome } from '../../../src-shared/settings/item-outcome';
import type { ExecutionState, FinalExecutionState, TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import type { Clock } from '../monitor/clock';
import type { Mailer } from '../mail/mail-port';
import type { ActivityReporter } from '../metrics/console-activity';
import type { TaskExecutionsRepository } from '../store/task-executions.repository';
import type { StoredTask } from '../store/tasks.repository';
import { runSummaryText, tallyOutcome } from '../../../src-shared/wording/outcome-words';
import { resultMail } from './result-mail';
import type { ResolvedTargets } from './target-resolver';
import type { TaskContext, TaskExecutorRegistry } from './task-executor';

export interface TaskExecutionDeps {
  executions: TaskExecutionsRepository;
  registry: TaskExecutorRegistry;
  resolveTargets: (task: StoredTask) => ResolvedTargets;
  clock: Clock;
  mailer: Mailer | null;
  onProgress: (progress: { taskId: number; executionId: number; done: number; total: number; state: ExecutionState }) => void;
  /** Told of every execution that ends ('task.finished'), for the console's own statistics. */
  activity?: ActivityReporter;
  log: (line: string) => void;
}

/** Log lines kept per execution; later ones are counted, not stored. */
const MAX_LOG_LINES = 1000;
/** Device results written per transaction while an execution runs. */
const RESULT_BATCH = 100;
/** Progress events (and saved progress) at most this often, besides start and end. */
const PROGRESS_EVERY_MS = 250;

/**
 * One execution of a task from start to end: resolves the targets now, runs the executor with
 * a context that records per-device results, log lines and progress, then settles the state
 * (cancelled when aborted, failed when the executor rejected or every device failed,
 * partly-failed when some did, succeeded otherwise) and queues the result mail.
 */
export class TaskExecution {
  readonly controller = new AbortController();
  private readonly pending: TaskDeviceResult[] = [];
  private okCount = 0;
  private failedCount = 0;
  private logLines = 0;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private done = 0;
  private total = 0;

  constructor(
    readonly id: number,
    readonly task: StoredTask,
    private readonly deps: TaskExecutionDeps,
  ) {}

  cancel(reason: string): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Runs to the end; never rejects (the outcome is recorded). */
  async execute(): Promise<FinalExecutionState> {
    const { deps, task } = this;
    const { signal } = this.controller;
    const startedAt = deps.clock.now();
    deps.executions.markRunning(this.id, startedAt);
    this.emit('running');
    let error: string | null = null;
    try {
      const executor = deps.registry.require(task.type);
      // Never run with parameters that are not the task's: {} stands in for ones that did not open.
      if (task.paramsProblem !== undefined) throw new Error(sealedParamsMessage(task));
      const params = deps.registry.parseParams(task.type, task.params);
      const resolved = executor.usesTargets ? this.resolve() : null;
      const context: TaskContext = {
        executionId: this.id,
        taskId: task.id,
        taskName: task.name,
        requestedBy: task.updatedBy ?? task.createdBy,
        deviceIds: resolved?.deviceIds ?? [],
        params,
        signal,
        reportDevice: (deviceId, result) => this.report(deviceId, result.label ?? (deviceId === null ? 'unknown' : (resolved?.labels.get(deviceId) ?? `device ${deviceId}`)), result.ok, result.message, result.items),
        log: (line) => this.log(line),
        progress: (done, total) => this.progress(done, total),
      };
      if (!signal.aborted) await executor.run(context);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
      if (!signal.aborted) this.log(`failed: ${error}`);
    }
    const state: FinalExecutionState = signal.aborted ? 'cancelled' : error !== null ? 'failed' : this.settle();
    if (state === 'cancelled') error = typeof signal.reason === 'string' ? signal.reason : 'cancelled';
    this.flush();
    this.log(runSummaryText('en', state, { succeeded: this.okCount, failed: this.failedCount }));
    deps.executions.saveProgress(this.id, this.done, this.total);
    const finishedAt = deps.clock.now();
    deps.executions.finish(this.id, { state, finishedAt, error });
    this.emit(state);
    deps.activity?.emit('task.finished', { kind: task.type, state, ms: finishedAt - startedAt });
    this.sendMail();
    return state;
  }

  private resolve(): ResolvedTargets {
    const resolved = this.deps.resolveTargets(this.task);
    for (const id of resolved.missingDeviceIds) this.report(null, `device ${id}`, false, `device ${id} no longer exists (removed?)`);
    for (const id of resolved.missingGroupIds) this.log(`group ${id} no longer exists (removed?)`);
    for (const g of resolved.groupSizes) this.log(`group "${g.name}": ${g.members} device(s) now`);
    if (resolved.deviceIds.length === 0) this.log('no devices to run on now (empty groups are fine: nothing to do)');
    return resolved;
  }

  private settle(): FinalExecutionState {
    return tallyOutcome({ succeeded: this.okCount, failed: this.failedCount });
  }

  private report(deviceId: number | null, label: string, ok: boolean, message: string, items?: ItemOutcome[]): void {
    if (ok) this.okCount++;
    else this.failedCount++;
    this.pending.push({ deviceId, label, ok, message, at: this.deps.clock.now(), ...(items ? { items } : {}) });
    if (this.pending.length >= RESULT_BATCH) this.flush();
  }

  private flush(): void {
    this.deps.executions.addDeviceResults(this.id, this.pending.splice(0));
  }

  private log(line: string): void {
    this.logLines++;
    if (this.logLines < MAX_LOG_LINES) this.deps.executions.addLog(this.id, this.deps.clock.now(), line);
    else if (this.logLines === MAX_LOG_LINES) this.deps.executions.addLog(this.id, this.deps.clock.now(), `(log limit of ${MAX_LOG_LINES} lines reached; later lines are not kept)`);
  }

  private progress(done: number, total: number): void {
    this.done = Math.max(0, Math.floor(done));
    this.total = Math.max(this.done, Math.floor(total));
    const now = this.deps.clock.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS && this.done < this.total) return;
    this.lastProgressAt = now;
    this.flush();
    this.deps.executions.saveProgress(this.id, this.done, this.total);
    this.emit('running');
  }

  private emit(state: ExecutionState): void {
    this.deps.onProgress({ taskId: this.task.id, executionId: this.id, done: this.done, total: this.total, state });
  }

  private sendMail(): void {
    const { task, deps } = this;
    if (task.mailTo.length === 0) return;
    const execution = deps.executions.get(this.id);
    if (!execution) return;
    if (!deps.mailer) {
      this.log('result mail not sent: mail is not set up in this console');
      return;
    }
    try {
      const id = deps.mailer.enqueue(resultMail(task, execution, deps.executions.deviceResults(this.id), deps.mailer.consoleLink?.('#/tasks') ?? null));
      this.log(`result mail queued (mail ${id}) to ${task.mailTo.join(', ')}`);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.log(`result mail not sent: ${reason}`);
      deps.log(`task ${task.id} execution ${this.id}: result mail not sent: ${reason}`);
    }
  }
}

/** Why a task's parameters cannot be changed, copied or run: they are sealed with a key that does not open. */
export function sealedParamsMessage(task: Pick<StoredTask, 'name' | 'paramsProblem'>): string {
  return `the parameters of task "${task.name}" are sealed with a key that cannot be used (${task.paramsProblem ?? 'unknown reason'}); fix that, then edit the task — or delete it and create it again`;
}
