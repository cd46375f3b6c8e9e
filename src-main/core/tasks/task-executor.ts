import type { z } from 'zod';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ItemOutcome } from '../../../src-shared/settings/item-outcome';

/** What an executor gets for one execution. */
export interface TaskContext {
  executionId: number;
  taskId: number;
  /** Who the work is done for: the user who last saved the task (or created it), null for tasks from before accounts. */
  requestedBy: string | null;
  /** The targets resolved now: explicit devices plus the current members of the groups, without duplicates. */
  deviceIds: readonly number[];
  /** The task's params, parsed by the executor's paramsSchema. */
  params: unknown;
  /** Aborted when the execution is cancelled or the console closes; stop soon after. */
  signal: AbortSignal;
  /** One result per device; `label` names a device that is not (or no longer) in the store. */
  reportDevice(deviceId: number | null, result: { ok: boolean; message: string; label?: string; items?: ItemOutcome[] }): void;
  /** A line in the execution's log. */
  log(line: string): void;
  progress(done: number, total: number): void;
}

/**
 * One kind of task. `run` resolves when the work ended (also when cancelled) and rejects only
 * when the whole execution failed; per-device failures are results, not rejections.
 */
export interface TaskExecutor<P extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly paramsSchema: P;
  /** False for types that find their own targets (a search); the task then needs none. */
  readonly usesTargets: boolean;
  /** Why this kind cannot run now (its plug-in is disabled), or null; asked when a task is saved and when it runs. */
  unavailable?(): string | null;
  run(ctx: TaskContext & { params: z.output<P> }): Promise<void>;
}

/** The task types this console knows; later issues register more (settings delivery, reboot …). */
export class TaskExecutorRegistry {
  private readonly executors = new Map<string, TaskExecutor>();

  /** Throws RangeError when the type is registered already. */
  register(executor: TaskExecutor): this {
    if (this.executors.has(executor.type)) throw new RangeError(`task type "${executor.type}" is registered twice`);
    this.executors.set(executor.type, executor);
    return this;
  }

  get(type: string): TaskExecutor | null {
    return this.executors.get(type) ?? null;
  }

  types(): string[] {
    return [...this.executors.keys()].sort();
  }

  /** The executor of `type`; AppError 'invalid-argument' (field "type") listing the known types, 'unsupported' when it cannot run now (a disabled plug-in's kind). */
  require(type: string): TaskExecutor {
    const executor = this.get(type);
    if (!executor) throw new AppError('invalid-argument', `type: unknown task type "${type}" (known: ${this.types().join(', ')})`, { field: 'type' });
    const reason = executor.unavailable?.() ?? null;
    if (reason !== null) throw new AppError('unsupported', reason, { field: 'type' });
    return executor;
  }

  /** Params parsed by the type's schema; AppError 'invalid-argument' naming the first bad field ("params.methods.0.spec"). */
  parseParams(type: string, params: unknown): unknown {
    const parsed = this.require(type).paramsSchema.safeParse(params ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = ['params', ...(issue?.path ?? []).map(String)].join('.');
    throw new AppError('invalid-argument', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
}
