import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { itemOutcomeSchema } from '../settings/item-outcome';
import { acquireSettingsParamsSchema, deliverSettingsParamsSchema, rebootParamsSchema } from '../settings/settings-task-params';
import { discoveryRequestSchema } from './discovery.contract';

/**
 * Tasks: saved, scheduled, repeatable actions over devices and groups (refresh, search, and
 * later settings delivery, reboot …), and the record of each execution. Times are epoch ms;
 * schedule times of day are in the console's local time zone.
 */

const id = z.number().int().positive();

/** "HH:MM", 24-hour clock, console local time. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');

/** When a task runs. Recurring kinds are computed in the console's local time zone. */
export const taskScheduleSchema = z.discriminatedUnion('kind', [
  /** Once when created, afterwards only by "run now". */
  z.object({ kind: z.literal('now') }),
  /** Once at a moment (must lie in the future when the task is saved). */
  z.object({ kind: z.literal('once'), at: z.number().int().positive() }),
  /** Every N minutes or hours, counted from startAt (first run at startAt) or from when the schedule was saved (first run one period later). */
  z.object({
    kind: z.literal('interval'),
    every: z.number().int().min(1).max(10_000),
    unit: z.enum(['minutes', 'hours']),
    startAt: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('daily'), time: timeOfDaySchema }),
  /** days: 0 = Sunday … 6 = Saturday. */
  z.object({ kind: z.literal('weekly'), days: z.array(z.number().int().min(0).max(6)).min(1).max(7), time: timeOfDaySchema }),
  /** day 1–31; in a month without that day the task runs on the month's last day. */
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), time: timeOfDaySchema }),
]);
export type TaskSchedule = z.infer<typeof taskScheduleSchema>;
export type TaskScheduleKind = TaskSchedule['kind'];

/** Devices by id and groups by id; a group's members are resolved when the task runs (an empty group is fine). */
export const taskTargetsSchema = z.object({
  deviceIds: z.array(id).max(100_000).default([]),
  groupIds: z.array(id).max(1_000).default([]),
});
export type TaskTargets = z.infer<typeof taskTargetsSchema>;

/** What to do about a run that fell due while the console was closed. */
export const MISSED_RUN_POLICIES = ['run-once', 'skip'] as const;
export type MissedRunPolicy = (typeof MISSED_RUN_POLICIES)[number];

export const TASK_TRIGGERS = ['manual', 'schedule', 'missed'] as const;
export type TaskTrigger = (typeof TASK_TRIGGERS)[number];

export const EXECUTION_STATES = ['queued', 'running', 'succeeded', 'partly-failed', 'failed', 'cancelled'] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];
export type FinalExecutionState = Exclude<ExecutionState, 'queued' | 'running'>;

/** Parameters of the 'refresh' type: none (the targets are read now). */
export const refreshParamsSchema = z.object({});
/** Parameters of the 'discovery' type: a search request as the discovery wizard builds it. */
export const discoveryTaskParamsSchema = discoveryRequestSchema;

const taskName = z.string().trim().min(1).max(120);
const mailAddress = z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'a mail address like ops@example.com');

/**
 * The kinds of work of the one job model: each a type and its parameters' schema, and an
 * executor in the core (core/tasks, core/settings). A new kind of work is one entry here and one
 * executor.
 */
export const coreTaskKindSchema = z.discriminatedUnion('type', [
  /** Reads the targets now (a full read). */
  z.object({ type: z.literal('refresh'), params: refreshParamsSchema.default({}) }),
  /** Runs a saved search; needs no targets. */
  z.object({ type: z.literal('discovery'), params: discoveryTaskParamsSchema }),
  /** Writes settings items and reads them back (optional reboot after). */
  z.object({ type: z.literal('deliverSettings'), params: deliverSettingsParamsSchema }),
  /** Reads every supported settings item and keeps the values. */
  z.object({ type: z.literal('acquireSettings'), params: acquireSettingsParamsSchema.default({}) }),
  /** Reboots and proves it. */
  z.object({ type: z.literal('reboot'), params: rebootParamsSchema.default({}) }),
]);
export type CoreTaskKind = z.infer<typeof coreTaskKindSchema>;
export type CoreTaskType = CoreTaskKind['type'];
export const CORE_TASK_TYPES: readonly CoreTaskType[] = ['refresh', 'discovery', 'deliverSettings', 'acquireSettings', 'reboot'];

/** A kind a plug-in registers, named "plugin-id.kind": its params are checked by the schema the plug-in registered with its executor. */
export const pluginTaskKindSchema = z.object({
  // abort: a core kind's failure must win over this branch's (see flattenIssues), not the other way round.
  type: z.string().regex(/^[a-z0-9][a-z0-9-]*\.[A-Za-z][A-Za-z0-9]*$/, { message: 'a task type of the core (refresh, discovery, deliverSettings, acquireSettings, reboot) or of a plug-in ("plugin-id.kind")', abort: true }),
  params: z.unknown().default({}),
});

/** Every kind: the core's, typed here, and the plug-ins'. */
export const taskKindSchema = z.union([coreTaskKindSchema, pluginTaskKindSchema]);
export type TaskKind = z.infer<typeof taskKindSchema>;

/** The editable fields of a task, without defaults (an update changes only what it names). */
const taskFields = {
  name: taskName,
  targets: taskTargetsSchema,
  params: z.unknown(),
  schedule: taskScheduleSchema,
  missedRunPolicy: z.enum(MISSED_RUN_POLICIES),
  /** Result mail after each execution to these addresses; none: no mail. */
  mailTo: z.array(mailAddress).max(50),
  enabled: z.boolean(),
};

/** A new task: a kind (type and its params) and targets, schedule, missed-run policy ('run-once'), mail and enabled (true). */
export const taskInputSchema = z
  .object({
    name: taskFields.name,
    targets: taskTargetsSchema.default({ deviceIds: [], groupIds: [] }),
    schedule: taskFields.schedule,
    missedRunPolicy: taskFields.missedRunPolicy.default('run-once'),
    mailTo: taskFields.mailTo.default([]),
    enabled: taskFields.enabled.default(true),
  })
  .and(taskKindSchema);
/** A change: the kind of a task is fixed; `params` are checked against its kind's schema by the core. */
export const taskUpdateSchema = z.object(taskFields).partial().extend({ id, params: z.unknown().optional() });
export type TaskInput = z.input<typeof taskInputSchema>;

export const executionSummarySchema = z.object({
  id,
  taskId: id,
  taskName: z.string(),
  trigger: z.enum(TASK_TRIGGERS),
  state: z.enum(EXECUTION_STATES),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Progress as the executor reports it (devices, addresses …). */
  done: z.number().int(),
  total: z.number().int(),
  /** Per-device results so far. */
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Why the whole execution failed or was cancelled. */
  error: z.string().nullable(),
});
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;

export const deviceResultSchema = z.object({
  /** Null for an address that never became a device (a search's failed probe). */
  deviceId: z.number().int().nullable(),
  /** Name or address at the time of the run. */
  label: z.string(),
  ok: z.boolean(),
  message: z.string(),
  at: z.number(),
  /** Per item, for kinds that have items (settings delivery and acquisition). */
  items: z.array(itemOutcomeSchema).optional(),
});
export type TaskDeviceResult = z.infer<typeof deviceResultSchema>;

export const taskSchema = z.object({
  id,
  name: z.string(),
  targets: z.object({ deviceIds: z.array(id), groupIds: z.array(id) }),
  schedule: taskScheduleSchema,
  missedRunPolicy: z.enum(MISSED_RUN_POLICIES),
  mailTo: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Who saved it first and last (user names; null for tasks from before accounts). */
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Next scheduled run; null when disabled or nothing more is scheduled. */
  nextRunAt: z.number().nullable(),
  lastExecution: executionSummarySchema.nullable(),
}).and(taskKindSchema);
export type Task = z.infer<typeof taskSchema>;

export const taskProgressSchema = z.object({ taskId: id, executionId: id, done: z.number().int(), total: z.number().int(), state: z.enum(EXECUTION_STATES) });
export type TaskProgress = z.infer<typeof taskProgressSchema>;

const executionId = z.object({ executionId: id });

export const tasksContract = {
  list: method(z.object({}), z.object({ tasks: z.array(taskSchema) }), 'Every saved task with its next run and last execution, by name. Never fails.', view('tasks')),
  get: method(z.object({ id }), taskSchema, "One task; 'not-found' when it is gone.", view('tasks')),
  create: method(
    taskInputSchema,
    taskSchema,
    "Saves a task and arms its schedule ('now' runs it at once); 'invalid-argument' names the bad field (params.…, schedule.at in the past, unknown type).",
    change('tasks'),
  ),
  update: method(
    taskUpdateSchema,
    taskSchema,
    "Changes a task; a new schedule or enabling re-arms it. 'not-found', 'invalid-argument' naming the field.",
    change('tasks'),
  ),
  copy: method(z.object({ id, name: taskName.optional() }), taskSchema, "Saves a copy (\"Copy of …\" unless named), disabled so it does not run twice; 'not-found'.", change('tasks')),
  remove: method(z.object({ id }), z.object({}), 'Deletes a task and its executions (a running one is cancelled first); unknown ids are no error.', change('tasks')),
  runNow: method(
    z.object({ id }),
    z.object({ executionId: id }),
    "Runs a task now (queued while its previous execution or the concurrency limit holds it); 'not-found', 'conflict' when one is already queued.",
    change('tasks'),
  ),
  run: method(
    z.object({ name: taskName.optional(), targets: taskTargetsSchema.default({ deviceIds: [], groupIds: [] }), mailTo: taskFields.mailTo.default([]) }).and(taskKindSchema),
    z.object({ executionId: id, taskId: id }),
    "Runs work once, now, as an execution of the one job model (progress events, cancel, per-device results, log) without saving a task to the list; 'invalid-argument' names the bad field as tasks.create does.",
    change('tasks'),
  ),
  cancel: method(executionId, z.object({}), "Cancels a queued or running execution; a finished one is no error; 'not-found'.", change('tasks')),
  listExecutions: method(
    z.object({ taskId: id.optional(), limit: z.number().int().min(1).max(1000).default(50) }),
    z.object({ executions: z.array(executionSummarySchema) }),
    'Executions (of one task, or of all), newest first. Never fails.',
    view('tasks'),
  ),
  getExecution: method(
    executionId,
    z.object({ execution: executionSummarySchema, devices: z.array(deviceResultSchema), log: z.array(z.object({ at: z.number(), line: z.string() })) }),
    "One execution with its per-device results and log; 'not-found'.",
    view('tasks'),
  ),
};
