import { taskInputSchema, type MissedRunPolicy, type Task, type TaskInput } from '../../../src-shared/contract/tasks.contract';
import { SETTING_IDS, needsReboot, type SettingId, type SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { addProblem, schemaProblems, type FormProblems } from '../forms/form-problems';
import { initialScheduleDraft, scheduleDraftOf, scheduleOf, taskFieldOfPath, type ScheduleDraft, type TaskField } from '../tasks/task-form';
import { chosenValues, emptyItemsDraft, itemProblems, itemsDraftOf, type ItemProblems, type ItemsDraft } from './settings-draft';

/**
 * The device settings wizard's draft and its translation into tasks.create / tasks.update of
 * kind 'deliverSettings': targets, items and values, reboot after, name and schedule. Pure.
 */

/** Steps: 0 targets, 1 items, 2 devices (support and credentials), 3 schedule and name. */
export const DELIVERY_STEPS = [0, 1, 2, 3] as const;
export type DeliveryStep = (typeof DELIVERY_STEPS)[number];

export interface DeliveryForm {
  /** The saved task edited, or null for a new one. */
  id: number | null;
  name: string;
  deviceIds: number[];
  groupIds: number[];
  items: ItemsDraft;
  reboot: boolean;
  schedule: ScheduleDraft;
  missedRunPolicy: MissedRunPolicy;
  enabled: boolean;
}

/** Where a problem is shown: the task fields, and 'items' for "nothing ticked". Item values have their own problems. */
export type DeliveryField = TaskField | 'items';

export interface DeliveryProblems {
  fields: FormProblems<DeliveryField>;
  items: ItemProblems;
}

export function initialDeliveryForm(start: { deviceIds?: readonly number[]; groupIds?: readonly number[]; values?: Partial<Record<SettingId, SettingValue>> } = {}): DeliveryForm {
  return {
    id: null,
    name: '',
    deviceIds: [...(start.deviceIds ?? [])],
    groupIds: [...(start.groupIds ?? [])],
    items: start.values ? itemsDraftOf(start.values) : emptyItemsDraft(),
    reboot: false,
    // A delivery is mostly run at once; a schedule is a choice.
    schedule: { ...initialScheduleDraft(), kind: 'now' },
    missedRunPolicy: 'run-once',
    enabled: true,
  };
}

function isSettingId(id: string): id is SettingId {
  return (SETTING_IDS as readonly string[]).includes(id);
}

function isValues(value: unknown): value is Record<string, SettingValue> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number');
}

/** The form for editing a saved delivery task (its values ticked). */
export function deliveryFormOf(task: Task): DeliveryForm {
  const params: unknown = task.type === 'deliverSettings' ? task.params : null;
  const record = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const values: Partial<Record<SettingId, SettingValue>> = {};
  if (isValues(record.values)) for (const [id, value] of Object.entries(record.values)) if (isSettingId(id)) values[id] = value;
  const items: ItemsDraft = { chosen: SETTING_IDS.filter((id) => values[id] !== undefined), values };
  return {
    id: task.id,
    name: task.name,
    deviceIds: [...task.targets.deviceIds],
    groupIds: [...task.targets.groupIds],
    items,
    reboot: record.reboot === true,
    schedule: scheduleDraftOf(task.schedule),
    missedRunPolicy: task.missedRunPolicy,
    enabled: task.enabled,
  };
}

/** The step that shows a field. */
export function stepOfDeliveryField(field: DeliveryField): DeliveryStep | null {
  if (field === 'targets') return 0;
  if (field === 'items' || field === 'params') return 1;
  if (field === 'name' || field === 'mailTo' || field.startsWith('schedule')) return 3;
  return null;
}

/** Where a refused field's path is shown: params.values.<item> under the item, else as a task field. */
export function deliveryPlaceOfPath(path: readonly PropertyKey[]): { item: SettingId } | { field: DeliveryField } {
  const [head, second, third] = path;
  if (head === 'params' && second === 'values' && typeof third === 'string' && isSettingId(third)) return { item: third };
  if (head === 'params' && second === 'values') return { field: 'items' };
  return { field: taskFieldOfPath(path) };
}

/** Whether the ticked items take effect only after a reboot. */
export function itemsNeedReboot(items: ItemsDraft): boolean {
  return needsReboot(items.chosen);
}

/**
 * The tasks.create input the form describes, or the problems keeping it from being sent (each
 * under its field or item). `fallbackName` names a task left unnamed; `now` judges a "once"
 * time. Never throws.
 */
export function buildDeliveryInput(form: DeliveryForm, now: number, fallbackName: string): { ok: true; value: TaskInput } | { ok: false; problems: DeliveryProblems } {
  const fields: FormProblems<DeliveryField> = {};
  const items = itemProblems(form.items);
  if (form.deviceIds.length === 0 && form.groupIds.length === 0) addProblem(fields, 'targets', { key: 'noTargets' });
  if (form.items.chosen.length === 0) addProblem(fields, 'items', { key: 'required' });
  const schedule = scheduleOf(form.schedule, now, fields as FormProblems<TaskField>);
  const name = form.name.trim() === '' ? fallbackName : form.name.trim();
  const fail = () => ({ ok: false as const, problems: { fields, items } });
  if (schedule === null || Object.keys(fields).length > 0 || Object.keys(items).length > 0) return fail();
  const input: TaskInput = {
    name: name.slice(0, 120),
    type: 'deliverSettings',
    targets: { deviceIds: form.deviceIds, groupIds: form.groupIds },
    params: { values: chosenValues(form.items), reboot: form.reboot },
    schedule,
    missedRunPolicy: form.missedRunPolicy,
    enabled: form.enabled,
  };
  const parsed = taskInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const [field, problem] of Object.entries(schemaProblems(parsed.error, (path) => {
      const place = deliveryPlaceOfPath(path);
      return 'item' in place ? 'items' : place.field;
    })) as [DeliveryField, NonNullable<FormProblems<DeliveryField>[DeliveryField]>][]) addProblem(fields, field, problem);
    return fail();
  }
  return { ok: true, value: input };
}

/** The problems to show before a save was tried: only those about something typed (not "nothing picked yet"). */
export function quietProblems(problems: DeliveryProblems, attempted: boolean): DeliveryProblems {
  if (attempted) return problems;
  const fields: FormProblems<DeliveryField> = {};
  for (const [field, problem] of Object.entries(problems.fields) as [DeliveryField, NonNullable<FormProblems<DeliveryField>[DeliveryField]>][]) {
    if (problem.key !== 'required' && problem.key !== 'noTargets' && problem.key !== 'date' && problem.key !== 'noDays') fields[field] = problem;
  }
  const items: ItemProblems = {};
  for (const [id, problem] of Object.entries(problems.items) as [SettingId, NonNullable<ItemProblems[SettingId]>][]) if (problem.key !== 'pool') items[id] = problem;
  return { fields, items };
}

/**
 * A refused save's problems about item values ("params.values.installationSite: …" in the
 * router's issues or the message), under their items; the rest is left to serverProblems.
 */
export function serverItemProblems(error: unknown): ItemProblems {
  const message = error instanceof Error ? error.message : String(error);
  const details = typeof error === 'object' && error !== null && 'details' in error ? (error as { details?: unknown }).details : undefined;
  const issues: string[] = [];
  if (typeof details === 'object' && details !== null && 'issues' in details && Array.isArray(details.issues)) for (const issue of details.issues) if (typeof issue === 'string') issues.push(issue);
  if (issues.length === 0) issues.push(message);
  const problems: ItemProblems = {};
  for (const issue of issues) {
    const match = /^params\.values\.([A-Za-z]+): ([\s\S]+)$/.exec(issue);
    if (match?.[1] && match[2] && isSettingId(match[1])) problems[match[1]] ??= { key: 'text', text: match[2] };
  }
  return problems;
}
