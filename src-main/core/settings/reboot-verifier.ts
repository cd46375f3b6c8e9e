import { asNumber } from '../../../src-shared/snmp/snmp-value';
import { DEFAULT_RESET_VALUE, PRT_GENERAL_RESET_COLUMN } from '../../../src-shared/settings/standard-settings';
import type { SnmpClient, SnmpTarget } from '../snmp/snmp-client';
import type { DeviceWriter } from './device-writer';
import type { SettingsDevice } from './settings-targets';

const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';
export const DEFAULT_REBOOT_WITHIN_S = 180;

export interface RebootOptions {
  withinSeconds?: number;
  /** How often the device is asked whether it is back (default 1 s). */
  pollEveryMs?: number;
  signal?: AbortSignal;
}

/**
 * Reboots a device through prtGeneralReset (resetToNVRAM unless its profile says otherwise) and
 * proves it: prtGeneralReset always reads back notResetting, so the proof is sysUpTime — the
 * device must answer again within the limit with an uptime below the one it had.
 */
export async function rebootAndVerify(device: SettingsDevice, write: SnmpTarget, deps: { snmp: SnmpClient; writer: DeviceWriter }, options: RebootOptions = {}): Promise<{ ok: boolean; message: string }> {
  if (device.profile?.reboot?.unsupported) return { ok: false, message: 'this model cannot be rebooted over SNMP (device profile)' };
  const within = (options.withinSeconds ?? device.profile?.reboot?.withinSeconds ?? DEFAULT_REBOOT_WITHIN_S) * 1000;
  const before = await uptime(deps.snmp, device.read);
  if (before === null) return { ok: false, message: 'not reached: the device did not answer before the reboot' };
  try {
    await deps.writer.resetDevice(write, PRT_GENERAL_RESET_COLUMN, device.profile?.reboot?.value ?? DEFAULT_RESET_VALUE);
  } catch (error) {
    return { ok: false, message: `the reboot was refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  const started = Date.now();
  while (Date.now() - started < within && !options.signal?.aborted) {
    await sleep(options.pollEveryMs ?? 1000, options.signal);
    const now = await uptime(deps.snmp, device.read);
    if (now !== null && now < before) return { ok: true, message: `rebooted: answering again after ${((Date.now() - started) / 1000).toFixed(1)} s (sysUpTime ${(now / 100).toFixed(0)} s)` };
  }
  if (options.signal?.aborted) return { ok: false, message: 'cancelled while waiting for the device to come back' };
  return { ok: false, message: `not verified: the device did not come back with a lower sysUpTime within ${within / 1000} s` };
}

async function uptime(snmp: SnmpClient, read: SnmpTarget): Promise<number | null> {
  try {
    const [vb] = await snmp.get({ ...read, timeoutMs: 1000, retries: 0 }, [SYS_UP_TIME]);
    return asNumber(vb?.value);
  } catch {
    return null;
  }
}

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
