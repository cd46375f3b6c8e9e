import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/rpc/app-error';
import { FakeClock } from '../../helpers/fake-clock';
import { advance, CONTEXT, local, openRig, settle, type TaskRig } from './task-rig';

/** Executions: overlap, the concurrency bound, cancel, final states, result mail, and the contract's errors. */

const rigs: TaskRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

function rig(options: { maxConcurrent?: number } = {}): { rig: TaskRig; clock: FakeClock } {
  const clock = new FakeClock(local(2026, 1, 5, 9, 0));
  const r = openRig(':memory:', clock, options);
  rigs.push(r);
  return { rig: r, clock };
}

async function states(r: TaskRig, taskId?: number): Promise<string[]> {
  const { executions } = await r.service.listExecutions({ taskId, limit: 100 }, CONTEXT);
  return executions
    .slice()
    .reverse()
    .map((e) => `${e.taskName}:${e.trigger}:${e.state}`);
}

async function expectAppError(work: () => unknown, code: string, message: RegExp): Promise<void> {
  const error = await Promise.resolve()
    .then(work)
    .then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code });
  expect((error as AppError).message).toMatch(message);
}

describe('overlap and concurrency', () => {
  it('a task due again while it runs is queued once, never run twice at once; a further trigger is dropped and logged', async () => {
    const { rig: r, clock } = rig();
    r.probe.blocking = true;
    r.service.start();
    const task = await r.create({ name: 'Slow', schedule: { kind: 'interval', every: 1, unit: 'minutes' } });
    await advance(clock, 3 * 60_000);
    expect(await states(r)).toEqual(['Slow:schedule:running', 'Slow:schedule:queued']);
    expect(r.probe.runs).toHaveLength(1);
    const queued = (await r.service.listExecutions({ taskId: task.id, limit: 1 }, CONTEXT)).executions[0];
    const detail = await r.service.getExecution({ executionId: queued?.id ?? 0 }, CONTEXT);
    expect(detail.log.map((l) => l.line)).toEqual(['waiting: the previous execution of this task is still running', 'a schedule trigger was dropped: this execution was still waiting to run']);
    expect(r.log.join('\n')).toMatch(/dropped/);
    await expectAppError(() => r.service.runNow({ id: task.id }, CONTEXT), 'conflict', /already has an execution waiting/);

    r.probe.runs[0]?.release();
    await settle();
    expect(await states(r)).toEqual(['Slow:schedule:succeeded', 'Slow:schedule:running']);
    expect(r.probe.maxActivePerTask).toBe(1);
  });

  it('runs at most two executions at once by default; the third waits for a free slot', async () => {
    const { rig: r } = rig();
    r.probe.blocking = true;
    const ids = [];
    for (const name of ['A', 'B', 'C']) ids.push((await r.create({ name, schedule: { kind: 'daily', time: '08:00' } })).id);
    for (const id of ids) await r.service.runNow({ id }, CONTEXT);
    await settle();
    expect(await states(r)).toEqual(['A:manual:running', 'B:manual:running', 'C:manual:queued']);
    r.probe.runs[1]?.release();
    await settle();
    expect(await states(r)).toEqual(['A:manual:running', 'B:manual:succeeded', 'C:manual:running']);
    expect(r.probe.maxActive).toBe(2);
  });

  it('honours a configured bound of one', async () => {
    const { rig: r } = rig({ maxConcurrent: 1 });
    r.probe.blocking = true;
    for (const name of ['A', 'B']) await r.service.runNow({ id: (await r.create({ name, schedule: { kind: 'daily', time: '08:00' } })).id }, CONTEXT);
    await settle();
    expect(await states(r)).toEqual(['A:manual:running', 'B:manual:queued']);
  });
});

describe('cancel', () => {
  it('cancels a running execution through its signal and a queued one before it starts', async () => {
    const { rig: r } = rig({ maxConcurrent: 1 });
    r.probe.blocking = true;
    const a = await r.create({ name: 'A', schedule: { kind: 'daily', time: '08:00' } });
    const b = await r.create({ name: 'B', schedule: { kind: 'daily', time: '08:00' } });
    const runA = await r.service.runNow({ id: a.id }, CONTEXT);
    const runB = await r.service.runNow({ id: b.id }, CONTEXT);
    await r.service.cancel({ executionId: runB.executionId }, CONTEXT);
    await r.service.cancel({ executionId: runA.executionId }, CONTEXT);
    await settle();
    expect(r.probe.runs[0]?.ctx.signal.aborted).toBe(true);
    expect(r.probe.runs).toHaveLength(1);
    expect(await states(r)).toEqual(['A:manual:cancelled', 'B:manual:cancelled']);
    const detail = await r.service.getExecution({ executionId: runA.executionId }, CONTEXT);
    expect(detail.execution.error).toBe('cancelled by the user');
    // Finished executions are no error; unknown ones are.
    await r.service.cancel({ executionId: runA.executionId }, CONTEXT);
    await expectAppError(() => r.service.cancel({ executionId: 999 }, CONTEXT), 'not-found', /execution 999/);
    const progress = r.events.filter((e) => e.name === 'task.progress').map((e) => (e.payload as { state: string }).state);
    expect(progress).toEqual(expect.arrayContaining(['queued', 'running', 'cancelled']));
  });

  it('closing the module cancels what runs and what waits', async () => {
    const { rig: r } = rig({ maxConcurrent: 1 });
    r.probe.blocking = true;
    const a = await r.create({ name: 'A', schedule: { kind: 'daily', time: '08:00' } });
    const b = await r.create({ name: 'B', schedule: { kind: 'daily', time: '08:00' } });
    await r.service.runNow({ id: a.id }, CONTEXT);
    await r.service.runNow({ id: b.id }, CONTEXT);
    await r.service.dispose();
    expect(await states(r)).toEqual(['A:manual:cancelled', 'B:manual:cancelled']);
  });
});

describe('results, states and result mail', () => {
  it('one failed device of two makes it partly-failed, all failed makes it failed; a mail per execution', async () => {
    const { rig: r } = rig();
    const front = r.devices.addDevice({ address: '127.120.0.1', port: 161, name: 'Front desk', source: 'added' }).deviceId;
    const lab = r.devices.addDevice({ address: '127.120.0.2', port: 161, name: 'Lab', source: 'added' }).deviceId;
    const task = await r.create({
      name: 'Nightly',
      schedule: { kind: 'now' },
      targets: { deviceIds: [front, lab], groupIds: [] },
      params: { failDeviceIds: [lab] },
      mailTo: ['ops@example.com'],
    });
    await settle();
    const first = (await r.service.listExecutions({ taskId: task.id, limit: 1 }, CONTEXT)).executions[0];
    expect(first).toMatchObject({ trigger: 'manual', state: 'partly-failed', succeeded: 1, failed: 1, done: 2, total: 2 });
    const detail = await r.service.getExecution({ executionId: first?.id ?? 0 }, CONTEXT);
    expect(detail.devices.map((d) => [d.deviceId, d.label, d.ok, d.message])).toEqual([
      [front, 'Front desk', true, 'Ready'],
      [lab, 'Lab', false, 'no answer'],
    ]);
    expect(r.mailer.sent).toHaveLength(1);
    expect(r.mailer.sent[0]).toMatchObject({ kind: 'task-result', to: ['ops@example.com'], subject: 'Printdeck task "Nightly": Partly failed: 1 succeeded, 1 failed' });
    // What to act on is listed; what went well is counted, not listed.
    expect(r.mailer.sent[0]?.text).toMatch(/Failed \(1\):\n {2}Lab: no answer\n\n1 device succeeded \(not listed\)\./);
    expect(r.mailer.sent[0]?.text).not.toContain('Front desk');

    await r.service.update({ id: task.id, params: { failDeviceIds: [front, lab] } }, CONTEXT);
    await r.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    expect(await states(r, task.id)).toEqual(['Nightly:manual:partly-failed', 'Nightly:manual:failed']);
    expect(r.mailer.sent.map((m) => m.subject)).toEqual(['Printdeck task "Nightly": Partly failed: 1 succeeded, 1 failed', 'Printdeck task "Nightly": Failed: 0 succeeded, 2 failed']);
  });

  it('an empty group is a valid target: nothing to do, succeeded; filled later, its members are run', async () => {
    const { rig: r } = rig();
    const group = r.groups.createGroup({ name: 'Finance', kind: 'static', filter: null });
    const task = await r.create({ name: 'Finance refresh', schedule: { kind: 'daily', time: '08:00' }, targets: { deviceIds: [], groupIds: [group.id] } });
    const run1 = await r.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    expect((await r.service.getExecution({ executionId: run1.executionId }, CONTEXT)).execution).toMatchObject({ state: 'succeeded', succeeded: 0, failed: 0 });
    const id = r.devices.addDevice({ address: '127.120.0.9', port: 161, name: 'Accounts', source: 'added' }).deviceId;
    r.groups.addMembers(group.id, [id]);
    const run2 = await r.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    const detail = await r.service.getExecution({ executionId: run2.executionId }, CONTEXT);
    expect(detail.devices.map((d) => d.label)).toEqual(['Accounts']);
    expect(detail.log.map((l) => l.line)).toContain('group "Finance": 1 device(s) now');
  });

  it('a device removed after saving is a failed result; the rest still run', async () => {
    const { rig: r } = rig();
    const keep = r.devices.addDevice({ address: '127.120.0.3', port: 161, name: 'Keep', source: 'added' }).deviceId;
    const gone = r.devices.addDevice({ address: '127.120.0.4', port: 161, name: 'Gone', source: 'added' }).deviceId;
    const task = await r.create({ schedule: { kind: 'daily', time: '08:00' }, targets: { deviceIds: [keep, gone], groupIds: [] } });
    r.devices.removeDevices([gone]);
    const run = await r.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    const detail = await r.service.getExecution({ executionId: run.executionId }, CONTEXT);
    expect(detail.execution.state).toBe('partly-failed');
    expect(detail.devices.map((d) => [d.deviceId, d.ok, d.message])).toEqual([
      [null, false, `device ${gone} no longer exists (removed?)`],
      [keep, true, 'Ready'],
    ]);
  });
});

describe('editing, copying and deleting tasks', () => {
  it('copies as "Copy of …", disabled; deletes a task with its executions', async () => {
    const { rig: r } = rig();
    const task = await r.create({ name: 'Weekly check', schedule: { kind: 'weekly', days: [1], time: '07:00' } });
    const copy = await r.service.copy({ id: task.id }, CONTEXT);
    expect(copy).toMatchObject({ name: 'Copy of Weekly check', enabled: false, nextRunAt: null, schedule: task.schedule, targets: task.targets });
    await r.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    await r.service.remove({ id: task.id }, CONTEXT);
    expect((await r.service.list({}, CONTEXT)).tasks.map((t) => t.name)).toEqual(['Copy of Weekly check']);
    expect((await r.service.listExecutions({ limit: 10 }, CONTEXT)).executions).toEqual([]);
    await expectAppError(() => r.service.get({ id: task.id }, CONTEXT), 'not-found', /task \d+ does not exist/);
    expect(r.events.some((e) => e.name === 'tasks.changed')).toBe(true);
  });

  it('deleting a running task cancels its execution first', async () => {
    const { rig: r } = rig();
    r.probe.blocking = true;
    const task = await r.create({ schedule: { kind: 'daily', time: '08:00' } });
    await r.service.runNow({ id: task.id }, CONTEXT);
    await r.service.remove({ id: task.id }, CONTEXT);
    expect(r.probe.runs[0]?.ctx.signal.aborted).toBe(true);
    expect((await r.service.list({}, CONTEXT)).tasks).toEqual([]);
  });

  it('names the bad field: unknown type, params, a past time, no targets, unknown devices', async () => {
    const { rig: r } = rig();
    await expectAppError(() => r.create({ type: 'reboot', schedule: { kind: 'now' } }), 'invalid-argument', /^type: unknown task type "reboot" \(known: test\.probe\)/);
    await expectAppError(() => r.create({ params: { failDeviceIds: 'all' }, schedule: { kind: 'now' } }), 'invalid-argument', /^params\.failDeviceIds: /);
    await expectAppError(() => r.create({ schedule: { kind: 'once', at: local(2026, 1, 5, 8, 0) } }), 'invalid-argument', /^schedule\.at: .* is in the past/);
    await expectAppError(() => r.create({ schedule: { kind: 'now' }, targets: { deviceIds: [], groupIds: [] } }), 'invalid-argument', /^targets: choose at least one device or group/);
    await expectAppError(() => r.create({ schedule: { kind: 'now' }, targets: { deviceIds: [4242], groupIds: [] } }), 'invalid-argument', /^targets\.deviceIds: device 4242 does not exist/);
    await expectAppError(() => r.service.update({ id: 77, name: 'x' }, CONTEXT), 'not-found', /task 77/);
    await expectAppError(() => r.service.runNow({ id: 77 }, CONTEXT), 'not-found', /task 77/);
  });
});
