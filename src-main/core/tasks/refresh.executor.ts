import { refreshParamsSchema } from '../../../src-shared/contract/tasks.contract';
import type { InventoryService, SnmpSettings } from '../inventory/inventory.service';
import { identityConflictMessage } from '../inventory/takeover-check';
import type { RoundReporter } from '../monitor/round-reporter';
import type { DevicesRepository } from '../store/devices.repository';
import type { TaskExecutor } from './task-executor';

export interface RefreshExecutorDeps {
  devices: DevicesRepository;
  inventory: InventoryService;
  reporter: RoundReporter;
  /** The console's SNMP settings (a device's own credential from a search wins). */
  snmp: SnmpSettings;
  /** Devices per read round (default 64); cancellation takes effect between rounds. */
  chunkSize?: number;
}

/**
 * 'refresh': reads the target devices now (a full read, as "refresh" in the device list) and
 * reports each: ok with its status, or the read error. Devices are read in rounds of
 * `chunkSize`, each saved in one transaction, so a cancel stops after the round under way and
 * each result stays matched to its device.
 */
export function refreshExecutor(deps: RefreshExecutorDeps): TaskExecutor<typeof refreshParamsSchema> {
  const chunkSize = deps.chunkSize ?? 64;
  return {
    type: 'refresh',
    paramsSchema: refreshParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      const stored = new Map(deps.devices.listPollTargets().map((t) => [t.id, t]));
      const targets = ctx.deviceIds.flatMap((id) => {
        const target = stored.get(id);
        if (!target) ctx.reportDevice(id, { ok: false, message: `device ${id} no longer exists (removed?)` });
        return target ? [target] : [];
      });
      let done = 0;
      ctx.progress(0, targets.length);
      deps.reporter.before();
      for (let start = 0; start < targets.length && !ctx.signal.aborted; start += chunkSize) {
        const chunk = targets.slice(start, start + chunkSize);
        // Each with its own credential; one that no longer opens is a failed result saying why, not a read with the default.
        const outcomes = await deps.inventory.readStored(chunk, deps.snmp, { onProgress: (n) => ctx.progress(done + n, targets.length) });
        deps.reporter.after(outcomes);
        chunk.forEach((target, i) => {
          const reading = outcomes[i]?.reading;
          const conflict = outcomes[i]?.saved.identityConflict;
          if (!reading) ctx.reportDevice(target.id, { ok: false, message: 'not read' });
          else if (conflict) ctx.reportDevice(target.id, { ok: false, message: identityConflictMessage(conflict) });
          else if (reading.ok) ctx.reportDevice(target.id, { ok: true, message: reading.status.message });
          else ctx.reportDevice(target.id, { ok: false, message: reading.error?.message ?? 'the read failed' });
        });
        done += chunk.length;
        ctx.progress(done, targets.length);
      }
      ctx.log(`read ${done} of ${targets.length} device(s)`);
    },
  };
}
