import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import type { DeviceState } from '../../../src-shared/domain/device-reading';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundOutcome } from '../inventory/inventory.service';
import type { DevicesRepository } from '../store/devices.repository';

/** The state a device is in for people: a failed last read makes it offline, never read unknown. */
export function effectiveStatus(device: DeviceSummary): { state: DeviceState; message: string } {
  if (device.lastError !== null) return { state: 'offline', message: device.lastError.message };
  if (device.lastSeen === null) return { state: 'unknown', message: device.message };
  return { state: device.state, message: device.message };
}

/**
 * Turns read rounds (poll rounds and "refresh now") into pushed events: devices.changed for
 * every device read (placeholders merged into another device as removed), and device.status
 * for each device whose effective state differs from the one it had before. States are
 * compared with the last ones seen, so a device that stays in error is announced once.
 */
export class RoundReporter {
  private known: Map<number, DeviceState> | null = null;

  constructor(
    private readonly devices: DevicesRepository,
    private readonly events: EventHub<AppEvents>,
  ) {}

  /** Call before a round writes: the first call takes the states it will be compared with. Throws only on database failure. */
  before(): void {
    if (this.known === null) this.known = new Map(this.devices.listDevices().map((d) => [d.id, effectiveStatus(d).state]));
  }

  /** Forgets removed devices, so an id SQLite hands out again starts without a past state. */
  forget(ids: readonly number[]): void {
    for (const id of ids) this.known?.delete(id);
  }

  /** Call after a round was saved: emits its events. Throws only on database failure. */
  after(outcomes: readonly RoundOutcome[]): void {
    const ids = [...new Set(outcomes.map((o) => o.saved.deviceId))];
    const removed = [...new Set(outcomes.flatMap((o) => o.saved.mergedIds))].filter((id) => !ids.includes(id));
    if (ids.length > 0 || removed.length > 0) this.events.emit('devices.changed', { ids, removed });
    this.compareStates();
  }

  private compareStates(): void {
    const previous = this.known ?? new Map<number, DeviceState>();
    const next = new Map<number, DeviceState>();
    for (const device of this.devices.listDevices()) {
      const { state, message } = effectiveStatus(device);
      next.set(device.id, state);
      const before = previous.get(device.id) ?? null;
      // A device that appeared and was never read has no state worth announcing.
      if (state === before || (before === null && state === 'unknown')) continue;
      this.events.emit('device.status', { id: device.id, name: displayName(device), state, previous: before, message });
    }
    this.known = next;
  }
}

/** The name a person knows the device by: given name, else sysName, else its address. */
export function displayName(device: DeviceSummary): string {
  return device.name ?? device.identity.sysName ?? (device.port === 161 ? device.address : `${device.address}:${device.port}`);
}
