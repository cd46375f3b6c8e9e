import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { MonitoringSettings } from '../../../src-shared/contract/monitoring.contract';
import { compileFilter } from '../../../src-shared/filters/device-filter';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import { AlertEvaluator } from '../alerts/alert-evaluator';
import type { InventoryService, SnmpSettings } from '../inventory/inventory.service';
import type { Mailer } from '../mail/mail-port';
import type { ActivityReporter } from '../metrics/console-activity';
import { AlertsRepository } from '../store/alerts.repository';
import type { Database } from '../store/database';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository } from '../store/groups.repository';
import { MonitoringRepository } from '../store/monitoring.repository';
import type { Clock } from './clock';
import { DEFAULT_MONITORING_SETTINGS, MonitoringService } from './monitoring.service';
import { PollLoop } from './poll-loop';
import { moderateHeapGrowth } from './heap-growth';
import { RoundReporter } from './round-reporter';
import { IgnoredDatagramLog } from './ignored-datagram-log';
import { TrapListener } from './trap-listener';

/** Whether and where this host receives SNMP traps; the port overrides the saved setting. */
export interface TrapHostOptions {
  bindAddress?: string;
  port?: number;
}

export interface MonitoringModuleDeps {
  db: Database;
  devices: DevicesRepository;
  groups: GroupsRepository;
  inventory: Pick<InventoryService, 'pollStored'>;
  events: EventHub<AppEvents>;
  clock: Clock;
  /** The mail port; read at each evaluation, so the mail module may be built after this one. */
  mailer: () => Mailer;
  snmp: SnmpSettings;
  /** The host's interval (command line); wins over the saved one for this session. */
  pollIntervalMs?: number;
  /** Absent: no trap listener in this host. */
  traps?: TrapHostOptions;
  /** Where the loop reports each round (the console's own statistics). */
  activity?: ActivityReporter;
  log: (line: string) => void;
}

export interface MonitoringModule {
  loop: PollLoop;
  reporter: RoundReporter;
  service: MonitoringService;
  evaluator: AlertEvaluator;
  traps: TrapListener | null;
  /** Starts the loop and the trap listener (when the host has one and it is enabled); the same promise every call. Never rejects. */
  start(): Promise<void>;
  /** Stops traps, then the loop. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * Builds monitoring as createCore wires it: the poll loop (spread over its interval), the
 * round reporter (with "not reachable" after the set misses), the alert evaluator run after
 * every poll for the devices it read, the trap listener and the monitoring service. Throws
 * RangeError for a bad pollIntervalMs, as PollLoop does.
 */
export function createMonitoringModule(deps: MonitoringModuleDeps): MonitoringModule {
  const { db, devices, groups, events, clock, log } = deps;
  // A console that polls a fleet keeps its heap near what is live (see heap-growth.ts).
  moderateHeapGrowth();
  const repository = new MonitoringRepository(db);
  const alerts = new AlertsRepository(db);
  const saved: MonitoringSettings = repository.getSettings() ?? DEFAULT_MONITORING_SETTINGS;
  const initial = deps.pollIntervalMs === undefined ? saved : { ...saved, intervalMs: deps.pollIntervalMs };
  let settings = (): MonitoringSettings => initial;
  const misses = (): number => settings().missesBeforeNotReachable;

  const reporter = new RoundReporter(devices, events, misses);
  const evaluator = new AlertEvaluator({
    conditions: () => repository.listConditions(),
    devices: (ids) => (ids === undefined ? devices.listDevices() : devices.listDevicesByIds(ids)),
    groupMembers: (ids, list) => groupMembers(groups, ids, list),
    misses,
    store: alerts,
    mailer: { enqueue: (mail) => deps.mailer().enqueue(mail), consoleLink: (path) => deps.mailer().consoleLink?.(path) ?? null },
    emit: (event) => events.emit('alert.raised', event),
    clock,
    log,
  });
  const loop = new PollLoop({
    inventory: deps.inventory,
    devices,
    reporter,
    events,
    clock,
    snmp: deps.snmp,
    intervalMs: initial.intervalMs,
    spread: true,
    // Only what this poll read (and what a condition waits on), not the whole fleet after every slice.
    onPolled: (outcomes) => evaluator.evaluate(outcomes.map((o) => o.saved.deviceId)),
    activity: deps.activity,
    log,
  });
  // A storm of bad or stray datagrams is a few lines and a count per minute, not a line each.
  const ignored = new IgnoredDatagramLog({ log, clock, source: 'monitor' });
  const traps = deps.traps
    ? new TrapListener({
        // Addresses only: a flood of strangers looks the list up once a second, and opening every sealed credential each time is waste.
        targets: () => devices.listAddresses(),
        repoll: (ids) => loop.pollNow(ids),
        onIgnoredReply: (reason, sender) => ignored.note(reason, sender),
        now: () => clock.now(),
        log,
      })
    : null;
  const service = new MonitoringService({
    repository,
    alerts,
    groups,
    loop,
    evaluator,
    traps,
    trapBind: deps.traps ? { address: deps.traps.bindAddress, port: deps.traps.port } : undefined,
    intervalOverrideMs: deps.pollIntervalMs,
    now: () => clock.now(),
    log,
    onChanged: () => deps.events.emit('monitoring.changed', {}),
  });
  settings = () => service.settings;

  let started: Promise<void> | null = null;
  let disposed: Promise<void> | null = null;
  return {
    loop,
    reporter,
    service,
    evaluator,
    traps,
    start: () =>
      (started ??= (async () => {
        loop.start();
        await service.start();
      })()),
    dispose: () =>
      (disposed ??= (async () => {
        await service.dispose();
        ignored.flush();
        await loop.dispose();
      })()),
  };
}

/** Members of the given groups now: a static group's members, a smart group's filter over `devices`. */
function groupMembers(groups: Pick<GroupsRepository, 'getGroup'>, ids: readonly number[], devices: readonly DeviceSummary[]): Set<number> {
  const members = new Set<number>();
  for (const id of ids) {
    const group = groups.getGroup(id);
    if (!group) continue;
    // An unreadable stored filter matches nothing rather than everything (as the groups service does).
    const found = group.kind === 'static' ? group.memberIds : group.filter ? devices.filter(compileFilter(group.filter)).map((d) => d.id) : [];
    for (const m of found) members.add(m);
  }
  return members;
}
