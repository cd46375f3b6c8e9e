import {
  conditionInputSchema,
  type AlertDestination,
  type MonitoringCondition,
  type MonitoringConditionInput,
  type WatchedCondition,
} from '../../../src-shared/contract/monitoring.contract';
import { mailAddressSchema } from '../../../src-shared/contract/mail.contract';
import { addProblem, schemaProblems, type Built, type FormProblems, type NumberDraft } from '../forms/form-problems';
import { normaliseTime, TIME_OF_DAY } from '../forms/local-time';

/** The monitoring condition dialog's draft and its translation into create/updateCondition. */

export interface DestinationDraft {
  /** Stable React key while rows are added and removed. */
  key: number;
  address: string;
  format: AlertDestination['format'];
  maxChars: NumberDraft;
}

export interface ConditionForm {
  /** null for a new condition. */
  id: number | null;
  name: string;
  enabled: boolean;
  allDevices: boolean;
  deviceIds: number[];
  groupIds: number[];
  watch: WatchedCondition[];
  days: number[];
  from: string;
  to: string;
  destinations: DestinationDraft[];
  holdDownMinutes: NumberDraft;
  dampingMinutes: NumberDraft;
  digest: boolean;
}

export type ConditionField =
  | 'name'
  | 'targets'
  | 'watch'
  | 'hours.days'
  | 'hours.from'
  | 'hours.to'
  | 'destinations'
  | `destinations.${number}.address`
  | `destinations.${number}.maxChars`
  | 'holdDownMinutes'
  | 'dampingMinutes'
  | 'general';

let nextKey = 1;

export function newDestination(from: Partial<Omit<DestinationDraft, 'key'>> = {}): DestinationDraft {
  return { key: nextKey++, address: '', format: 'standard', maxChars: 160, ...from };
}

/** A new condition: every day, all day, a 5-minute hold-down and an hour of damping (the contract's defaults). */
export function initialConditionForm(): ConditionForm {
  const defaults = conditionInputSchema.parse({ name: 'x', targets: { allDevices: true }, watch: ['jammed'] });
  return {
    id: null,
    name: '',
    enabled: true,
    allDevices: false,
    deviceIds: [],
    groupIds: [],
    watch: [],
    days: [...defaults.hours.days],
    from: defaults.hours.from,
    to: defaults.hours.to,
    destinations: [],
    holdDownMinutes: defaults.holdDownMinutes,
    dampingMinutes: defaults.dampingMinutes,
    digest: defaults.digest,
  };
}

export function conditionFormOf(condition: MonitoringCondition): ConditionForm {
  return {
    id: condition.id,
    name: condition.name,
    enabled: condition.enabled,
    allDevices: condition.targets.allDevices,
    deviceIds: [...condition.targets.deviceIds],
    groupIds: [...condition.targets.groupIds],
    watch: [...condition.watch],
    days: [...condition.hours.days],
    from: condition.hours.from,
    to: condition.hours.to,
    destinations: condition.destinations.map((d) => newDestination({ address: d.address, format: d.format, maxChars: d.maxChars })),
    holdDownMinutes: condition.holdDownMinutes,
    dampingMinutes: condition.dampingMinutes,
    digest: condition.digest,
  };
}

/** Where a problem at `path` of a condition input is shown. */
export function conditionFieldOfPath(path: readonly PropertyKey[]): ConditionField {
  const [head, second, third] = path;
  switch (head) {
    case 'name':
    case 'targets':
    case 'watch':
    case 'holdDownMinutes':
    case 'dampingMinutes':
      return head;
    case 'hours':
      return second === 'from' || second === 'to' ? `hours.${second}` : 'hours.days';
    case 'destinations':
      if (typeof second === 'number' && (third === 'address' || third === 'maxChars')) return `destinations.${second}.${third}`;
      return 'destinations';
    default:
      return 'general';
  }
}

/** The input the form describes (defaults of the contract filled in), or the problems keeping it from being sent. Never throws. */
export function buildConditionInput(form: ConditionForm): Built<MonitoringConditionInput, ConditionField> {
  const problems: FormProblems<ConditionField> = {};
  if (form.name.trim() === '') addProblem(problems, 'name', { key: 'required' });
  if (!form.allDevices && form.deviceIds.length === 0 && form.groupIds.length === 0) addProblem(problems, 'targets', { key: 'noTargets' });
  if (form.watch.length === 0) addProblem(problems, 'watch', { key: 'noWatch' });
  if (form.days.length === 0) addProblem(problems, 'hours.days', { key: 'noDays' });
  const from = normaliseTime(form.from);
  const to = normaliseTime(form.to);
  if (!TIME_OF_DAY.test(from)) addProblem(problems, 'hours.from', { key: 'time' });
  if (!TIME_OF_DAY.test(to)) addProblem(problems, 'hours.to', { key: 'time' });
  form.destinations.forEach((d, index) => {
    if (d.address.trim() === '') addProblem(problems, `destinations.${index}.address`, { key: 'required' });
    else if (!mailAddressSchema.safeParse(d.address).success) addProblem(problems, `destinations.${index}.address`, { key: 'badAddress', address: d.address.trim() });
  });
  if (form.holdDownMinutes === '') addProblem(problems, 'holdDownMinutes', { key: 'required' });
  if (form.dampingMinutes === '') addProblem(problems, 'dampingMinutes', { key: 'required' });

  const input = {
    name: form.name,
    enabled: form.enabled,
    targets: form.allDevices ? { allDevices: true, deviceIds: [], groupIds: [] } : { allDevices: false, deviceIds: form.deviceIds, groupIds: form.groupIds },
    watch: form.watch,
    hours: { days: [...new Set(form.days)].sort(), from, to },
    destinations: form.destinations.map((d) => ({ address: d.address.trim(), format: d.format, ...(d.maxChars === '' ? {} : { maxChars: d.maxChars }) })),
    holdDownMinutes: form.holdDownMinutes === '' ? 0 : form.holdDownMinutes,
    dampingMinutes: form.dampingMinutes === '' ? 0 : form.dampingMinutes,
    digest: form.digest,
  };
  const parsed = conditionInputSchema.safeParse(input);
  if (!parsed.success) for (const [field, problem] of Object.entries(schemaProblems(parsed.error, conditionFieldOfPath))) if (problem) addProblem(problems, field as ConditionField, problem);
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}
