import {
  DEVICE_STATES,
  type DeviceState,
  type PrinterCondition,
} from '../../../src-shared/domain/device-reading';
import type { Database } from './database';
import { parseConditions } from './device-views';

export interface StatusChange {
  at: number;
  state: DeviceState;
  message: string;
  conditions: PrinterCondition[];
}

export interface SupplyPoint {
  index: string;
  at: number;
  percent: number | null;
  level: number | null;
}

export interface CounterPoint {
  name: string;
  at: number;
  value: number;
}

/** A device's recorded changes in a time window, each list oldest first. */
export interface DeviceHistory {
  status: StatusChange[];
  supplies: SupplyPoint[];
  counters: CounterPoint[];
}

export interface HistoryWindow {
  /** Inclusive lower bound, epoch ms. */
  since: number;
  /** Exclusive upper bound, epoch ms; open-ended when omitted. */
  until?: number;
}

/** Rows deleted per history table by a prune. */
export interface PruneResult {
  status: number;
  supplies: number;
  counters: number;
}

interface StatusRow {
  at: number;
  state: string;
  message: string;
  conditions: string;
}

/** Reads and prunes the history tables; statements are prepared once. */
export class DeviceHistoryQueries {
  private readonly status;
  private readonly supplies;
  private readonly counters;
  private readonly pruneStatus;
  private readonly pruneSupplies;
  private readonly pruneCounters;
  private readonly pruneAll;

  constructor(db: Database) {
    const window = 'device_id = ? AND at >= ? AND at < ? ORDER BY at, id';
    this.status = db.prepare<[number, number, number], StatusRow>(
      `SELECT at, state, message, conditions FROM status_history WHERE ${window}`,
    );
    this.supplies = db.prepare<[number, number, number], SupplyPoint>(
      `SELECT idx AS "index", at, percent, level FROM supply_history WHERE ${window}`,
    );
    this.counters = db.prepare<[number, number, number], CounterPoint>(
      `SELECT name, at, value FROM counter_history WHERE ${window}`,
    );
    this.pruneStatus = db.prepare<[number]>('DELETE FROM status_history WHERE at < ?');
    this.pruneSupplies = db.prepare<[number]>('DELETE FROM supply_history WHERE at < ?');
    this.pruneCounters = db.prepare<[number]>('DELETE FROM counter_history WHERE at < ?');
    this.pruneAll = db.transaction(
      (before: number): PruneResult => ({
        status: this.pruneStatus.run(before).changes,
        supplies: this.pruneSupplies.run(before).changes,
        counters: this.pruneCounters.run(before).changes,
      }),
    );
  }

  /** The device's history in the window (empty lists for an unknown device); never throws for valid input. */
  history(deviceId: number, window: HistoryWindow): DeviceHistory {
    const args: [number, number, number] = [deviceId, window.since, window.until ?? Number.MAX_SAFE_INTEGER];
    return {
      status: this.status.all(...args).map((r) => ({
        at: r.at,
        state: DEVICE_STATES.find((s) => s === r.state) ?? 'unknown',
        message: r.message,
        conditions: parseConditions(r.conditions),
      })),
      supplies: this.supplies.all(...args),
      counters: this.counters.all(...args),
    };
  }

  /** Deletes history rows older than `before` in one transaction; throws only on database failure. */
  prune(before: number): PruneResult {
    return this.pruneAll(before);
  }
}
