import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import type { DeviceState } from '../../../src-shared/domain/device-reading';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundOutcome } from '../inventory/inventory.service';
import type { DevicesRepository, DeviceStateFacts } from '../store/devices.repository';

/** What effectiveStatus reads of a device (a list row has it, and so has the store's narrow state row). */
export type StatusFacts = Pick<DeviceSummary, 'state' | 'message' | 'lastSeen' | 'lastAttempt' | 'lastError' | 'missedPolls' | 'missingSince'>;

/** Failed polls in a row after which a device is "not reachable" (monitoring settings may change it). */
export const DEFAULT_MISSES_BEFORE_NOT_REACHABLE = 3;

/**
 * The state a device is in for people: a failed last read makes it offline (with the read's
 * error), `missesBeforeNotReachable` failed reads in a row make it "not reachable since …";
 * never read is unknown.
 */
export function effectiveStatus(
  device: StatusFacts,
  missesBeforeNotReachable = DEFAULT_MISSES_BEFORE_NOT_REACHABLE,
): { state: DeviceState; message: string; notReachable: boolean } {
  if (device.lastError !== null) {
    if (isNotReachable(device, missesBeforeNotReachable)) {
      return { state: 'offline', message: `not reachable since ${localTime(device.missingSince ?? device.lastAttempt ?? 0)}`, notReachable: true };
    }
    return { state: 'offline', message: device.lastError.message, notReachable: false };
  }
  if (device.lastSeen === null) return { state: 'unknown', message: device.message, notReachable: false };
  return { state: device.state, message: device.message, notReachable: false };
}

/** The state part of effectiveStatus, from stored columns: a failed last read is offline, never read is unknown. */
export function effectiveState(stored: DeviceState, lastSeen: number | null, lastReadFailed: boolean): DeviceState {
  if (lastReadFailed) return 'offline';
  return lastSeen === null ? 'unknown' : stored;
}

/** True when the device failed at least `misses` reads in a row (a device never read that failed counts too). */
export function isNotReachable(device: Pick<DeviceSummary, 'lastError' | 'missedPolls'>, misses: number): boolean {
  return device.lastError !== null && device.missedPolls >= misses;
}

/** "2024-05-01 14:03" in the console's local time: messages are read by people in that place. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * Turns read rounds (poll rounds and "refresh now") into pushed events: devices.changed for
 * every device read (placeholders merged into another device as removed), and device.status
 * for each device whose effective state differs from the one it had before. States are
 * compared with the last ones seen, so a device that stays in error is announced once.
 */
export class RoundReporter {
  private known: Map<number, KnownState> | null = null;

  /**
   * `misses`: failed reads in a row before "not reachable" (read at each round, so a settings
   * change applies at once); absent: never (a failed read is offline with its error).
   */
  constructor(
    private readonly devices: Pick<DevicesRepository, 'listDeviceStates'>,
    private readonly events: EventHub<AppEvents>,
    private readonly misses: () => number = () => Number.POSITIVE_INFINITY,
  ) {}

  /** Call before a round writes: the first call takes the states it will be compared with. Throws only on database failure. */
  before(): void {
    if (this.known === null) this.known = new Map(this.devices.listDeviceStates().map((d) => [d.id, this.stateOf(d)]));
  }

  private stateOf(device: StatusFacts): KnownState {
    const status = effectiveStatus(device, this.misses());
    return { state: status.state, notReachable: status.notReachable };
  }

  /** Forgets removed devices, so an id SQLite hands out again starts without a past state. */
  forget(ids: readonly number[]): void {
    for (const id of ids) this.known?.delete(id);
  }

  /** Call after a round was saved: emits its events. Throws only on database failure. */
  after(outcomes: readonly RoundOutcome[]): void {
    // A device whose identity conflict a reading cleared changed too.
    const ids = [...new Set(outcomes.flatMap((o) => [o.saved.deviceId, ...(o.saved.conflictsCleared ?? [])]))];
    const removed = [...new Set(outcomes.flatMap((o) => o.saved.mergedIds))].filter((id) => !ids.includes(id));
    if (ids.length > 0 || removed.length > 0) this.events.emit('devices.changed', { ids, removed });
    this.compareStates();
  }

  private compareStates(): void {
    const previous = this.known ?? new Map<number, KnownState>();
    const next = new Map<number, KnownState>();
    const misses = this.misses();
    // The narrow state rows, not list rows: this runs after every slice of a spread round.
    for (const device of this.devices.listDeviceStates()) {
      const { state, message, notReachable } = effectiveStatus(device, misses);
      next.set(device.id, { state, notReachable });
      const before = previous.get(device.id) ?? null;
      // A device that appeared and was never read has no state worth announcing. Becoming
      // "not reachable" is announced although the state stays offline: its message changes.
      if ((state === before?.state && notReachable === before.notReachable) || (before === null && state === 'unknown')) continue;
      this.events.emit('device.status', { id: device.id, name: displayName(device), state, previous: before?.state ?? null, message });
    }
    this.known = next;
  }
}

interface KnownState {
  state: DeviceState;
  notReachable: boolean;
}

/** The name a person knows the device by: given name, else sysName, else its address. */
export function displayName(device: Pick<DeviceStateFacts, 'name' | 'address' | 'port' | 'identity'>): string {
  return device.name ?? device.identity.sysName ?? (device.port === 161 ? device.address : `${device.address}:${device.port}`);
}
