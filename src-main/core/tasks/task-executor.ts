import type { z } from 'zod';
import { allows, type MethodAccess } from '../../../src-shared/auth/access';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';
import type { ItemOutcome } from '../../../src-shared/settings/item-outcome';

/** What an executor gets for one execution. */
export interface TaskContext {
  executionId: number;
  taskId: number;
  /** The task's name now: work that keeps a history of its own (a search) names its run after it. */
  taskName?: string;
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
  /** What a caller needs, besides "tasks: change", to save, run or remove a task of this kind (the function its work belongs to). */
  readonly access?: MethodAccess;
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

  /**
   * Refuses ('forbidden') a caller who may not do the work of `type`: a user with "tasks: change"
   * but without the kind's own function cannot reach it through a task. Calls without a caller
   * (the console's own) pass.
   */
  authorise(type: string, context: CallContext): void {
    const access = this.get(type)?.access;
    if (!access || context.caller === null || allows(context.caller, access)) return;
    const need = access.kind === 'function' ? `"${access.function}: ${access.level}"` : 'to be signed in';
    throw new AppError('forbidden', `You may not do this: a task of type "${type}" needs ${need} as well as tasks. Ask an administrator for the right.`);
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
