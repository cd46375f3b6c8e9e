import { change } from '../../../src-shared/auth/access';
import { rebootParamsSchema } from '../../../src-shared/settings/settings-task-params';
import type { TaskExecutor } from '../tasks/task-executor';
import { auditDeviceWrite, noWriteMessage, type SettingsExecutorDeps } from './deliver-settings.executor';
import { rebootAndVerify } from './reboot-verifier';
import { forEachSettingsDevice } from './settings-targets';

/** 'reboot': restarts every target through prtGeneralReset and proves it by sysUpTime (reboot-verifier.ts). */
export function rebootExecutor(deps: SettingsExecutorDeps): TaskExecutor<typeof rebootParamsSchema> {
  return {
    type: 'reboot',
    access: change('deviceSettings'),
    paramsSchema: rebootParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      await forEachSettingsDevice(ctx, deps, async (device) => {
        const outcome = device.write
          ? await rebootAndVerify(device, device.write, deps, { withinSeconds: ctx.params.withinSeconds, pollEveryMs: deps.pollEveryMs, signal: ctx.signal })
          : { ok: false, message: noWriteMessage(device) };
        auditDeviceWrite(deps, ctx, 'settings.reboot', device, outcome.ok, { message: outcome.message });
        ctx.reportDevice(device.id, outcome);
      });
    },
  };
}
