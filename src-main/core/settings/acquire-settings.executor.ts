import { change } from '../../../src-shared/auth/access';
import { SETTING_IDS, type SettingId } from '../../../src-shared/settings/settings-catalogue';
import { acquireSettingsParamsSchema } from '../../../src-shared/settings/settings-task-params';
import type { SettingsRepository } from '../store/settings.repository';
import type { TaskExecutor } from '../tasks/task-executor';
import { summary, type SettingsExecutorDeps } from './deliver-settings.executor';
import { forEachSettingsDevice } from './settings-targets';

/**
 * 'acquireSettings' (whitepaper §3.2.4): reads every item a target's model supports with the
 * read credentials and keeps the values with their time (device detail, "use these values").
 * A device fails when nothing could be read.
 */
export function acquireSettingsExecutor(deps: SettingsExecutorDeps & { settings: SettingsRepository; now: () => number }): TaskExecutor<typeof acquireSettingsParamsSchema> {
  return {
    type: 'acquireSettings',
    access: change('deviceSettings'),
    paramsSchema: acquireSettingsParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      await forEachSettingsDevice(ctx, deps, async (device) => {
        const ids = SETTING_IDS.filter((id) => device.plan[id] !== undefined) as SettingId[];
        const items = await deps.writer.read(device.read, device.plan, ids);
        const read = items.flatMap((i) => (i.outcome === 'read' && i.value !== null ? [{ item: i.item, value: i.value }] : []));
        if (read.length > 0) deps.settings.saveAcquired(device.id, read, deps.now());
        ctx.reportDevice(device.id, { ok: read.length > 0, message: summary(items), items });
      });
    },
  };
}
