import type { AppEvents, AppImpl } from '../../../src-shared/contract/app.contract';
import type { ExecutionSummary, Task, TaskSchedule, TaskTargets } from '../../../src-shared/contract/tasks.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { Mailer } from '../mail/mail-port';
import type { ActivityReporter } from '../metrics/console-activity';
import type { Clock } from '../monitor/clock';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository } from '../store/groups.repository';
import type { TaskExecutionsRepository } from '../store/task-executions.repository';
import type { StoredTask, TaskFields, TasksRepository } from '../store/tasks.repository';
import { ExecutionQueue } from './execution-queue';
import { sealedParamsMessage } from './task-execution';
import { resolveTargets } from './target-resolver';
import type { TaskExecutorRegistry } from './task-executor';
import { TaskScheduler } from './task-scheduler';
import { wordMessage } from '../../../src-shared/wording/worded-message';

type TasksImpl = AppImpl['tasks'];

/** Finished executions kept per task; older ones are deleted as new ones finish. */
export const EXECUTIONS_KEPT_PER_TASK = 200;
/** Tasks run once (tasks.run) kept with their executions; older ones go as new ones are run. */
export const ONE_OFF_TASKS_KEPT = 500;

export interface TasksServiceDeps {
  tasks: TasksRepository;
  executions: TaskExecutionsRepository;
  devices: DevicesRepository;
  groups: GroupsRepository;
  registry: TaskExecutorRegistry;
  events: EventHub<AppEvents>;
  clock: Clock;
  /** Result mail goes through it; null: mail is not set up (the execution log says so). */
  mailer: Mailer | null;
  /** Executions running at once (default 2). */
  maxConcurrent?: number;
  /** Where each execution's end is reported (the console's own statistics). */
  activity?: ActivityReporter;
  log: (line: string) => void;
}

/**
 * The tasks part of the contract: saved tasks with schedules, their executions, run now and
 * cancel. Schedules fire only after start(); runNow works from construction. Expected
 * failures are AppError ('not-found', 'invalid-argument' naming the field, 'conflict');
 * changes are announced with tasks.changed and executions with task.progress.
 */
export class TasksService implements TasksImpl {
  private readonly queue: ExecutionQueue;
  private readonly scheduler: TaskScheduler;
  private recovered = false;

  constructor(private readonly deps: TasksServiceDeps) {
    const changed = (taskId: number): void => deps.events.emit('tasks.changed', { ids: [taskId] });
    this.queue = new ExecutionQueue({
      executions: deps.executions,
      registry: deps.registry,
      clock: deps.clock,
      mailer: deps.mailer,
      maxConcurrent: deps.maxConcurrent,
      activity: deps.activity,
      log: deps.log,
      resolveTargets: (task) => resolveTargets(task.targets, deps),
      currentTask: (id) => deps.tasks.get(id),
      onProgress: (progress) => deps.events.emit('task.progress', progress),
      onChanged: (taskId) => {
        if (!this.queue.isRunning(taskId)) deps.executions.prune(taskId, EXECUTIONS_KEPT_PER_TASK);
        changed(taskId);
      },
    });
    this.scheduler = new TaskScheduler({ tasks: deps.tasks, clock: deps.clock, log: deps.log, onChanged: changed, fire: (task, trigger) => this.enqueue(task, trigger) });
  }

  /** The task types this console runs; later modules register theirs here. */
  get registry(): TaskExecutorRegistry {
    return this.deps.registry;
  }

  /** Closes executions a stopped console left open, runs or skips missed runs, arms the schedules. Idempotent. */
  start(): void {
    this.recover();
    this.scheduler.start();
  }

  /** Stops the schedules, cancels waiting and running executions and waits for them to end. */
  async dispose(): Promise<void> {
    this.scheduler.dispose();
    await this.queue.close();
  }

  list: TasksImpl['list'] = () => {
    const latest = this.deps.executions.latestPerTask();
    return { tasks: this.deps.tasks.list().map((t) => toTask(t, latest.get(t.id) ?? null)) };
  };

  get: TasksImpl['get'] = ({ id }) => this.view(this.stored(id));

  create: TasksImpl['create'] = (input, context) => {
    this.deps.registry.authorise(input.type, context);
    const now = this.deps.clock.now();
    const params = this.check(input.type, input.params, input.targets, input.schedule, now);
    const by = context.caller?.userName ?? null;
    const fields: TaskFields = { ...input, params, createdAt: now, updatedAt: now, scheduleAnchor: now, nextRunAt: null, lastScheduledAt: null, createdBy: by, updatedBy: by };
    const draft = { ...fields, id: 0 };
    const task = this.deps.tasks.insert({ ...fields, nextRunAt: this.scheduler.nextRunOf(draft, now) });
    this.scheduler.arm();
    if (task.enabled && task.schedule.kind === 'now') this.enqueue(task, 'manual');
    this.deps.events.emit('tasks.changed', { ids: [task.id] });
    return this.view(task);
  };

  update: TasksImpl['update'] = ({ id, ...changes }, context) => {
    const current = this.stored(id);
    this.deps.registry.authorise(current.type, context);
    const now = this.deps.clock.now();
    const next: StoredTask = { ...current, ...definedOnly(changes), updatedAt: now, updatedBy: context.caller?.userName ?? null };
    const scheduleChanged = changes.schedule !== undefined && JSON.stringify(changes.schedule) !== JSON.stringify(current.schedule);
    if (current.paramsProblem !== undefined) {
      // The sealed parameters are kept as they are; what the editor shows of them is not them.
      if (changes.params !== undefined) throw new AppError('conflict', sealedParamsMessage(current));
      this.checkPlan(next.type, next.targets, scheduleChanged ? next.schedule : null, now);
    } else {
      next.params = this.check(next.type, next.params, next.targets, scheduleChanged ? next.schedule : null, now);
    }
    if (scheduleChanged) next.scheduleAnchor = now;
    // A new schedule or switching on starts counting from now; other edits keep the due time.
    if (scheduleChanged || (next.enabled && !current.enabled) || !next.enabled) next.nextRunAt = this.scheduler.nextRunOf(next, now);
    if (!this.deps.tasks.update(next)) notFound(id);
    this.scheduler.arm();
    this.deps.events.emit('tasks.changed', { ids: [id] });
    return this.view(next);
  };

  copy: TasksImpl['copy'] = ({ id, name }, context) => {
    const source = this.stored(id);
    this.deps.registry.authorise(source.type, context);
    if (source.paramsProblem !== undefined) throw new AppError('conflict', sealedParamsMessage(source));
    const now = this.deps.clock.now();
    // Disabled, so a copy of a scheduled task never runs beside its original before it is edited.
    const copyName = name ?? `Copy of ${source.name}`.slice(0, 120);
    const by = context.caller?.userName ?? null;
    const task = this.deps.tasks.insert({ ...source, name: copyName, enabled: false, createdAt: now, updatedAt: now, scheduleAnchor: now, nextRunAt: null, lastScheduledAt: null, createdBy: by, updatedBy: by });
    this.deps.events.emit('tasks.changed', { ids: [task.id] });
    return this.view(task);
  };

  remove: TasksImpl['remove'] = async ({ id }, context) => {
    const existing = this.deps.tasks.get(id);
    if (!existing) return {};
    this.deps.registry.authorise(existing.type, context);
    await this.queue.cancelTask(id, 'the task was deleted');
    this.deps.tasks.remove(id);
    this.scheduler.arm();
    this.deps.events.emit('tasks.changed', { ids: [id] });
    return {};
  };

  runNow: TasksImpl['runNow'] = ({ id }, context) => {
    const task = this.stored(id);
    this.deps.registry.authorise(task.type, context);
    const waiting = this.queue.hasWaiting(id);
    if (waiting !== null) throw new AppError('conflict', `task "${task.name}" already has an execution waiting to run (execution ${waiting})`, { executionId: waiting });
    const outcome = this.enqueue(task, 'manual');
    if (outcome === null) throw new AppError('conflict', `task "${task.name}" already has an execution waiting to run`);
    return { executionId: outcome };
  };

  run: TasksImpl['run'] = ({ name, type, targets, params, mailTo }, context) => {
    this.deps.registry.authorise(type, context);
    const now = this.deps.clock.now();
    const checked = this.check(type, params, targets, null, now);
    const by = context.caller?.userName ?? null;
    const task = this.deps.tasks.insertOneOff({
      name: name ?? `${type} (run once)`,
      type,
      targets,
      params: checked,
      schedule: { kind: 'now' },
      missedRunPolicy: 'skip',
      mailTo,
      enabled: false,
      createdAt: now,
      updatedAt: now,
      scheduleAnchor: now,
      nextRunAt: null,
      lastScheduledAt: null,
      createdBy: by,
      updatedBy: by,
    });
    this.deps.tasks.pruneOneOff(ONE_OFF_TASKS_KEPT);
    const executionId = this.enqueue(task, 'manual');
    if (executionId === null) throw new AppError('conflict', 'the execution could not be queued');
    return { executionId, taskId: task.id };
  };

  cancel: TasksImpl['cancel'] = ({ executionId }) => {
    if (!this.queue.cancel(executionId) && !this.deps.executions.get(executionId)) {
      throw new AppError('not-found', `execution ${executionId} does not exist`, { executionId });
    }
    return {};
  };

  listExecutions: TasksImpl['listExecutions'] = ({ taskId, limit }) => ({ executions: this.deps.executions.list(taskId ?? null, limit) });

  getExecution: TasksImpl['getExecution'] = ({ executionId }) => {
    const execution = this.deps.executions.get(executionId);
    if (!execution) throw new AppError('not-found', `execution ${executionId} does not exist`, { executionId });
    return { execution, devices: this.deps.executions.deviceResults(executionId), log: this.deps.executions.log(executionId) };
  };

  /** Queues an execution; the id, or null when the trigger was dropped for one already waiting. */
  private enqueue(task: StoredTask, trigger: 'manual' | 'schedule' | 'missed'): number | null {
    // No recovery here: a second process on the same store (the command line beside `serve`)
    // runs tasks without start(), and must not close the executions the console is running.
    const outcome = this.queue.trigger(task, trigger);
    return outcome.kind === 'queued' ? outcome.executionId : null;
  }

  private recover(): void {
    if (this.recovered) return;
    this.recovered = true;
    const closed = this.deps.executions.closeInterrupted(this.deps.clock.now());
    if (closed > 0) this.deps.log(`tasks: ${closed} execution(s) were cut short when the console last stopped`);
  }

  /** Checks a definition; returns the params as the type's schema parsed them. `schedule` null: unchanged, not checked. */
  private check(type: string, params: unknown, targets: TaskTargets, schedule: TaskSchedule | null, now: number): unknown {
    const parsed = this.deps.registry.parseParams(type, params);
    this.checkPlan(type, targets, schedule, now);
    return parsed;
  }

  /** Checks the targets and the schedule of a definition (check() without the parameters). */
  private checkPlan(type: string, targets: TaskTargets, schedule: TaskSchedule | null, now: number): void {
    const executor = this.deps.registry.require(type);
    if (schedule?.kind === 'once' && schedule.at <= now) {
      const time = new Date(schedule.at).toString();
      throw new AppError('invalid-argument', wordMessage('en', { key: 'taskScheduleInPast', params: { time } }), { field: 'schedule.at' }, { key: 'taskScheduleInPast', params: { time } });
    }
    if (executor.usesTargets) {
      if (targets.deviceIds.length === 0 && targets.groupIds.length === 0) {
        throw new AppError('invalid-argument', wordMessage('en', { key: 'taskNoTargets', params: {} }), { field: 'targets' }, { key: 'taskNoTargets', params: {} });
      }
      const known = new Set(this.deps.devices.listPollTargets().map((t) => t.id));
      const device = targets.deviceIds.find((d) => !known.has(d));
      if (device !== undefined) throw new AppError('invalid-argument', `targets.deviceIds: device ${device} does not exist`, { field: 'targets.deviceIds' }, { key: 'taskNoSuchDevice', params: { device } });
      const group = targets.groupIds.find((g) => this.deps.groups.getGroup(g) === null);
      if (group !== undefined) throw new AppError('invalid-argument', `targets.groupIds: group ${group} does not exist`, { field: 'targets.groupIds' }, { key: 'taskNoSuchGroup', params: { group } });
    }
  }

  private stored(id: number): StoredTask {
    return this.deps.tasks.get(id) ?? notFound(id);
  }

  private view(task: StoredTask): Task {
    return toTask(task, this.deps.executions.list(task.id, 1)[0] ?? null);
  }
}

function toTask(t: StoredTask, lastExecution: ExecutionSummary | null): Task {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    targets: t.targets,
    params: t.params,
    schedule: t.schedule,
    missedRunPolicy: t.missedRunPolicy,
    mailTo: t.mailTo,
    enabled: t.enabled,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    createdBy: t.createdBy,
    updatedBy: t.updatedBy,
    nextRunAt: t.nextRunAt,
    lastExecution,
  };
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function notFound(id: number): never {
  throw new AppError('not-found', `task ${id} does not exist (deleted?)`, { id });
}
