import type { DeviceState } from '../../src-shared/domain/device-reading';

/**
 * The fleet at a glance, for the tray. Pure.
 * Order of badness: error > offline (not printing at all) > warning (printing, needs care) >
 * ok > unknown. Unknown (never read, not a printer) ranks lowest on purpose: it says nothing
 * about the fleet, so one odd device must not turn the whole tray grey.
 */
const BADNESS: Record<DeviceState, number> = { unknown: 0, ok: 1, warning: 2, offline: 3, error: 4 };

/** The worst state among `states`; 'unknown' for an empty fleet. */
export function worstState(states: Iterable<DeviceState>): DeviceState {
  let worst: DeviceState = 'unknown';
  for (const state of states) {
    if (BADNESS[state] > BADNESS[worst]) worst = state;
  }
  return worst;
}

export type FleetCounts = Record<DeviceState, number> & { total: number };

/** How many devices are in each state (and in all). */
export function countStates(states: Iterable<DeviceState>): FleetCounts {
  const counts: FleetCounts = { total: 0, ok: 0, warning: 0, error: 0, offline: 0, unknown: 0 };
  for (const state of states) {
    counts[state] += 1;
    counts.total += 1;
  }
  return counts;
}

/**
 * Device id → state, kept current from `devices.list` and pushed events. The tray reads
 * worst() and counts() after every change.
 */
export class FleetStateTable {
  private readonly states = new Map<number, DeviceState>();

  /** Replaces everything with a fresh device list. */
  reset(devices: Iterable<{ id: number; state: DeviceState }>): void {
    this.states.clear();
    for (const device of devices) this.states.set(device.id, device.state);
  }

  /** Records a device's new state; returns false when nothing changed. */
  set(id: number, state: DeviceState): boolean {
    if (this.states.get(id) === state) return false;
    this.states.set(id, state);
    return true;
  }

  /** Forgets removed devices; returns false when none was known. */
  remove(ids: Iterable<number>): boolean {
    let changed = false;
    for (const id of ids) changed = this.states.delete(id) || changed;
    return changed;
  }

  has(id: number): boolean {
    return this.states.has(id);
  }

  worst(): DeviceState {
    return worstState(this.states.values());
  }

  counts(): FleetCounts {
    return countStates(this.states.values());
  }
}
