import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../src-renderer/ui/display-format';
import { formProblemText } from '../../../src-renderer/features/forms/form-problems';
import { fromLocalInput, toLocalInput } from '../../../src-renderer/features/forms/local-time';
import { describeSchedule } from '../../../src-renderer/features/tasks/schedule-text';
import { buildTaskInput, initialTaskForm, scheduleOfDraft, taskFormOf, type TaskForm } from '../../../src-renderer/features/tasks/task-form';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import type { Task } from '../../../src-shared/contract/tasks.contract';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});
const t = () => i18n.getFixedT('en');
const tJa = () => i18n.getFixedT('ja');

/** 2030-06-03 (a Monday) 12:00 local time. */
const NOW = new Date(2030, 5, 3, 12, 0).getTime();

describe('a schedule in words', () => {
  it('says each kind of schedule the way a person would', () => {
    const at = new Date(2030, 6, 1, 9, 30).getTime();
    expect(describeSchedule(t(), { kind: 'now' }, 'en')).toBe('Once when saved, then on demand');
    expect(describeSchedule(t(), { kind: 'once', at }, 'en')).toBe(`Once at ${formatDateTime(at, 'en')}`);
    expect(describeSchedule(t(), { kind: 'interval', every: 1, unit: 'minutes' }, 'en')).toBe('Every minute');
    expect(describeSchedule(t(), { kind: 'interval', every: 15, unit: 'minutes' }, 'en')).toBe('Every 15 minutes');
    expect(describeSchedule(t(), { kind: 'interval', every: 2, unit: 'hours', startAt: at }, 'en')).toBe(`Every 2 hours, from ${formatDateTime(at, 'en')}`);
    expect(describeSchedule(t(), { kind: 'daily', time: '08:00' }, 'en')).toBe('Every day at 08:00');
    expect(describeSchedule(t(), { kind: 'weekly', days: [5, 1, 3], time: '07:15' }, 'en')).toBe('Mon, Wed, and Fri at 07:15');
    expect(describeSchedule(t(), { kind: 'weekly', days: [1, 2, 3, 4, 5], time: '06:00' }, 'en')).toBe('Weekdays at 06:00');
    expect(describeSchedule(t(), { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], time: '06:00' }, 'en')).toBe('Every day at 06:00');
    expect(describeSchedule(t(), { kind: 'weekly', days: [0, 6], time: '10:00' }, 'en')).toBe('Sat and Sun at 10:00');
    expect(describeSchedule(t(), { kind: 'monthly', day: 1, time: '00:30' }, 'en')).toBe('Monthly on day 1 at 00:30');
    expect(describeSchedule(t(), { kind: 'monthly', day: 31, time: '23:00' }, 'en')).toBe('Monthly on day 31 (or the month’s last day) at 23:00');
  });

  it('speaks Japanese too', () => {
    expect(describeSchedule(tJa(), { kind: 'interval', every: 30, unit: 'minutes' }, 'ja')).toBe('30 分ごと');
    expect(describeSchedule(tJa(), { kind: 'weekly', days: [1, 3], time: '08:00' }, 'ja')).toBe('月、水 08:00');
  });
});

function built(change: Partial<TaskForm>, schedule: Partial<TaskForm['schedule']> = {}) {
  const form = initialTaskForm();
  return buildTaskInput({ ...form, name: 'Refresh lobby', deviceIds: [3], ...change, schedule: { ...form.schedule, ...schedule } }, NOW);
}

function messages(result: ReturnType<typeof built>): Record<string, string | null> {
  if (result.ok) throw new Error('the form was accepted');
  return Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, formProblemText(t(), problem)]));
}

describe('the task wizard form', () => {
  it('builds the create request of a refresh task: targets, schedule, mail', () => {
    const result = built({ groupIds: [7], mailTo: 'ops@example.com, desk@example.org', missedRunPolicy: 'skip' }, { kind: 'weekly', days: [3, 1, 1], time: '7:05' });
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Refresh lobby',
        type: 'refresh',
        targets: { deviceIds: [3], groupIds: [7] },
        params: {},
        schedule: { kind: 'weekly', days: [1, 3], time: '07:05' },
        missedRunPolicy: 'skip',
        mailTo: ['ops@example.com', 'desk@example.org'],
        enabled: true,
      },
    });
  });

  it('turns each schedule kind into the contract schedule', () => {
    const at = toLocalInput(NOW + 3600_000);
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'once', onceAt: at }, NOW)).toEqual({ kind: 'once', at: NOW + 3600_000 });
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'interval', every: 5, unit: 'hours' }, NOW)).toEqual({ kind: 'interval', every: 5, unit: 'hours' });
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'interval', every: 5, unit: 'minutes', startAt: at }, NOW)).toEqual({ kind: 'interval', every: 5, unit: 'minutes', startAt: NOW + 3600_000 });
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'daily', time: '08:00' }, NOW)).toEqual({ kind: 'daily', time: '08:00' });
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'monthly', day: 31, time: '08:00' }, NOW)).toEqual({ kind: 'monthly', day: 31, time: '08:00' });
    expect(scheduleOfDraft({ ...initialTaskForm().schedule, kind: 'now' }, NOW)).toEqual({ kind: 'now' });
  });

  it('names what is wrong, under the field concerned', () => {
    expect(messages(built({ name: ' ', deviceIds: [] }))).toEqual({ name: 'Required.', targets: 'Pick at least one device or group.' });
    expect(messages(built({}, { kind: 'once', onceAt: toLocalInput(NOW - 60_000) }))).toEqual({ 'schedule.at': 'Pick a time in the future.' });
    expect(messages(built({}, { kind: 'once', onceAt: '2030-02-31T08:00' }))).toEqual({ 'schedule.at': 'Enter a date and time.' });
    expect(messages(built({}, { kind: 'interval', every: 0 }))).toEqual({ 'schedule.every': 'At least 1.' });
    expect(messages(built({}, { kind: 'interval', every: '' }))).toEqual({ 'schedule.every': 'Required.' });
    expect(messages(built({}, { kind: 'weekly', days: [], time: '25:00' }))).toEqual({ 'schedule.time': 'Enter a time as HH:MM.', 'schedule.days': 'Pick at least one day.' });
    expect(messages(built({}, { kind: 'monthly', day: 32 }))).toEqual({ 'schedule.day': 'At most 31.' });
    expect(messages(built({ mailTo: 'ops@example.com, not-an-address' }))).toEqual({ mailTo: 'Not a mail address: not-an-address' });
  });

  it('a search task carries the discovery form as params and needs no targets; a bad search is reported under params', () => {
    const form = initialTaskForm();
    const ok = buildTaskInput({ ...form, name: 'Nightly search', type: 'discovery', discovery: { ...form.discovery, addresses: '10.0.0.1-10.0.0.9' } }, NOW);
    if (!ok.ok) throw new Error(JSON.stringify(ok.problems));
    expect(ok.value.targets).toEqual({ deviceIds: [], groupIds: [] });
    expect(ok.value.params).toMatchObject({ methods: [{ kind: 'addresses', spec: '10.0.0.1-10.0.0.9' }] });
    const bad = buildTaskInput({ ...form, name: 'Nightly search', type: 'discovery' }, NOW);
    expect(bad.ok ? null : Object.keys(bad.problems)).toEqual(['params']);
  });

  it('edits a saved task: the form shows what was saved and builds the same request again', () => {
    const task: Task = {
      id: 4,
      name: 'Search 10.0.0.0/28',
      type: 'discovery',
      targets: { deviceIds: [], groupIds: [] },
      createdBy: 'admin',
      updatedBy: 'admin',
      params: { name: 'net', methods: [{ kind: 'addresses', spec: '10.0.0.0/28' }], options: { credentials: [{ version: 'v1', community: 'private' }], port: 1161 } },
      schedule: { kind: 'interval', every: 6, unit: 'hours', startAt: NOW + 60_000 },
      missedRunPolicy: 'skip',
      mailTo: ['ops@example.com'],
      enabled: false,
      createdAt: NOW,
      updatedAt: NOW,
      nextRunAt: null,
      lastExecution: null,
    };
    const form = taskFormOf(task);
    expect(form.schedule).toMatchObject({ kind: 'interval', every: 6, unit: 'hours', startAt: toLocalInput(NOW + 60_000) });
    expect(fromLocalInput(form.schedule.startAt)).toBe(NOW + 60_000);
    const result = buildTaskInput(form, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value).toMatchObject({ name: task.name, type: 'discovery', schedule: task.schedule, missedRunPolicy: 'skip', mailTo: ['ops@example.com'], enabled: false });
    expect(result.value.params).toMatchObject({ name: 'net', methods: [{ kind: 'addresses', spec: '10.0.0.0/28' }], options: { credentials: [{ version: 'v1', community: 'private' }], port: 1161 } });
  });
});
