import { DEVICE_STATES, type DeviceState } from '../../../src-shared/domain/device-reading';
import type { Database } from './database';

/** One device as /metrics labels and measures it: only the columns it needs. */
export interface DeviceMetricsRow {
  id: number;
  /** The name a person knows it by: given name, else sysName, else its address (":port" when not 161). */
  name: string;
  address: string;
  port: number;
  vendor: string | null;
  model: string | null;
  serial: string | null;
  location: string | null;
  /** The state of its last good reading (the effective state also looks at lastErrorCode and lastSeen). */
  state: DeviceState;
  lastSeen: number | null;
  lastErrorCode: string | null;
  missedPolls: number;
}

/**
 * A supply whose level is known, as a tuple: supplies and counters are most of a fleet's rows,
 * and better-sqlite3 hands out arrays (`raw`) for about two thirds of what row objects cost.
 * `class`: consumed (the level falls as it is used), receptacle (it fills up: waste toner), other, or null.
 */
export type SupplyMetricsRow = readonly [deviceId: number, index: string, type: string | null, color: string | null, supplyClass: string | null, percent: number];

/** A counter (total, mono, color, copy, print …), as a tuple (see SupplyMetricsRow). */
export type CounterMetricsRow = readonly [deviceId: number, counter: string, unit: string, value: number];

/** Active alerts of one device of one severity class. */
export interface AlertCountRow {
  deviceId: number;
  /** critical | warning | other (the Printer-MIB's severities folded to three). */
  severity: string;
  count: number;
}

/** A device's membership in a static group. */
export interface GroupMemberRow {
  deviceId: number;
  groupName: string;
}

/** Unfinished task executions or outbox mails in one state. */
export interface StateCountRow {
  state: string;
  count: number;
}

/** The name a person knows a device by, as displayName() in core/monitor builds it. */
const DISPLAY_NAME = "coalesce(d.name, d.sys_name, CASE WHEN d.port = 161 THEN d.address ELSE d.address || ':' || d.port END)";

/**
 * The store's side of /metrics: narrow queries read at scrape time, each row handed to a
 * visitor as it comes (`iterate`), so a fleet of 10,000 devices is never held as one list of
 * DeviceSummary objects. Rows other than devices carry the device id only (the caller knows
 * the names from eachDevice; `consistently` keeps them in step). The visitor must not use this
 * database while it is called.
 */
export class FleetMetricsQueries {
  private readonly devices;
  private readonly supplies;
  private readonly counters;
  private readonly alerts;
  private readonly staticGroups;
  private readonly executions;
  private readonly outbox;
  private readonly snapshot;

  constructor(db: Database) {
    // Deferred: a read transaction, so several queries see the same committed state.
    this.snapshot = db.transaction(<T>(read: () => T): T => read());
    this.devices = db.prepare<[], Omit<DeviceMetricsRow, 'state'> & { state: string }>(
      `SELECT d.id, ${DISPLAY_NAME} AS name, d.address, d.port, d.vendor, d.model, d.serial, d.location, d.state,
              d.last_seen AS lastSeen, d.last_error_code AS lastErrorCode, d.missed_polls AS missedPolls
       FROM devices d ORDER BY d.id`,
    );
    this.supplies = db
      .prepare<[], SupplyMetricsRow>('SELECT device_id, idx, type, color, class, percent FROM supplies WHERE percent IS NOT NULL ORDER BY device_id, idx')
      .raw(true);
    this.counters = db.prepare<[], CounterMetricsRow>('SELECT device_id, name, unit, value FROM counters ORDER BY device_id, name').raw(true);
    this.alerts = db.prepare<[], AlertCountRow>(
      `SELECT device_id AS deviceId,
              CASE WHEN severity = 'critical' THEN 'critical' WHEN severity LIKE 'warning%' THEN 'warning' ELSE 'other' END AS severity,
              count(*) AS count
       FROM alerts GROUP BY device_id, 2 ORDER BY device_id`,
    );
    this.staticGroups = db.prepare<[], GroupMemberRow>(
      `SELECT m.device_id AS deviceId, g.name AS groupName FROM group_members m JOIN groups g ON g.id = m.group_id
       WHERE g.kind = 'static' ORDER BY m.device_id, g.name`,
    );
    this.executions = db.prepare<[], StateCountRow>(
      "SELECT state, count(*) AS count FROM task_executions WHERE state IN ('queued', 'running') GROUP BY state",
    );
    this.outbox = db.prepare<[], StateCountRow>(
      "SELECT state, count(*) AS count FROM mail_outbox WHERE state IN ('queued', 'sending', 'failed') GROUP BY state",
    );
  }

  /** Runs `read` (calls of this class) in one read transaction: they all see the same committed state. */
  consistently<T>(read: () => T): T {
    return this.snapshot(read) as T;
  }

  /** Every device, by id. */
  eachDevice(visit: (row: DeviceMetricsRow) => void): void {
    for (const row of this.devices.iterate()) visit({ ...row, state: DEVICE_STATES.find((s) => s === row.state) ?? 'unknown' });
  }

  /** Every supply with a known level, by device and index (the table's own order: nothing to sort). */
  eachSupply(visit: (row: SupplyMetricsRow) => void): void {
    for (const row of this.supplies.iterate()) visit(row);
  }

  /** Every counter, by device and name (the table's own order: nothing to sort). */
  eachCounter(visit: (row: CounterMetricsRow) => void): void {
    for (const row of this.counters.iterate()) visit(row);
  }

  /** Active alerts counted per device and severity class (devices without alerts are left out). */
  eachAlertCount(visit: (row: AlertCountRow) => void): void {
    for (const row of this.alerts.iterate()) visit(row);
  }

  /** Memberships in static groups (smart groups are filters: a dashboard filters on the same labels). */
  eachStaticGroupMember(visit: (row: GroupMemberRow) => void): void {
    for (const row of this.staticGroups.iterate()) visit(row);
  }

  /** Task executions queued or running. */
  unfinishedExecutions(): StateCountRow[] {
    return this.executions.all();
  }

  /** Outbox mails waiting, being sent, or given up on. */
  outboxMails(): StateCountRow[] {
    return this.outbox.all();
  }
}
