import type { AppEvents, AppImpl } from '../../../src-shared/contract/app.contract';
import { parseHostPort } from '../../../src-shared/net/host-port';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundReporter } from '../monitor/round-reporter';
import type { DevicesRepository } from '../store/devices.repository';
import type { DeviceListQueries } from '../store/device-list.queries';
import { encodeDeviceRows } from '../../../src-shared/domain/device-rows.codec';
import { devicesToCsv, parseDeviceCsv } from './device-csv';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';

type DevicesImpl = AppImpl['devices'];
type RefreshResult = Awaited<ReturnType<DevicesImpl['refresh']>>['results'][number];

export interface DevicesServiceDeps {
  devices: DevicesRepository;
  /** The console's list rows, read without building full summaries. */
  listRows: DeviceListQueries;
  reporter: RoundReporter;
  events: EventHub<AppEvents>;
  /**
   * Reads devices as a 'refresh' execution of the job model (persisted, cancellable, with
   * progress events) and resolves with ok per device.
   */
  runRefresh: (ids: number[], context: CallContext) => Promise<Map<number, boolean>>;
}

/**
 * The devices part of the contract over the store (reads run as refresh executions). Arguments arrive parsed
 * by the router; expected failures are AppError with the contract's codes. Every change is
 * announced with devices.changed (and device.status for state changes a read brings).
 */
export class DevicesService implements DevicesImpl {
  constructor(private readonly deps: DevicesServiceDeps) {}

  list: DevicesImpl['list'] = ({ ids }) => ({ devices: ids ? this.deps.devices.listDevicesByIds(ids) : this.deps.devices.listDevices() });

  listRows: DevicesImpl['listRows'] = ({ ids, first }) => {
    const rows = this.deps.listRows;
    return encodeDeviceRows(ids ? rows.listRowsByIds(ids) : first !== undefined ? rows.firstRows(first) : rows.listRows());
  };

  get: DevicesImpl['get'] = ({ id }) => this.deps.devices.getDevice(id) ?? notFound(id);

  history: DevicesImpl['history'] = ({ id, since, until }) => {
    if (until !== undefined && until <= since) throw new AppError('invalid-argument', `until (${until}) must be after since (${since})`, { field: 'until' });
    if (this.deps.devices.getDevice(id) === null) notFound(id);
    return this.deps.devices.history(id, { since, until });
  };

  add: DevicesImpl['add'] = ({ address, name }) => {
    let target: { host: string; port: number | null };
    try {
      target = parseHostPort(address);
    } catch (error) {
      throw new AppError('invalid-argument', `address: ${error instanceof Error ? error.message : String(error)}`, { field: 'address' });
    }
    const added = this.deps.devices.addDevice({ address: target.host, port: target.port ?? 161, name: name ?? null, source: 'added' });
    if (added.created) this.deps.events.emit('devices.changed', { ids: [added.deviceId], removed: [] });
    return { id: added.deviceId, created: added.created };
  };

  remove: DevicesImpl['remove'] = ({ ids }) => {
    const removed = this.deps.devices.removeDevices(ids);
    if (removed > 0) {
      this.deps.reporter.forget(ids);
      this.deps.events.emit('devices.changed', { ids: [], removed: [...new Set(ids)] });
      // Static groups lose the removed members with them.
      this.deps.events.emit('groups.changed', {});
    }
    return { removed };
  };

  rename: DevicesImpl['rename'] = ({ id, name }) => {
    if (!this.deps.devices.renameDevice(id, name)) notFound(id);
    this.deps.events.emit('devices.changed', { ids: [id], removed: [] });
    return {};
  };

  refresh: DevicesImpl['refresh'] = async ({ ids }, context) => {
    const wanted = [...new Set(ids)];
    const stored = new Set(this.deps.devices.listPollTargets().map((t) => t.id));
    const known = wanted.filter((id) => stored.has(id));
    const ok = known.length > 0 ? await this.deps.runRefresh(known, context) : new Map<number, boolean>();
    // The error of a device that could not be read is the one its read left on its row.
    const rows = new Map(this.deps.devices.listDevicesByIds(known).map((d) => [d.id, d]));
    const results = wanted.map((id): RefreshResult => {
      if (!stored.has(id)) return { id, ok: false, error: { code: 'not-found', message: `device ${id} does not exist (removed?)` } };
      if (ok.get(id) === true) return { id, ok: true, error: null };
      return { id, ok: false, error: rows.get(id)?.lastError ?? { code: 'cancelled', message: 'the read was cancelled' } };
    });
    return { results };
  };

  exportCsv: DevicesImpl['exportCsv'] = ({ ids }) => {
    const wanted = ids ? new Set(ids) : null;
    const devices = this.deps.devices.listDevices().filter((d) => !wanted || wanted.has(d.id));
    return { csv: devicesToCsv(devices), count: devices.length };
  };

  importCsv: DevicesImpl['importCsv'] = ({ csv }) => {
    // Every line is checked before anything is written, and the writes are one transaction.
    const rows = parseDeviceCsv(csv);
    const results = this.deps.devices.addDevices(
      rows.map((row) => ({
        address: row.address,
        port: row.port,
        name: row.name,
        source: 'imported' as const,
        hints: { vendor: row.vendor, model: row.model, location: row.location },
      })),
    );
    const created = results.filter((r) => r.created).map((r) => r.deviceId);
    if (created.length > 0) this.deps.events.emit('devices.changed', { ids: created, removed: [] });
    return { added: created.length, existing: results.length - created.length };
  };
}

function notFound(id: number): never {
  throw new AppError('not-found', `device ${id} does not exist (removed?)`, { id });
}
