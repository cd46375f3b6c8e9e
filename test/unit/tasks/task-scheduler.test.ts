import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock';
import { advance, CONTEXT, local, openRig, settle, type TaskRig } from './task-rig';

/** Schedules through the tasks service with a fake clock: due runs, missed runs and restarts. */

let dir: string;
const rigs: TaskRig[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-tasks-'));
});
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
  rmSync(dir, { recursive: true, force: true });
});

function rigAt(clock: FakeClock, file = ':memory:', options: { maxConcurrent?: number } = {}): TaskRig {
  const rig = openRig(file === ':memory:' ? file : join(dir, file), clock, options);
  rigs.push(rig);
  return rig;
}

async function executions(rig: TaskRig, taskId?: number) {
  return (await rig.service.listExecutions({ taskId, limit: 1000 }, CONTEXT)).executions.slice().reverse();
}

describe('task schedules', () => {
  it("'once' runs at its time and then has no next run", async () => {
    const clock = new FakeClock(local(2026, 1, 5, 9, 0));
    const rig = rigAt(clock);
    rig.service.start();
    const task = await rig.create({ schedule: { kind: 'once', at: local(2026, 1, 5, 9, 10) } });
    expect(task.nextRunAt).toBe(local(2026, 1, 5, 9, 10));
    await advance(clock, 9 * 60_000);
    expect(await executions(rig)).toHaveLength(0);
    await advance(clock, 60_000);
    const runs = await executions(rig);
    expect(runs.map((e) => [e.trigger, e.state, e.startedAt])).toEqual([['schedule', 'succeeded', local(2026, 1, 5, 9, 10)]]);
    expect((await rig.service.get({ id: task.id }, CONTEXT)).nextRunAt).toBeNull();
    await advance(clock, 24 * 3_600_000, 3_600_000);
    expect(await executions(rig)).toHaveLength(1);
  });

  it('every 15 minutes runs four times an hour, at the period boundaries', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 9, 0));
    const rig = rigAt(clock);
    rig.service.start();
    await rig.create({ schedule: { kind: 'interval', every: 15, unit: 'minutes' } });
    await advance(clock, 60 * 60_000);
    expect((await executions(rig)).map((e) => e.startedAt)).toEqual([15, 30, 45, 60].map((m) => local(2026, 1, 5, 9, 0) + m * 60_000));
  });

  it('daily runs at its time each day', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const rig = rigAt(clock);
    rig.service.start();
    await rig.create({ schedule: { kind: 'daily', time: '08:00' } });
    await advance(clock, 3 * 24 * 3_600_000, 30 * 60_000);
    expect((await executions(rig)).map((e) => e.startedAt)).toEqual([local(2026, 1, 5, 8, 0), local(2026, 1, 6, 8, 0), local(2026, 1, 7, 8, 0)]);
  });

  it('weekly runs on the chosen days only', async () => {
    const clock = new FakeClock(local(2026, 1, 4, 12, 0)); // a Sunday
    const rig = rigAt(clock);
    rig.service.start();
    await rig.create({ schedule: { kind: 'weekly', days: [1, 5], time: '18:45' } });
    await advance(clock, 14 * 24 * 3_600_000, 3_600_000);
    expect((await executions(rig)).map((e) => e.startedAt)).toEqual([local(2026, 1, 5, 18, 45), local(2026, 1, 9, 18, 45), local(2026, 1, 12, 18, 45), local(2026, 1, 16, 18, 45)]);
  });

  it('monthly on the 31st runs on the last day of a short month', async () => {
    const clock = new FakeClock(local(2026, 1, 30, 0, 0));
    const rig = rigAt(clock);
    rig.service.start();
    const task = await rig.create({ schedule: { kind: 'monthly', day: 31, time: '06:00' } });
    await advance(clock, 62 * 24 * 3_600_000, 6 * 3_600_000);
    expect((await executions(rig)).map((e) => e.startedAt)).toEqual([local(2026, 1, 31, 6, 0), local(2026, 2, 28, 6, 0), local(2026, 3, 31, 6, 0)]);
    expect((await rig.service.get({ id: task.id }, CONTEXT)).nextRunAt).toBe(local(2026, 4, 30, 6, 0));
  });

  it('an edited schedule is re-armed; a disabled task does not run', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const rig = rigAt(clock);
    rig.service.start();
    const task = await rig.create({ schedule: { kind: 'daily', time: '08:00' } });
    const edited = await rig.service.update({ id: task.id, schedule: { kind: 'daily', time: '07:30' } }, CONTEXT);
    expect(edited.nextRunAt).toBe(local(2026, 1, 5, 7, 30));
    await advance(clock, 45 * 60_000);
    expect((await executions(rig)).map((e) => e.startedAt)).toEqual([local(2026, 1, 5, 7, 30)]);
    const disabled = await rig.service.update({ id: task.id, enabled: false }, CONTEXT);
    expect(disabled.nextRunAt).toBeNull();
    await advance(clock, 2 * 24 * 3_600_000, 3_600_000);
    expect(await executions(rig)).toHaveLength(1);
    const enabled = await rig.service.update({ id: task.id, enabled: true }, CONTEXT);
    expect(enabled.nextRunAt).toBe(local(2026, 1, 8, 7, 30));
  });

  it('runs nothing before start() (the host starts schedules)', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const rig = rigAt(clock);
    await rig.create({ schedule: { kind: 'interval', every: 1, unit: 'minutes' } });
    await advance(clock, 10 * 60_000);
    expect(clock.pending).toBe(0);
    expect(await executions(rig)).toHaveLength(0);
  });
});

describe('restarts and missed runs', () => {
  it('a reopened store keeps tasks and next run times; a run missed while closed runs once (run-once)', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const first = rigAt(clock, 'tasks.db');
    first.service.start();
    const task = await first.create({ name: 'Morning refresh', schedule: { kind: 'daily', time: '08:00' } });
    await first.close();
    rigs.splice(rigs.indexOf(first), 1);

    // The console stays closed for three mornings.
    clock.advance(3 * 24 * 3_600_000);
    const second = rigAt(clock, 'tasks.db');
    const listed = await second.service.list({}, CONTEXT);
    expect(listed.tasks.map((t) => [t.name, t.nextRunAt])).toEqual([['Morning refresh', local(2026, 1, 5, 8, 0)]]);
    second.service.start();
    await settle();
    const runs = await executions(second, task.id);
    expect(runs.map((e) => [e.trigger, e.state, e.startedAt])).toEqual([['missed', 'succeeded', local(2026, 1, 8, 7, 0)]]);
    expect((await second.service.get({ id: task.id }, CONTEXT)).nextRunAt).toBe(local(2026, 1, 8, 8, 0));
    expect(second.log.join('\n')).toMatch(/missed while the console was closed; running it once now/);
    // And the schedule goes on as before.
    await advance(clock, 60 * 60_000);
    expect((await executions(second, task.id)).map((e) => e.trigger)).toEqual(['missed', 'schedule']);
  });

  it("a missed run with the 'skip' policy is only logged; the schedule continues from now", async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const first = rigAt(clock, 'tasks.db');
    const task = await first.create({ schedule: { kind: 'interval', every: 2, unit: 'hours' }, missedRunPolicy: 'skip' });
    expect(task.nextRunAt).toBe(local(2026, 1, 5, 9, 0));
    await first.close();
    rigs.splice(rigs.indexOf(first), 1);
    clock.advance(5 * 3_600_000 + 10 * 60_000); // 12:10
    const second = rigAt(clock, 'tasks.db');
    second.service.start();
    await settle();
    expect(await executions(second)).toHaveLength(0);
    expect(second.log.join('\n')).toMatch(/missed while the console was closed; skipped/);
    expect((await second.service.get({ id: task.id }, CONTEXT)).nextRunAt).toBe(local(2026, 1, 5, 13, 0));
  });

  it('executions left running or queued by a stopped console are marked failed on start', async () => {
    const clock = new FakeClock(local(2026, 1, 5, 7, 0));
    const first = rigAt(clock, 'tasks.db', { maxConcurrent: 1 });
    first.probe.blocking = true;
    const a = await first.create({ name: 'A', schedule: { kind: 'daily', time: '08:00' } });
    const b = await first.create({ name: 'B', schedule: { kind: 'daily', time: '08:00' } });
    await first.service.runNow({ id: a.id }, CONTEXT);
    await first.service.runNow({ id: b.id }, CONTEXT);
    // A console that dies does not dispose: the store is simply closed with the rows as they are.
    first.db.close();
    rigs.splice(rigs.indexOf(first), 1);
    const second = rigAt(clock, 'tasks.db');
    second.service.start();
    const states = (await executions(second)).map((e) => [e.taskName, e.state, e.error]);
    expect(states).toEqual([
      ['A', 'failed', 'the console stopped during the execution'],
      ['B', 'failed', 'the console stopped before it ran'],
    ]);
  });
});
