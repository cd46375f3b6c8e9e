import type { SettingWrite, DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { SettingId } from '../../../src-shared/settings/settings-catalogue';
import { writePlan } from '../../../src-shared/settings/standard-settings';
import { settingsForDevice, settingsOfCredential, type SnmpSettings } from '../inventory/credential-settings';
import type { SnmpTarget } from '../snmp/snmp-client';
import type { DevicesRepository } from '../store/devices.repository';
import type { TaskContext } from '../tasks/task-executor';
import type { CredentialsVault } from './credentials-vault';

/** One device as the settings tasks see it: where it is, how it is read and written, what its model supports. */
export interface SettingsDevice {
  id: number;
  label: string;
  address: string;
  port: number;
  profile: DeviceProfile | null;
  plan: Partial<Record<SettingId, SettingWrite>>;
  /** How the device is read (its search credential or the console's default). */
  read: SnmpTarget;
  /** How it is written: the vault's SNMP write credential; null when none is stored or it cannot be opened (see writeProblem). */
  write: SnmpTarget | null;
  /** Why the stored write credential (or administrator password) cannot be opened: which key file, what to do; null otherwise. */
  writeProblem: string | null;
  /** Why the device's own read credential cannot be opened; such a device is not worked on (it would be read with the default). */
  readProblem: string | null;
  mac: string | null;
  serial: string | null;
}

export interface SettingsTargetsDeps {
  devices: DevicesRepository;
  profiles: readonly DeviceProfile[];
  vault: CredentialsVault;
  /** The console's read settings (timeouts and default community). */
  snmpSettings: SnmpSettings;
}

/** The devices of `ids` that exist, with their plans and credentials; ids that no longer exist are returned apart. */
export function settingsDevices(ids: readonly number[], deps: SettingsTargetsDeps): { devices: SettingsDevice[]; missing: number[] } {
  const targets = new Map(deps.devices.listPollTargets().map((t) => [t.id, t]));
  const summaries = new Map(deps.devices.listDevicesByIds(ids.filter((id) => targets.has(id))).map((d) => [d.id, d]));
  const profiles = new Map(deps.profiles.map((p) => [p.id, p]));
  const credentials = deps.vault.forDevices(ids);
  const plans = new Map<string | null, Partial<Record<SettingId, SettingWrite>>>();
  const devices: SettingsDevice[] = [];
  const missing: number[] = [];
  for (const id of ids) {
    const target = targets.get(id);
    const summary = summaries.get(id);
    if (!target || !summary) {
      missing.push(id);
      continue;
    }
    const profile = target.profileId === null ? null : (profiles.get(target.profileId) ?? null);
    const credential = credentials.get(id)?.snmpWrite ?? null;
    const profileKey = profile?.id ?? null;
    if (!plans.has(profileKey)) plans.set(profileKey, writePlan(profile?.settings));
    devices.push({
      id,
      label: summary.name ?? summary.identity.sysName ?? `${target.address}:${target.port}`,
      address: target.address,
      port: target.port,
      profile,
      plan: plans.get(profileKey) ?? {},
      read: { ...settingsForDevice(target.credential, deps.snmpSettings), host: target.address, port: target.port },
      write: credential ? { ...settingsOfCredential(credential, deps.snmpSettings), host: target.address, port: target.port } : null,
      writeProblem: credentials.get(id)?.problem ?? null,
      readProblem: target.credentialProblem,
      mac: summary.identity.mac,
      serial: summary.identity.serial,
    });
  }
  return { devices, missing };
}

/** Runs `work` over `items` with at most `limit` at once; stops starting new ones when `signal` aborts. */
export async function forEachBounded<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The common frame of the settings kinds: the targets as settings devices (those gone are
 * failed results), progress per device, at most `concurrency` devices at once, cancel between devices.
 */
export async function forEachSettingsDevice(ctx: TaskContext, deps: SettingsTargetsDeps & { concurrency?: number }, work: (device: SettingsDevice) => Promise<void>): Promise<SettingsDevice[]> {
  const { devices: all, missing } = settingsDevices(ctx.deviceIds, deps);
  for (const id of missing) ctx.reportDevice(id, { ok: false, message: `device ${id} no longer exists (removed?)` });
  // Never read with the default community when the device's own credential is sealed with a key that does not open.
  const devices = all.filter((d) => d.readProblem === null);
  for (const d of all) if (d.readProblem !== null) ctx.reportDevice(d.id, { ok: false, message: d.readProblem });
  let done = 0;
  ctx.progress(0, devices.length);
  await forEachBounded(devices, deps.concurrency ?? 32, ctx.signal, async (device) => {
    await work(device);
    ctx.progress(++done, devices.length);
  });
  return devices;
}
