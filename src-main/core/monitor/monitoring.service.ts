import type { AppImpl } from '../../../src-shared/contract/app.contract';
import type { MonitoringConditionInput, MonitoringSettings } from '../../../src-shared/contract/monitoring.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { AlertEvaluator } from '../alerts/alert-evaluator';
import type { AlertsRepository } from '../store/alerts.repository';
import type { GroupsRepository } from '../store/groups.repository';
import type { MonitoringRepository } from '../store/monitoring.repository';
import { StoreError } from '../store/store-error';
import { DEFAULT_POLL_INTERVAL_MS, type PollLoop } from './poll-loop';
import { DEFAULT_MISSES_BEFORE_NOT_REACHABLE } from './round-reporter';
import type { TrapListener } from './trap-listener';

type MonitoringImpl = AppImpl['monitoring'];

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  intervalMs: DEFAULT_POLL_INTERVAL_MS,
  missesBeforeNotReachable: DEFAULT_MISSES_BEFORE_NOT_REACHABLE,
  trapsEnabled: true,
  trapPort: 162,
};

export interface MonitoringServiceDeps {
  repository: MonitoringRepository;
  alerts: Pick<AlertsRepository, 'listEvents'>;
  groups: Pick<GroupsRepository, 'getGroup'>;
  loop: Pick<PollLoop, 'setIntervalMs'>;
  evaluator: Pick<AlertEvaluator, 'reload'>;
  /** The trap listener, when the host lets the core listen (null: traps are not received in this host). */
  traps: TrapListener | null;
  /** Where the listener binds, and a port that overrides the saved one (tests, demos). */
  trapBind?: { address?: string; port?: number };
  /** The interval the host asked for (command line); wins over the saved one for this session. */
  intervalOverrideMs?: number;
  now: () => number;
  log?: (line: string) => void;
  /** Says that settings or conditions changed, so every console refetches them. */
  onChanged?: () => void;
}

/**
 * The monitoring part of the contract: settings (saved; the interval and misses apply at
 * once, the trap listener restarts), monitoring conditions and the alert log. Expected
 * failures are AppError ('not-found', 'conflict', 'invalid-argument').
 */
export class MonitoringService implements MonitoringImpl {
  private current: MonitoringSettings;

  constructor(private readonly deps: MonitoringServiceDeps) {
    const saved = deps.repository.getSettings() ?? DEFAULT_MONITORING_SETTINGS;
    this.current = deps.intervalOverrideMs === undefined ? saved : { ...saved, intervalMs: deps.intervalOverrideMs };
  }

  /** The settings in force. */
  get settings(): MonitoringSettings {
    return this.current;
  }

  /** Starts the trap listener when enabled; a port it cannot bind is logged (monitoring goes on without traps). */
  async start(): Promise<void> {
    await this.restartTraps();
  }

  async dispose(): Promise<void> {
    await this.deps.traps?.stop();
  }

  getSettings: MonitoringImpl['getSettings'] = () => this.current;

  updateSettings: MonitoringImpl['updateSettings'] = async (changes) => {
    const next = { ...this.current, ...definedOnly(changes) };
    this.deps.loop.setIntervalMs(next.intervalMs);
    const trapsChanged = next.trapsEnabled !== this.current.trapsEnabled || next.trapPort !== this.current.trapPort;
    this.current = next;
    this.deps.repository.saveSettings(next);
    if (trapsChanged) await this.restartTraps();
    this.deps.onChanged?.();
    return next;
  };

  listConditions: MonitoringImpl['listConditions'] = () => ({ conditions: this.deps.repository.listConditions() });

  createCondition: MonitoringImpl['createCondition'] = (input) => {
    this.check(input);
    const created = conflictAware(input.name, () => this.deps.repository.createCondition(input, this.deps.now()));
    this.deps.onChanged?.();
    return created;
  };

  updateCondition: MonitoringImpl['updateCondition'] = ({ id, ...input }) => {
    this.check(input);
    const updated = conflictAware(input.name, () => this.deps.repository.updateCondition(id, input, this.deps.now()));
    if (!updated) throw new AppError('not-found', `monitoring condition ${id} does not exist (removed?)`, { id });
    this.deps.evaluator.reload();
    this.deps.onChanged?.();
    return updated;
  };

  removeCondition: MonitoringImpl['removeCondition'] = ({ id }) => {
    if (this.deps.repository.removeCondition(id)) {
      this.deps.evaluator.reload();
      this.deps.onChanged?.();
    }
    return {};
  };

  listAlerts: MonitoringImpl['listAlerts'] = ({ limit, deviceId }) => ({ alerts: this.deps.alerts.listEvents(limit, deviceId) });

  private check(input: MonitoringConditionInput): void {
    const { targets } = input;
    if (!targets.allDevices && targets.deviceIds.length === 0 && targets.groupIds.length === 0) {
      throw new AppError('invalid-argument', 'targets: choose devices, groups or every device', { field: 'targets' });
    }
    const unknown = targets.groupIds.filter((g) => this.deps.groups.getGroup(g) === null);
    if (unknown.length > 0) throw new AppError('invalid-argument', `targets.groupIds: group ${unknown.join(', ')} does not exist`, { field: 'targets.groupIds' });
  }

  private async restartTraps(): Promise<void> {
    const { traps, trapBind } = this.deps;
    if (!traps) return;
    await traps.stop();
    if (!this.current.trapsEnabled) return;
    const port = trapBind?.port ?? this.current.trapPort;
    try {
      const at = await traps.start(port, trapBind?.address);
      this.deps.log?.(`monitor: listening for SNMP traps on ${at.address}:${at.port}`);
    } catch (error) {
      this.deps.log?.(`monitor: ${error instanceof Error ? error.message : String(error)}; traps are not received`);
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function conflictAware<T>(name: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store-conflict') throw new AppError('conflict', `a monitoring condition named "${name}" already exists`, { field: 'name' });
    throw error;
  }
}
