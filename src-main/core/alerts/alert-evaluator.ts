import type { AppEvents } from '../../../src-shared/contract/app.contract';
import {
  WATCHABLE_CONDITIONS,
  type AlertDestination,
  type AlertKind,
  type MonitoringCondition,
  type SuppressionReason,
  type WatchedCondition,
} from '../../../src-shared/contract/monitoring.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { PRINTER_CONDITIONS } from '../../../src-shared/domain/device-reading';
import type { Mailer } from '../mail/mail-port';
import type { Clock } from '../monitor/clock';
import { displayName, isNotReachable } from '../monitor/round-reporter';
import type { AlertDeviceState, AlertsRepository } from '../store/alerts.repository';
import { endpoint } from '../store/reading-writer';
import { composeAlertMail, type MailItem } from './alert-mail';
import { isWithinHours } from './monitored-hours';

export interface AlertEvaluatorDeps {
  conditions: () => readonly MonitoringCondition[];
  /** Every device, or (given `ids`) those of them that exist. */
  devices: (ids?: readonly number[]) => readonly DeviceSummary[];
  /** Device ids that are members of the given groups now (smart groups resolved against `devices`). */
  groupMembers: (groupIds: readonly number[], devices: readonly DeviceSummary[]) => ReadonlySet<number>;
  /** Failed polls in a row before "not reachable". */
  misses: () => number;
  store: Pick<AlertsRepository, 'loadStates' | 'saveState' | 'addEvent' | 'markMailed' | 'transaction'>;
  mailer: Mailer;
  emit: (event: AppEvents['alert.raised']) => void;
  clock: Clock;
  log?: (line: string) => void;
}

/** What one evaluation did (for tests and logs). */
export interface EvaluationReport {
  /** (condition, device) pairs looked at. */
  evaluated: number;
  logged: number;
  mails: number;
}

const MINUTE = 60_000;
const ORDER = new Map<WatchedCondition, number>(WATCHABLE_CONDITIONS.map((c, i) => [c, i]));
const PRINTER = new Set<string>(PRINTER_CONDITIONS);

/**
 * Alert hygiene. After each poll, per enabled condition and target device, the watched state
 * (the set of active watched conditions) is compared with what was last logged:
 * - a different set must stay the same for the hold-down before it is logged (raised, cleared
 *   or changed); one that goes back earlier leaves nothing — a state is never logged twice;
 * - the destinations are then brought up to date with the logged state, unless outside the
 *   monitored hours (then silently, or later in one digest when hours start), or within the
 *   damping window after the device's last mail (then the latest state goes out when it ends);
 * - every destination gets at most ONE mail per evaluation, listing all its changes.
 * A failed read neither raises nor clears printer conditions (it says nothing about them);
 * "not reachable" counts after the set number of misses. State is persisted, so a restart
 * mails nothing already told.
 */
export class AlertEvaluator {
  private states: Map<string, AlertDeviceState> | null = null;
  private readonly inHours = new Map<number, boolean>();
  /** Per (condition, device): when the logged state was first seen (before its hold-down), for "since" in mails. */
  private readonly since = new Map<string, number>();

  constructor(private readonly deps: AlertEvaluatorDeps) {}

  /**
   * Evaluates the enabled conditions now. With `polledIds` (what a poll just saved), only for
   * those devices and the ones a condition is still waiting on — a state in its hold-down, or
   * a logged change not yet mailed (damped, or kept for the digest): a device nobody polled
   * and nothing waits on cannot have changed. Without, for every target device. Throws only
   * on database failure; a refused mail is logged.
   */
  evaluate(polledIds?: readonly number[]): EvaluationReport {
    const { clock, store } = this.deps;
    const now = clock.now();
    const states = (this.states ??= new Map(store.loadStates().map((s) => [key(s.conditionId, s.deviceId), s])));
    const polled = polledIds === undefined ? null : new Set(polledIds);
    const waiting = polled === null ? null : waitingOn(states.values());
    const devices = polled === null || waiting === null ? this.deps.devices() : this.fetch(union(polled, ...waiting.values()));
    const misses = this.deps.misses();
    let evaluated = 0;
    const outbox = new Map<string, { destination: AlertDestination; items: MailItem[]; eventIds: number[] }>();
    const logged: Array<AppEvents['alert.raised']> = [];
    try {
      store.transaction(() => {
        for (const condition of this.deps.conditions()) {
          if (!condition.enabled) continue;
          const inHours = isWithinHours(condition.hours, now);
          const hoursStarted = inHours && this.inHours.get(condition.id) === false;
          this.inHours.set(condition.id, inHours);
          const watch = new Set(condition.watch);
          for (const device of this.targets(condition, devices)) {
            // Only what was polled or is waited on (all without polledIds).
            if (polled !== null && !polled.has(device.id) && waiting?.get(condition.id)?.has(device.id) !== true) continue;
            evaluated += 1;
            const state = states.get(key(condition.id, device.id)) ?? fresh(condition.id, device.id);
            const before = snapshot(state);
            const event = this.holdDown(condition, device, state, observe(device, watch, misses, state), now, inHours);
            if (event) logged.push(event);
            const item = this.mailSync(condition, device, state, now, inHours, hoursStarted);
            if (item && state.lastEventId !== null) {
              for (const destination of condition.destinations) {
                const k = `${destination.address.toLowerCase()}|${destination.format}|${destination.maxChars}`;
                const box = outbox.get(k) ?? { destination, items: [], eventIds: [] };
                box.items.push(item);
                box.eventIds.push(state.lastEventId);
                outbox.set(k, box);
              }
            }
            if (snapshot(state) !== before) {
              states.set(key(condition.id, device.id), state);
              store.saveState(state);
            }
          }
        }
        const mailedTo = new Map<number, string[]>();
        for (const box of outbox.values()) for (const id of box.eventIds) mailedTo.set(id, [...(mailedTo.get(id) ?? []), box.destination.address]);
        for (const [id, to] of mailedTo) store.markMailed(id, [...new Set(to)], now);
      });
    } catch (error) {
      // The cached states were changed in place: the store (rolled back) is the truth again.
      this.states = null;
      throw error;
    }
    let mails = 0;
    for (const box of outbox.values()) {
      try {
        this.deps.mailer.enqueue(composeAlertMail(box.destination, box.items, 'monitoring', (id) => this.deps.mailer.consoleLink?.(`#/devices/${id}`) ?? null));
        mails += 1;
      } catch (error) {
        this.deps.log?.(`alerts: mail to ${box.destination.address} refused: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const event of logged) this.deps.emit(event);
    return { evaluated, logged: logged.length, mails };
  }

  /** Forgets the cached states (after a condition was removed or replaced, the store is the truth). */
  reload(): void {
    this.states = null;
  }

  /** The list rows of `ids` (none asked: none fetched). */
  private fetch(ids: ReadonlySet<number>): readonly DeviceSummary[] {
    if (ids.size === 0) return [];
    return this.deps.devices([...ids]).filter((d) => ids.has(d.id));
  }

  private targets(condition: MonitoringCondition, devices: readonly DeviceSummary[]): DeviceSummary[] {
    const { targets } = condition;
    if (targets.allDevices) return [...devices];
    const ids = new Set<number>(targets.deviceIds);
    if (targets.groupIds.length > 0) for (const id of this.deps.groupMembers(targets.groupIds, devices)) ids.add(id);
    return devices.filter((d) => ids.has(d.id));
  }

  /** Logs a change that outlasted the hold-down; returns the event to announce. */
  private holdDown(
    condition: MonitoringCondition,
    device: DeviceSummary,
    state: AlertDeviceState,
    observed: WatchedCondition[],
    now: number,
    inHours: boolean,
  ): AppEvents['alert.raised'] | null {
    if (same(observed, state.reported)) {
      state.pending = null;
      state.pendingSince = null;
      return null;
    }
    if (state.pending === null || !same(state.pending, observed)) {
      state.pending = observed;
      state.pendingSince = now;
    }
    if (now - (state.pendingSince ?? now) < condition.holdDownMinutes * MINUTE) return null;
    const previous = state.reported;
    const kind: AlertKind = previous.length === 0 ? 'raised' : observed.length === 0 ? 'cleared' : 'changed';
    const suppressed: SuppressionReason | null =
      condition.destinations.length === 0 ? 'list-only' : !inHours ? 'outside-hours' : this.damped(condition, state, now) ? 'damped' : null;
    const base = { at: now, conditionId: condition.id, conditionName: condition.name, deviceId: device.id, deviceName: displayName(device), kind, active: observed, previous, suppressed };
    const id = this.deps.store.addEvent(base);
    this.since.set(key(condition.id, device.id), state.pendingSince ?? now);
    state.reported = observed;
    state.pending = null;
    state.pendingSince = null;
    state.lastEventId = id;
    return { ...base, id, mailedTo: null, mailedAt: null };
  }

  /** Brings what the destinations were told up to date when allowed now; returns the mail item, if one goes out. */
  private mailSync(condition: MonitoringCondition, device: DeviceSummary, state: AlertDeviceState, now: number, inHours: boolean, hoursStarted: boolean): MailItem | null {
    if (same(state.mailed, state.reported)) return null;
    if (condition.destinations.length === 0 || (!inHours && !condition.digest)) {
      // Nobody is told (list only, or outside hours without a digest): the log has it.
      state.mailed = state.reported;
      return null;
    }
    if (!inHours || this.damped(condition, state, now)) return null;
    const item: MailItem = {
      conditionName: condition.name,
      deviceId: device.id,
      deviceName: displayName(device),
      address: endpoint(device.address, device.port),
      model: [device.identity.vendor, device.identity.model].filter(Boolean).join(' '),
      location: device.identity.location ?? '',
      from: state.mailed,
      to: state.reported,
      // Unknown after a restart (kept in memory only): then when it was mailed.
      since: this.since.get(key(condition.id, device.id)) ?? now,
      at: now,
      digest: hoursStarted,
    };
    state.mailed = state.reported;
    state.lastMailAt = now;
    return item;
  }

  private damped(condition: MonitoringCondition, state: AlertDeviceState, now: number): boolean {
    return condition.dampingMinutes > 0 && state.lastMailAt !== null && now - state.lastMailAt < condition.dampingMinutes * MINUTE;
  }
}

/** The watched conditions active on a device, in a fixed order. */
function observe(device: DeviceSummary, watch: ReadonlySet<WatchedCondition>, misses: number, state: AlertDeviceState): WatchedCondition[] {
  // A failed read says nothing about the printer's own conditions: keep what was logged.
  const printer = (device.lastError !== null ? state.reported.filter((c) => PRINTER.has(c)) : device.conditions).filter((c) => watch.has(c));
  const active = new Set<WatchedCondition>(printer);
  if (watch.has('notReachable') && isNotReachable(device, misses)) active.add('notReachable');
  return [...active].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

/** Per condition, the devices it still waits on: a pending state (hold-down) or a logged state not yet mailed. */
function waitingOn(states: Iterable<AlertDeviceState>): Map<number, Set<number>> {
  const waiting = new Map<number, Set<number>>();
  for (const s of states) {
    if (s.pending === null && same(s.mailed, s.reported)) continue;
    const ids = waiting.get(s.conditionId) ?? new Set<number>();
    ids.add(s.deviceId);
    waiting.set(s.conditionId, ids);
  }
  return waiting;
}

function union(...sets: ReadonlySet<number>[]): Set<number> {
  const all = new Set<number>();
  for (const set of sets) for (const id of set) all.add(id);
  return all;
}

function fresh(conditionId: number, deviceId: number): AlertDeviceState {
  return { conditionId, deviceId, reported: [], pending: null, pendingSince: null, mailed: [], lastMailAt: null, lastEventId: null };
}

function same(a: readonly WatchedCondition[], b: readonly WatchedCondition[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function key(conditionId: number, deviceId: number): string {
  return `${conditionId}:${deviceId}`;
}

function snapshot(s: AlertDeviceState): string {
  return JSON.stringify([s.reported, s.pending, s.pendingSince, s.mailed, s.lastMailAt, s.lastEventId]);
}
