import { afterEach, describe, expect, it } from 'vitest';
import { tasksContract } from '../../../src-shared/contract/tasks.contract';
import { createRouter } from '../../../src-shared/rpc/router';
import { FakeClock } from '../../helpers/fake-clock';
import { CONTEXT, local, openRig, type TaskRig } from './task-rig';
import { contextAs } from '../../helpers/callers';

/** The tasks contract at the edge: the router validates arguments (naming the field) and roles before the service. */

const rigs: TaskRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

function router() {
  const rig = openRig(':memory:', new FakeClock(local(2026, 1, 5, 9, 0)));
  rigs.push(rig);
  const deviceId = rig.devices.addDevice({ address: '127.120.0.1', port: 161, name: 'Front desk', source: 'added' }).deviceId;
  return { router: createRouter({ tasks: tasksContract }, { tasks: rig.service }), deviceId };
}

describe('tasks contract', () => {
  it('names the bad schedule field', async () => {
    const { router: r, deviceId } = router();
    const reply = await r.handle('tasks.create', { name: 'x', type: 'test.probe', targets: { deviceIds: [deviceId] }, schedule: { kind: 'daily', time: '25:00' } }, CONTEXT);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^tasks\.create: schedule\.time: a time of day as HH:MM/) } });
    const weekly = await r.handle('tasks.create', { name: 'x', type: 'test.probe', targets: { deviceIds: [deviceId] }, schedule: { kind: 'weekly', days: [7], time: '08:00' } }, CONTEXT);
    expect(weekly).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/schedule\.days\.0/) } });
  });

  it('lets viewers read tasks but not change or run them', async () => {
    const { router: r, deviceId } = router();
    const viewer = contextAs('viewer');
    expect(await r.handle('tasks.create', { name: 'x', type: 'test.probe', targets: { deviceIds: [deviceId] }, schedule: { kind: 'now' } }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const created = await r.handle('tasks.create', { name: 'Weekly', type: 'test.probe', targets: { deviceIds: [deviceId] }, schedule: { kind: 'weekly', days: [1], time: '08:00' } }, CONTEXT);
    expect(created).toMatchObject({ ok: true, value: { name: 'Weekly', missedRunPolicy: 'run-once', enabled: true, mailTo: [], nextRunAt: local(2026, 1, 5, 8, 0) + 7 * 86_400_000 } });
    expect(await r.handle('tasks.list', {}, viewer)).toMatchObject({ ok: true, value: { tasks: [{ name: 'Weekly' }] } });
    expect(await r.handle('tasks.runNow', { id: 1 }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
