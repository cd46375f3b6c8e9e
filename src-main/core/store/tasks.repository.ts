import {
  MISSED_RUN_POLICIES,
  taskScheduleSchema,
  type MissedRunPolicy,
  type TaskSchedule,
  type TaskTargets,
} from '../../../src-shared/contract/tasks.contract';
import type { SecretStore } from '../secrets/secret-store';
import type { Database } from './database';

/** A task as stored, with the scheduler's bookkeeping. */
export interface StoredTask {
  id: number;
  name: string;
  type: string;
  targets: TaskTargets;
  params: unknown;
  schedule: TaskSchedule;
  missedRunPolicy: MissedRunPolicy;
  mailTo: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** When the schedule was saved: intervals without a start count from it. */
  scheduleAnchor: number;
  /** The next due time; null when disabled or nothing more is scheduled. */
  nextRunAt: number | null;
  /** The due time of the last scheduled (or missed) run. */
  lastScheduledAt: number | null;
  /** User names of who saved it first and last (null: before accounts, or the console itself). */
  createdBy: string | null;
  updatedBy: string | null;
  /**
   * Set when the sealed parameters cannot be opened (the SecretStore's message: which key file,
   * what to do); `params` is {} then. update() keeps the sealed text as it is while this is set,
   * so a broken key never turns into parameters silently replaced by nothing.
   */
  paramsProblem?: string;
}

export type TaskFields = Omit<StoredTask, 'id'>;

interface TaskRow {
  id: number;
  name: string;
  type: string;
  targets: string;
  params: string;
  schedule: string;
  missed_policy: string;
  mail_to: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  schedule_anchor: number;
  next_run_at: number | null;
  last_scheduled_at: number | null;
  created_by: string | null;
  updated_by: string | null;
}

type RowValues = [string, string, string, string | null, string, string, string, number, number, number, number | null, number | null, string | null];

/** Saved tasks. Definitions are JSON columns; the schedule point is written on its own as runs fall due. */
export class TasksRepository {
  private readonly selectAll;
  private readonly markOneOff;
  private readonly pruneOneOffs;
  private readonly selectOne;
  private readonly insertRow;
  private readonly updateRow;
  private readonly deleteRow;
  private readonly setPoint;

  /** `secrets` seals each task's parameters (a search's communities and SNMPv3 keys live there). */
  constructor(
    db: Database,
    private readonly secrets?: SecretStore,
  ) {
    this.selectAll = db.prepare<[], TaskRow>('SELECT * FROM tasks WHERE one_off = 0 ORDER BY name COLLATE NOCASE, id');
    this.markOneOff = db.prepare<[number]>('UPDATE tasks SET one_off = 1 WHERE id = ?');
    this.pruneOneOffs = db.prepare<[number]>('DELETE FROM tasks WHERE one_off = 1 AND id NOT IN (SELECT id FROM tasks WHERE one_off = 1 ORDER BY id DESC LIMIT ?)');
    this.selectOne = db.prepare<[number], TaskRow>('SELECT * FROM tasks WHERE id = ?');
    this.insertRow = db.prepare<[...RowValues, number, string | null]>(
      `INSERT INTO tasks (name, type, targets, params, schedule, missed_policy, mail_to, enabled, updated_at, schedule_anchor, next_run_at, last_scheduled_at, updated_by, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateRow = db.prepare<[...RowValues, number]>(
      `UPDATE tasks SET name = ?, type = ?, targets = ?, params = coalesce(?, params), schedule = ?, missed_policy = ?, mail_to = ?, enabled = ?,
       updated_at = ?, schedule_anchor = ?, next_run_at = ?, last_scheduled_at = ?, updated_by = ? WHERE id = ?`,
    );
    this.deleteRow = db.prepare<[number]>('DELETE FROM tasks WHERE id = ?');
    this.setPoint = db.prepare<[number | null, number | null, number]>('UPDATE tasks SET next_run_at = ?, last_scheduled_at = ? WHERE id = ?');
  }

  list(): StoredTask[] {
    return this.selectAll.all().map((row) => toTask(row, this.openParams(row.params)));
  }

  get(id: number): StoredTask | null {
    const row = this.selectOne.get(id);
    return row ? toTask(row, this.openParams(row.params)) : null;
  }

  insert(task: TaskFields): StoredTask {
    const id = Number(this.insertRow.run(...values(task, this.sealParams(task.params)), task.createdAt, task.createdBy).lastInsertRowid);
    return { ...task, id };
  }

  /** Replaces every field but id and createdAt (the sealed parameters stay while `paramsProblem` is set); false when the task is gone. */
  update(task: StoredTask): boolean {
    return this.updateRow.run(...values(task, task.paramsProblem === undefined ? this.sealParams(task.params) : null), task.id).changes > 0;
  }

  /** Saves a task that runs once (never scheduled, not listed with the saved tasks; its execution is). */
  insertOneOff(task: TaskFields): StoredTask {
    const stored = this.insert({ ...task, enabled: false });
    this.markOneOff.run(stored.id);
    return stored;
  }

  /** Keeps the newest `keep` one-off tasks (with their executions); returns how many went. */
  pruneOneOff(keep: number): number {
    return this.pruneOneOffs.run(keep).changes;
  }

  remove(id: number): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  private sealParams(params: unknown): string {
    const json = JSON.stringify(params ?? {});
    return this.secrets ? `${SEALED}${this.secrets.seal(json)}` : json;
  }

  /** The parameters as JSON text, sealed ones opened; a key that does not open gives '{}' and the reason (the task then refuses to run or change them, saying so). */
  private openParams(text: string): { json: string; problem?: string } {
    if (!text.startsWith(SEALED)) return { json: text };
    if (!this.secrets) return { json: '{}', problem: 'the parameters are sealed, and this console has no key to open them' };
    try {
      return { json: this.secrets.open(text.slice(SEALED.length)) };
    } catch (error) {
      return { json: '{}', problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Records the next due time and the due time of the last scheduled run. */
  setSchedulePoint(id: number, point: { nextRunAt: number | null; lastScheduledAt: number | null }): void {
    this.setPoint.run(point.nextRunAt, point.lastScheduledAt, id);
  }
}

/** Marks parameters sealed by the secret store (older rows hold plain JSON). */
const SEALED = 'sealed:';

function values(t: TaskFields, params: string | null): RowValues {
  return [
    t.name,
    t.type,
    JSON.stringify(t.targets),
    params,
    JSON.stringify(t.schedule),
    t.missedRunPolicy,
    JSON.stringify(t.mailTo),
    t.enabled ? 1 : 0,
    t.updatedAt,
    t.scheduleAnchor,
    t.nextRunAt,
    t.lastScheduledAt,
    t.updatedBy,
  ];
}

function toTask(row: TaskRow, params: { json: string; problem?: string }): StoredTask {
  // A schedule that no longer parses (written by a later version) reads as "run now only": never scheduled.
  const schedule = taskScheduleSchema.safeParse(parseJson(row.schedule));
  const targets = parseJson(row.targets) as Partial<TaskTargets> | null;
  const mailTo = parseJson(row.mail_to);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    targets: { deviceIds: numbers(targets?.deviceIds), groupIds: numbers(targets?.groupIds) },
    params: parseJson(params.json) ?? {},
    ...(params.problem === undefined ? {} : { paramsProblem: params.problem }),
    schedule: schedule.success ? schedule.data : { kind: 'now' },
    missedRunPolicy: (MISSED_RUN_POLICIES as readonly string[]).includes(row.missed_policy) ? (row.missed_policy as MissedRunPolicy) : 'run-once',
    mailTo: Array.isArray(mailTo) ? mailTo.filter((a): a is string => typeof a === 'string') : [],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    scheduleAnchor: row.schedule_anchor,
    nextRunAt: schedule.success ? row.next_run_at : null,
    lastScheduledAt: row.last_scheduled_at,
  };
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
