import type { AddressEntry } from '../../../src-shared/plugins/addressbook/address-entry';
import type { DeliveryMode, DeviceAccess } from '../../../src-shared/plugins/addressbook/addressbook.contract';
import type { ItemOutcome } from '../../../src-shared/settings/item-outcome';
import type { PluginDevice, PluginHost, TaskContext } from '../../plugin-api/plugin-host';
import { AdapterError, type AddressBookAdapter, type DeviceEndpoint } from './adapters/address-book-adapter';
import { deviceBookFacts } from './device-book-profile';

/** At most this many devices are written at once (each holds a session on its device). */
const PARALLEL_DEVICES = 4;
/** Per-entry results kept per device (the rest are counted in the message). */
const MAX_ITEMS = 200;

export interface DeliveryDeps {
  host: PluginHost;
  adapters: ReadonlyMap<string, AddressBookAdapter>;
  access: () => DeviceAccess;
}

/** Where a device's address book service answers, by the plug-in's access settings. */
export function endpointOf(device: Pick<PluginDevice, 'address'>, access: DeviceAccess): DeviceEndpoint {
  return { address: device.address, port: access.useTls ? access.httpsPort : access.httpPort, tls: access.useTls, allowSelfSigned: access.allowSelfSigned };
}

/** The adapter and login a device is reached with, or why it cannot be (a sentence for the operator). */
export function reachOf(device: PluginDevice, adapters: ReadonlyMap<string, AddressBookAdapter>): { adapter: AddressBookAdapter; login: { user: string; password: string } } | { why: string } {
  const facts = deviceBookFacts(device.profileData, device.model);
  if (facts.problem) return { why: `cannot deliver: ${facts.problem}` };
  if (facts.adapter === null) return { why: `no remote address book service on this model: hand the book over as a file (Address books → File hand-off, ${facts.handoff})` };
  const adapter = adapters.get(facts.adapter);
  if (!adapter) return { why: `its profile names the address book adapter "${facts.adapter}", which this console does not have` };
  if (!device.login) return { why: 'no administrator login is stored for this device: add one in the device credentials (Devices → Credentials), then test it' };
  return { adapter, login: device.login };
}

/**
 * Delivers a book to each device of the execution and reports per device: delivered N
 * entries; N over the device's limit not delivered; refused because the reception restriction
 * is on; authentication failed; not reached. One device failing never stops the others.
 */
export async function deliverToDevices(deps: DeliveryDeps, ctx: TaskContext, book: { name: string; entries: AddressEntry[] }, mode: DeliveryMode): Promise<void> {
  const { host } = deps;
  const { devices, missing } = host.devices(ctx.deviceIds);
  for (const id of missing) ctx.reportDevice(id, { ok: false, message: `device ${id} no longer exists (removed?)` });
  const access = deps.access();
  let done = 0;
  ctx.progress(0, devices.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < devices.length && !ctx.signal.aborted) {
      const device = devices[next++];
      if (!device) continue;
      await deliverOne(deps, ctx, device, book, mode, access);
      ctx.progress(++done, devices.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DEVICES, devices.length) }, worker));
}

async function deliverOne(deps: DeliveryDeps, ctx: TaskContext, device: PluginDevice, book: { name: string; entries: AddressEntry[] }, mode: DeliveryMode, access: DeviceAccess): Promise<void> {
  const reach = reachOf(device, deps.adapters);
  if ('why' in reach) {
    ctx.reportDevice(device.id, { ok: false, message: reach.why });
    return;
  }
  const facts = deviceBookFacts(device.profileData, device.model);
  const fits = facts.limit === null ? book.entries : book.entries.slice(0, facts.limit);
  const overByModel = book.entries.slice(fits.length).map((e) => e.number);
  const endpoint = endpointOf(device, access);
  const audit = (ok: boolean, detail: unknown): void => deps.host.auditDeviceWrite({ action: 'addressbook.deliver', task: ctx, deviceId: device.id, address: device.address, ok, detail: { book: book.name, mode, ...(detail as object) } });
  try {
    if (await reach.adapter.receptionRestricted(endpoint, reach.login, ctx.signal)) {
      ctx.reportDevice(device.id, { ok: false, message: "refused: the device's address book reception restriction is on (switch it off on the device to receive books)" });
      audit(false, { refused: 'reception restriction' });
      return;
    }
    const outcome = await reach.adapter.deliver(endpoint, reach.login, fits, mode, ctx.signal);
    const over = [...overByModel, ...outcome.overLimit];
    const names = new Map(book.entries.map((e) => [e.number, e.name]));
    const items: ItemOutcome[] = [
      ...over.map((n) => ({ item: `${n} ${names.get(n) ?? ''}`.trim(), outcome: 'refused' as const, message: "over the device's limit: not delivered", value: null })),
      ...outcome.refused.map((r) => ({ item: `${r.number} ${names.get(r.number) ?? ''}`.trim(), outcome: 'refused' as const, message: r.message, value: null })),
    ];
    const parts = [`delivered ${outcome.delivered} ${outcome.delivered === 1 ? 'entry' : 'entries'}`];
    if (over.length > 0) parts.push(`${over.length} over the device's limit not delivered`);
    if (outcome.refused.length > 0) parts.push(`${outcome.refused.length} refused by the device`);
    if (outcome.removed > 0) parts.push(`${outcome.removed} removed (replace)`);
    const ok = over.length === 0 && outcome.refused.length === 0;
    ctx.reportDevice(device.id, { ok, message: parts.join('; '), items: items.slice(0, MAX_ITEMS) });
    audit(ok, { delivered: outcome.delivered, overLimit: over.length, refused: outcome.refused.length, removed: outcome.removed });
  } catch (error) {
    const message = error instanceof AdapterError ? failureText(error) : `failed: ${error instanceof Error ? error.message : String(error)}`;
    ctx.reportDevice(device.id, { ok: false, message });
    audit(false, { error: message });
  }
}

/** The operator's sentence for a device that failed as a whole. */
export function failureText(error: AdapterError): string {
  switch (error.step) {
    case 'wrong-credentials':
      return `authentication failed: ${error.message}`;
    case 'no-answer':
      return `not reached: ${error.message}`;
    case 'reception-restricted':
      return `refused: ${error.message}`;
    default:
      return error.message;
  }
}
