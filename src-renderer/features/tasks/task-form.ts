import { taskInputSchema, type MissedRunPolicy, type Task, type TaskInput, type TaskSchedule } from '../../../src-shared/contract/tasks.contract';
import { mailAddressSchema } from '../../../src-shared/contract/mail.contract';
import { initialDiscoveryForm, type DiscoveryForm } from '../discovery/discovery-form';
import { buildDiscoveryRequest } from '../discovery/discovery-validation';
import { addProblem, schemaProblems, splitAddresses, type Built, type FormProblem, type FormProblems, type NumberDraft } from '../forms/form-problems';
import { fromLocalInput, normaliseTime, TIME_OF_DAY, toLocalInput } from '../forms/local-time';
import { discoveryFormOfParams } from './discovery-params';

/**
 * The task wizard's draft and its translation into tasks.create / tasks.update: what the person
 * typed, kept as the fields hold it; buildTaskInput checks it with the contract's schema.
 */

/** The task types the console offers (the core may know more; a task of another type is shown, not edited). */
export const TASK_TYPES = ['refresh', 'discovery'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const SCHEDULE_KINDS = ['now', 'once', 'interval', 'daily', 'weekly', 'monthly'] as const satisfies readonly TaskSchedule['kind'][];

export interface ScheduleDraft {
  kind: TaskSchedule['kind'];
  /** once: a datetime-local value. */
  onceAt: string;
  every: NumberDraft;
  unit: 'minutes' | 'hours';
  /** interval: a datetime-local value; '' counts from saving. */
  startAt: string;
  /** daily, weekly, monthly: "HH:MM". */
  time: string;
  /** weekly: 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** monthly: 1–31. */
  day: NumberDraft;
}

export interface TaskForm {
  /** null for a new task. */
  id: number | null;
  name: string;
  type: TaskType;
  deviceIds: number[];
  groupIds: number[];
  /** A search task's params, as the discovery wizard edits them. */
  discovery: DiscoveryForm;
  schedule: ScheduleDraft;
  missedRunPolicy: MissedRunPolicy;
  /** Addresses separated by commas or blanks. */
  mailTo: string;
  enabled: boolean;
}

/** Where a message is shown. The search step's fields report through the discovery form's own problems. */
export type TaskField = 'name' | 'type' | 'targets' | 'params' | 'schedule' | 'schedule.at' | 'schedule.every' | 'schedule.startAt' | 'schedule.time' | 'schedule.days' | 'schedule.day' | 'mailTo' | 'general';

/** The step of the wizard that shows a field: 0 task, 1 search, 2 schedule. */
export function stepOfTaskField(field: TaskField): 0 | 1 | 2 {
  if (field === 'params') return 1;
  if (field.startsWith('schedule') || field === 'mailTo') return 2;
  return 0;
}

export function initialScheduleDraft(): ScheduleDraft {
  return { kind: 'interval', onceAt: '', every: 60, unit: 'minutes', startAt: '', time: '08:00', days: [1, 2, 3, 4, 5], day: 1 };
}

export function initialTaskForm(): TaskForm {
  return { id: null, name: '', type: 'refresh', deviceIds: [], groupIds: [], discovery: initialDiscoveryForm(), schedule: initialScheduleDraft(), missedRunPolicy: 'run-once', mailTo: '', enabled: true };
}

/** The draft of a saved schedule (for editing it). */
export function scheduleDraftOf(schedule: TaskSchedule): ScheduleDraft {
  const draft = initialScheduleDraft();
  switch (schedule.kind) {
    case 'now':
      return { ...draft, kind: 'now' };
    case 'once':
      return { ...draft, kind: 'once', onceAt: toLocalInput(schedule.at) };
    case 'interval':
      return { ...draft, kind: 'interval', every: schedule.every, unit: schedule.unit, startAt: schedule.startAt === undefined ? '' : toLocalInput(schedule.startAt) };
    case 'daily':
      return { ...draft, kind: 'daily', time: schedule.time };
    case 'weekly':
      return { ...draft, kind: 'weekly', days: [...schedule.days], time: schedule.time };
    case 'monthly':
      return { ...draft, kind: 'monthly', day: schedule.day, time: schedule.time };
  }
}

/** The form for editing a saved task. */
export function taskFormOf(task: Task): TaskForm {
  const type: TaskType = task.type === 'discovery' ? 'discovery' : 'refresh';
  return {
    id: task.id,
    name: task.name,
    type,
    deviceIds: [...task.targets.deviceIds],
    groupIds: [...task.targets.groupIds],
    discovery: type === 'discovery' ? discoveryFormOfParams(task.params) : initialDiscoveryForm(),
    schedule: scheduleDraftOf(task.schedule),
    missedRunPolicy: task.missedRunPolicy,
    mailTo: task.mailTo.join(', '),
    enabled: task.enabled,
  };
}

/** The schedule the draft describes, or null (problems added, under the schedule fields) when it describes none. */
export function scheduleOf(draft: ScheduleDraft, now: number, problems: FormProblems<TaskField>): TaskSchedule | null {
  const fail = (field: TaskField, problem: FormProblem): null => {
    addProblem(problems, field, problem);
    return null;
  };
  const time = normaliseTime(draft.time);
  const needsTime = draft.kind === 'daily' || draft.kind === 'weekly' || draft.kind === 'monthly';
  if (needsTime && !TIME_OF_DAY.test(time)) addProblem(problems, 'schedule.time', { key: 'time' });
  switch (draft.kind) {
    case 'now':
      return { kind: 'now' };
    case 'once': {
      if (draft.onceAt.trim() === '') return fail('schedule.at', { key: 'date' });
      const at = fromLocalInput(draft.onceAt);
      if (at === null) return fail('schedule.at', { key: 'date' });
      if (at <= now) return fail('schedule.at', { key: 'inPast' });
      return { kind: 'once', at };
    }
    case 'interval': {
      if (draft.every === '') return fail('schedule.every', { key: 'required' });
      let startAt: number | undefined;
      if (draft.startAt.trim() !== '') {
        const parsed = fromLocalInput(draft.startAt);
        if (parsed === null) return fail('schedule.startAt', { key: 'date' });
        startAt = parsed;
      }
      return { kind: 'interval', every: draft.every, unit: draft.unit, ...(startAt === undefined ? {} : { startAt }) };
    }
    case 'daily':
      return { kind: 'daily', time };
    case 'weekly':
      if (draft.days.length === 0) addProblem(problems, 'schedule.days', { key: 'noDays' });
      return { kind: 'weekly', days: [...new Set(draft.days)].sort(), time };
    case 'monthly':
      if (draft.day === '') return fail('schedule.day', { key: 'required' });
      return { kind: 'monthly', day: draft.day, time };
  }
}

/** Where a problem at `path` of a task input is shown. */
export function taskFieldOfPath(path: readonly PropertyKey[]): TaskField {
  const [head, second] = path;
  switch (head) {
    case 'name':
    case 'type':
    case 'targets':
    case 'mailTo':
      return head;
    case 'params':
      return 'params';
    case 'schedule':
      if (second === 'at' || second === 'every' || second === 'startAt' || second === 'time' || second === 'days' || second === 'day') return `schedule.${second}`;
      return 'schedule';
    default:
      return 'general';
  }
}

/**
 * The create/update input the form describes, or the problems keeping it from being sent. `now`
 * judges "once" times (must lie ahead). A search task's params are the discovery form's request;
 * its problems are reported under 'params' (the search step shows them field by field). Never throws.
 */
export function buildTaskInput(form: TaskForm, now: number): Built<TaskInput, TaskField> {
  const problems: FormProblems<TaskField> = {};
  if (form.name.trim() === '') addProblem(problems, 'name', { key: 'required' });
  if (form.type === 'refresh' && form.deviceIds.length === 0 && form.groupIds.length === 0) addProblem(problems, 'targets', { key: 'noTargets' });
  let params: unknown = {};
  if (form.type === 'discovery') {
    const built = buildDiscoveryRequest(form.discovery);
    if (built.ok) params = built.request;
    else addProblem(problems, 'params', { key: 'required' });
  }
  const schedule = scheduleOf(form.schedule, now, problems);
  const mailTo = splitAddresses(form.mailTo);
  const badAddress = mailTo.find((address) => !mailAddressSchema.safeParse(address).success);
  if (badAddress !== undefined) addProblem(problems, 'mailTo', { key: 'badAddress', address: badAddress });
  if (schedule === null) return { ok: false, problems };

  const input: TaskInput = {
    name: form.name,
    type: form.type,
    // A search has no targets: it finds its own devices.
    targets: form.type === 'refresh' ? { deviceIds: form.deviceIds, groupIds: form.groupIds } : { deviceIds: [], groupIds: [] },
    params,
    schedule,
    missedRunPolicy: form.missedRunPolicy,
    mailTo,
    enabled: form.enabled,
  };
  const parsed = taskInputSchema.safeParse(input);
  if (!parsed.success) for (const [field, problem] of Object.entries(schemaProblems(parsed.error, taskFieldOfPath))) if (problem) addProblem(problems, field as TaskField, problem);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: input };
}

/** The schedule a draft describes, or null while it describes none (for the wizard's "Runs: …" line). */
export function scheduleOfDraft(draft: ScheduleDraft, now: number): TaskSchedule | null {
  const problems: FormProblems<TaskField> = {};
  const schedule = scheduleOf(draft, now, problems);
  return Object.keys(problems).length === 0 ? schedule : null;
}
