import {
  ALERT_KINDS,
  SUPPRESSION_REASONS,
  WATCHABLE_CONDITIONS,
  type AlertEvent,
  type AlertKind,
  type SuppressionReason,
  type WatchedCondition,
} from '../../../src-shared/contract/monitoring.contract';
import type { Database } from './database';

/** What a condition last established about one device (alert-evaluator.ts explains the fields). */
export interface AlertDeviceState {
  conditionId: number;
  deviceId: number;
  /** The watched conditions last logged as the device's state. */
  reported: WatchedCondition[];
  /** A different set seen since `pendingSince`, waiting for its hold-down; null when none. */
  pending: WatchedCondition[] | null;
  pendingSince: number | null;
  /** What the destinations were last told. */
  mailed: WatchedCondition[];
  lastMailAt: number | null;
  lastEventId: number | null;
}

export type NewAlertEvent = Omit<AlertEvent, 'id' | 'mailedTo' | 'mailedAt'>;

interface StateRow {
  condition_id: number;
  device_id: number;
  reported: string;
  pending: string | null;
  pending_since: number | null;
  mailed: string;
  last_mail_at: number | null;
  last_event_id: number | null;
}

interface EventRow {
  id: number;
  at: number;
  condition_id: number | null;
  condition_name: string;
  device_id: number | null;
  device_name: string;
  kind: string;
  active: string;
  previous: string;
  mailed_to: string | null;
  mailed_at: number | null;
  suppressed: string | null;
}

/** The alert log and the per-(condition, device) state behind it; rows go with their device/condition (the log keeps names). */
export class AlertsRepository {
  private readonly selectStates;
  private readonly upsertState;
  private readonly insertEvent;
  private readonly markMailedRow;
  private readonly selectEvents;
  private readonly selectDeviceEvents;
  private readonly tx;

  constructor(db: Database) {
    this.selectStates = db.prepare<[], StateRow>('SELECT * FROM alert_states');
    this.upsertState = db.prepare<[StateRow]>(
      `INSERT INTO alert_states (condition_id, device_id, reported, pending, pending_since, mailed, last_mail_at, last_event_id)
       VALUES (@condition_id, @device_id, @reported, @pending, @pending_since, @mailed, @last_mail_at, @last_event_id)
       ON CONFLICT (condition_id, device_id) DO UPDATE SET reported = excluded.reported, pending = excluded.pending,
         pending_since = excluded.pending_since, mailed = excluded.mailed, last_mail_at = excluded.last_mail_at,
         last_event_id = excluded.last_event_id`,
    );
    this.insertEvent = db.prepare<[number, number, string, number, string, string, string, string, string | null]>(
      `INSERT INTO alert_events (at, condition_id, condition_name, device_id, device_name, kind, active, previous, suppressed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.markMailedRow = db.prepare<[string, number, number]>('UPDATE alert_events SET mailed_to = ?, mailed_at = ? WHERE id = ?');
    this.selectEvents = db.prepare<[number], EventRow>('SELECT * FROM alert_events ORDER BY id DESC LIMIT ?');
    this.selectDeviceEvents = db.prepare<[number, number], EventRow>('SELECT * FROM alert_events WHERE device_id = ? ORDER BY id DESC LIMIT ?');
    this.tx = db.transaction((work: () => void) => work());
  }

  /** Runs `work` in ONE transaction (an evaluation's writes land together or not at all). */
  transaction(work: () => void): void {
    this.tx(work);
  }

  loadStates(): AlertDeviceState[] {
    return this.selectStates.all().map((r) => ({
      conditionId: r.condition_id,
      deviceId: r.device_id,
      reported: watched(r.reported),
      pending: r.pending === null ? null : watched(r.pending),
      pendingSince: r.pending_since,
      mailed: watched(r.mailed),
      lastMailAt: r.last_mail_at,
      lastEventId: r.last_event_id,
    }));
  }

  saveState(s: AlertDeviceState): void {
    this.upsertState.run({
      condition_id: s.conditionId,
      device_id: s.deviceId,
      reported: JSON.stringify(s.reported),
      pending: s.pending === null ? null : JSON.stringify(s.pending),
      pending_since: s.pendingSince,
      mailed: JSON.stringify(s.mailed),
      last_mail_at: s.lastMailAt,
      last_event_id: s.lastEventId,
    });
  }

  /** Logs an event; returns its id. */
  addEvent(e: NewAlertEvent & { conditionId: number; deviceId: number }): number {
    const row = this.insertEvent.run(e.at, e.conditionId, e.conditionName, e.deviceId, e.deviceName, e.kind, JSON.stringify(e.active), JSON.stringify(e.previous), e.suppressed);
    return Number(row.lastInsertRowid);
  }

  /** Records that the change logged as `eventId` went out to `to` (it may have been suppressed when logged). */
  markMailed(eventId: number, to: readonly string[], at: number): void {
    this.markMailedRow.run(JSON.stringify(to), at, eventId);
  }

  /** Newest first. */
  listEvents(limit: number, deviceId?: number): AlertEvent[] {
    const rows = deviceId === undefined ? this.selectEvents.all(limit) : this.selectDeviceEvents.all(deviceId, limit);
    return rows.map(toEvent);
  }
}

function toEvent(r: EventRow): AlertEvent {
  return {
    id: r.id,
    at: r.at,
    conditionId: r.condition_id,
    conditionName: r.condition_name,
    deviceId: r.device_id,
    deviceName: r.device_name,
    kind: oneOf(ALERT_KINDS, r.kind) ?? ('changed' satisfies AlertKind),
    active: watched(r.active),
    previous: watched(r.previous),
    mailedTo: r.mailed_to === null ? null : strings(r.mailed_to),
    mailedAt: r.mailed_at,
    suppressed: r.suppressed === null ? null : (oneOf(SUPPRESSION_REASONS, r.suppressed) satisfies SuppressionReason | null),
  };
}

/** Stored JSON back to watched conditions, dropping unknown names (never throws). */
function watched(json: string): WatchedCondition[] {
  return strings(json).flatMap((s) => oneOf(WATCHABLE_CONDITIONS, s) ?? []);
}

function strings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function oneOf<T extends string>(values: readonly T[], value: string): T | null {
  return values.find((v) => v === value) ?? null;
}
