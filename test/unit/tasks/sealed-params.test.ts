import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStoreError, type SecretStore } from '../../../src-main/core/secrets/secret-store';
import { AppError } from '../../../src-shared/rpc/app-error';
import { FakeClock } from '../../helpers/fake-clock';
import { CONTEXT, openRig, settle, type TaskRig } from './task-rig';

/**
 * A task's parameters are sealed (a search's communities and SNMPv3 keys live there). When the
 * key no longer opens them, the task must neither run with empty parameters nor let an edit
 * save the empty stand-in over the sealed ones: it says why, and the sealed text stays.
 */

const PROBLEM = 'the key file "/data/printdeck.db.key" is readable by other users (mode 644): run chmod 600 on it';

let rig: TaskRig;
let store: SecretStore & { usable: boolean };

beforeEach(() => {
  store = {
    usable: true,
    seal: (text) => `box:${text}`,
    open: (sealed) => {
      if (!store.usable) throw new SecretStoreError('secret-key-unusable', PROBLEM);
      return sealed.slice(4);
    },
  };
  rig = openRig(':memory:', new FakeClock(), { secrets: store });
});
afterEach(() => rig.close());

async function refusal(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('a task whose sealed parameters do not open', () => {
  it('fails its execution saying why, keeps the sealed text through edits, and refuses edits or copies of its parameters', async () => {
    const task = await rig.create({ schedule: { kind: 'interval', every: 1, unit: 'hours' }, params: { failDeviceIds: [99] } });
    const sealed = rig.db.prepare('SELECT params FROM tasks WHERE id = ?').get(task.id);
    store.usable = false;

    const run = await rig.service.runNow({ id: task.id }, CONTEXT);
    await settle();
    const execution = await rig.service.getExecution({ executionId: run.executionId }, CONTEXT);
    expect(execution.execution.state).toBe('failed');
    expect(rig.probe.runs, 'never run with the empty stand-in').toHaveLength(0);
    expect(execution.log.map((l) => l.line).join('\n')).toContain('chmod 600');

    // Renaming or switching it off is fine and keeps the sealed parameters as they were.
    await rig.service.update({ id: task.id, name: 'Renamed', enabled: false }, CONTEXT);
    expect(rig.db.prepare('SELECT name, params FROM tasks WHERE id = ?').get(task.id)).toEqual({ name: 'Renamed', ...(sealed as object) });
    // What an editor shows of the parameters ({}) is not them: saving it back is refused.
    expect(await refusal(() => rig.service.update({ id: task.id, params: {} }, CONTEXT))).toMatchObject({ code: 'conflict', message: expect.stringContaining('chmod 600') });
    expect((await refusal(() => rig.service.copy({ id: task.id }, CONTEXT))).code).toBe('conflict');

    store.usable = true;
    expect((await rig.service.get({ id: task.id }, CONTEXT)).params).toEqual({ failDeviceIds: [99] });
  });
});
