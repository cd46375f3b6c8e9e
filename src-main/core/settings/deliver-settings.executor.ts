import { change } from '../../../src-shared/auth/access';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import { itemSucceeded, type ItemOutcome } from '../../../src-shared/settings/item-outcome';
import { dnsHostNameFor, type SettingId, type SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { deliverSettingsParamsSchema } from '../../../src-shared/settings/settings-task-params';
import type { SnmpSettings } from '../inventory/credential-settings';
import type { InventoryService } from '../inventory/inventory.service';
import type { SnmpClient } from '../snmp/snmp-client';
import type { AuditLog } from '../audit/audit-log';
import type { DevicesRepository } from '../store/devices.repository';
import type { TaskContext, TaskExecutor } from '../tasks/task-executor';
import type { CredentialsVault } from './credentials-vault';
import type { DeviceWriter } from './device-writer';
import type { IpPools } from './ip-pools';
import { DEFAULT_RESET_VALUE, PRT_GENERAL_RESET_COLUMN } from '../../../src-shared/settings/standard-settings';
import type { SnmpTarget } from '../snmp/snmp-client';
import { rebootAndVerify, sleep } from './reboot-verifier';
import { forEachSettingsDevice, type SettingsDevice } from './settings-targets';

export interface SettingsExecutorDeps {
  devices: DevicesRepository;
  profiles: readonly DeviceProfile[];
  vault: CredentialsVault;
  snmp: SnmpClient;
  /** The console's read settings (timeouts and default community). */
  snmpSettings: SnmpSettings;
  writer: DeviceWriter;
  pools: IpPools;
  inventory: InventoryService;
  /** Announces devices whose identity a delivery changed (the list refetches them). */
  events: EventHub<AppEvents>;
  /** Every device write is in the system log, per device with its items, in the name of who asked for it. */
  audit: Pick<AuditLog, 'record'>;
  /** Devices worked on at once (default 32). */
  concurrency?: number;
  /** How often a rebooting or moved device is asked whether it is back (default 1 s). */
  pollEveryMs?: number;
}

/** Why a device cannot be written: a stored credential that does not open (never "none stored": it is there, sealed), else none stored. */
export function noWriteMessage(device: Pick<SettingsDevice, 'writeProblem'>): string {
  return device.writeProblem === null ? NO_WRITE_CREDENTIAL : `the stored write credential cannot be used: ${device.writeProblem}`;
}

export const NO_WRITE_CREDENTIAL = 'no SNMP write credential is stored for this device or its groups (store one in the device settings wizard, Devices step, or give printdeck settings set --write-community)';

/**
 * 'deliverSettings' (whitepaper §3.2): writes the chosen values to every target and reads each
 * back; a DNS host name gets the device's MAC suffix, a pool address is handed out per device,
 * address changes go last and the device is then found again at its new address (its row moves,
 * history kept). Reboots after, when asked and when something was delivered. A device fails
 * only when no item is in place (delivered or already set).
 */
export function deliverSettingsExecutor(deps: SettingsExecutorDeps): TaskExecutor<typeof deliverSettingsParamsSchema> {
  return {
    type: 'deliverSettings',
    access: change('deviceSettings'),
    paramsSchema: deliverSettingsParamsSchema,
    usesTargets: true,
    run: async (ctx) => {
      const started = performance.now();
      const counts = new Map<string, number>();
      const identities = new IdentityBatch(deps);
      const devices = await forEachSettingsDevice(ctx, deps, async (device) => {
        const items = await deliverTo(device, ctx.params.values as Partial<Record<SettingId, SettingValue>>, ctx.params.reboot, deps, ctx);
        identities.add(device.id, items);
        for (const item of items) counts.set(item.outcome, (counts.get(item.outcome) ?? 0) + 1);
      });
      identities.flush();
      ctx.log(`items: ${[...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'none'} (${devices.length} device(s) in ${Math.round(performance.now() - started)} ms)`);
    },
  };
}

async function deliverTo(device: SettingsDevice, asked: Partial<Record<SettingId, SettingValue>>, reboot: boolean, deps: SettingsExecutorDeps, ctx: TaskContext): Promise<ItemOutcome[]> {
  const ids = Object.keys(asked) as SettingId[];
  if (!device.write) {
    const message = noWriteMessage(device);
    const items = ids.map((item) => ({ item, outcome: 'not-reached' as const, message, value: null }));
    ctx.reportDevice(device.id, { ok: false, message, items });
    return items;
  }
  const before: ItemOutcome[] = [];
  const values: Partial<Record<SettingId, SettingValue>> = { ...asked };
  // Values that differ per device: the MAC-suffixed host name, a pool address.
  if (typeof values.dnsHostName === 'string' && device.plan.dnsHostName) {
    const name = dnsHostNameFor(values.dnsHostName, device.mac);
    if (name === null) {
      before.push({ item: 'dnsHostName', outcome: 'refused', message: 'the MAC address of the device is not known, so the host name cannot be made unique', value: null });
      delete values.dnsHostName;
    } else values.dnsHostName = name;
  }
  if (typeof values.ipAddress === 'number' && device.plan.ipAddress) {
    const allocation = await deps.pools.allocate(values.ipAddress, device.id, ctx.signal);
    if (!allocation.ok) {
      before.push({ item: 'ipAddress', outcome: 'refused', message: allocation.reason, value: null });
      delete values.ipAddress;
    } else values.ipAddress = allocation.address;
  }
  const delivered = Object.keys(values).length > 0 ? await deps.writer.deliver(device.write, device.plan, values, { signal: ctx.signal }) : [];
  const items = [...before, ...delivered].sort((a, b) => ids.indexOf(a.item as SettingId) - ids.indexOf(b.item as SettingId));
  const notes: string[] = [];
  const wroteSomething = items.some((i) => i.outcome === 'delivered');
  const newAddress = items.find((i) => i.item === 'ipAddress' && i.outcome === 'delivered')?.value;
  if (typeof newAddress === 'string' && newAddress !== device.address && !ctx.signal.aborted) {
    notes.push(...(await moveAndReboot(device, device.write, newAddress, reboot, items, deps, ctx.signal)));
  } else if (reboot && wroteSomething && !ctx.signal.aborted) {
    notes.push((await rebootAndVerify(device, device.write, deps, { signal: ctx.signal, pollEveryMs: deps.pollEveryMs })).message);
  }
  const ok = items.some((i) => itemSucceeded(i.outcome));
  auditDeviceWrite(deps, ctx, 'settings.deliver', device, ok, items.map((i) => ({ item: i.item, outcome: i.outcome, value: i.value })));
  ctx.reportDevice(device.id, { ok, message: [summary(items), ...notes].join('; '), items });
  return items;
}

/**
 * The list shows what was delivered at once (name, location, contact as read back), not after
 * the next full read: written in batches of 100 devices, one devices.changed per batch.
 */
class IdentityBatch {
  private pending: { id: number; sysName?: string; location?: string; contact?: string }[] = [];

  constructor(private readonly deps: SettingsExecutorDeps) {}

  add(deviceId: number, items: readonly ItemOutcome[]): void {
    const read = (item: SettingId): string | undefined => {
      const found = items.find((i) => i.item === item && (i.outcome === 'delivered' || i.outcome === 'already-set'));
      return typeof found?.value === 'string' ? found.value : undefined;
    };
    const fields = { sysName: read('deviceName'), location: read('installationSite'), contact: read('administratorContact') };
    if (fields.sysName === undefined && fields.location === undefined && fields.contact === undefined) return;
    this.pending.push({ id: deviceId, ...fields });
    if (this.pending.length >= 100) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deps.devices.applyDeliveredIdentity(batch);
    this.deps.events.emit('devices.changed', { ids: batch.map((e) => e.id), removed: [] });
  }
}

/** How long a device may take to answer at a new address before the console tries a reboot (some models move only then). */
const MOVE_WITHOUT_REBOOT_MS = 5_000;

/**
 * After an address change: some models move at once (JetDirect re-initialises TCP/IP), others
 * at their next reboot (Brother). Look at the new address first; when the device is not there
 * and a reboot was asked for, reboot it at the old one, then look again. A reboot asked for a
 * device that already moved is done, and proved, at its new address.
 */
async function moveAndReboot(device: SettingsDevice, write: SnmpTarget, address: string, reboot: boolean, items: ItemOutcome[], deps: SettingsExecutorDeps, signal: AbortSignal): Promise<string[]> {
  const notes: string[] = [];
  let found = await findAgain(device, address, deps, signal, MOVE_WITHOUT_REBOOT_MS);
  if (found.ok && reboot) {
    const moved: SettingsDevice = { ...device, address, read: { ...device.read, host: address } };
    notes.push((await rebootAndVerify(moved, { ...write, host: address }, deps, { signal, pollEveryMs: deps.pollEveryMs })).message);
  } else if (!found.ok && reboot) {
    try {
      await deps.writer.resetDevice(write, PRT_GENERAL_RESET_COLUMN, device.profile?.reboot?.value ?? DEFAULT_RESET_VALUE);
      notes.push('rebooted to take the new address');
    } catch (error) {
      notes.push(`the reboot was refused: ${error instanceof Error ? error.message : String(error)}`);
    }
    found = await findAgain(device, address, deps, signal);
  }
  const item = items.find((i) => i.item === 'ipAddress');
  if (item) Object.assign(item, found.ok ? { message: found.message } : { outcome: 'not-verified', message: found.message });
  return [found.message, ...notes];
}

/** Reads the device at its new address until it answers (within `limitMs`, default its reboot limit); the store moves its row by serial and MAC. */
async function findAgain(device: SettingsDevice, address: string, deps: SettingsExecutorDeps, signal: AbortSignal, limitMs?: number): Promise<{ ok: boolean; message: string }> {
  const deadline = Date.now() + (limitMs ?? (device.profile?.reboot?.withinSeconds ?? 180) * 1000);
  while (Date.now() < deadline && !signal.aborted) {
    const [outcome] = await deps.inventory.readTargets([{ ...device.read, host: address }]);
    if (outcome?.reading.ok) {
      return outcome.saved.deviceId === device.id
        ? { ok: true, message: `found again at ${address}; its row and history are kept` }
        : { ok: false, message: `something answers at ${address}, but it is not this device (serial and MAC differ)` };
    }
    await sleep(deps.pollEveryMs ?? 1000, signal);
  }
  return { ok: false, message: `written, but the device did not answer at ${address} in time` };
}

/** "2 delivered, 1 unsupported (administratorComment)". */
export function summary(items: readonly ItemOutcome[]): string {
  const groups = new Map<string, string[]>();
  for (const item of items) groups.set(item.outcome, [...(groups.get(item.outcome) ?? []), item.item]);
  return [...groups].map(([outcome, names]) => (outcome === 'delivered' || outcome === 'already-set' || outcome === 'read' ? `${names.length} ${outcome}` : `${names.length} ${outcome} (${names.join(', ')})`)).join(', ') || 'nothing to do';
}

/** One row of the system log for a write to one device (settings.deliver, settings.reboot). */
export function auditDeviceWrite(deps: Pick<SettingsExecutorDeps, 'audit'>, ctx: TaskContext, action: string, device: SettingsDevice, ok: boolean, detail: unknown): void {
  deps.audit.record({
    action,
    context: { caller: null, host: 'in-process', address: null },
    userName: ctx.requestedBy ?? 'system',
    targets: [`device ${device.id}`, `address ${device.address}`],
    outcome: ok ? 'ok' : 'failed',
    message: `task ${ctx.taskId}, execution ${ctx.executionId}`,
    detail,
  });
}
