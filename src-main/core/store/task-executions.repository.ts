import type {
  ExecutionState,
  ExecutionSummary,
  FinalExecutionState,
  TaskDeviceResult,
  TaskTrigger,
} from '../../../src-shared/contract/tasks.contract';
import type { Database } from './database';
import { itemOutcomeSchema, type ItemOutcome } from '../../../src-shared/settings/item-outcome';

interface ExecutionRow {
  id: number;
  task_id: number;
  task_name: string;
  trigger: TaskTrigger;
  state: ExecutionState;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  done: number;
  total: number;
  error: string | null;
  succeeded: number;
  failed: number;
}

const SUMMARY = `SELECT e.*,
  (SELECT count(*) FROM task_device_results r WHERE r.execution_id = e.id AND r.ok = 1) AS succeeded,
  (SELECT count(*) FROM task_device_results r WHERE r.execution_id = e.id AND r.ok = 0) AS failed
  FROM task_executions e`;

/**
 * Executions of tasks: one row per run (queued → running → a final state), its per-device
 * results and its log lines. Rows left queued or running by a console that stopped are closed
 * by closeInterrupted when the tasks module starts.
 */
export class TaskExecutionsRepository {
  private readonly insertRow;
  private readonly setRunning;
  private readonly setProgress;
  private readonly setFinal;
  private readonly selectOne;
  private readonly selectRecent;
  private readonly selectRecentOfTask;
  private readonly selectLatestPerTask;
  private readonly selectResults;
  private readonly selectLog;
  private readonly insertResult;
  private readonly insertLog;
  private readonly closeRunning;
  private readonly closeQueued;
  private readonly deleteOld;
  private readonly addResultsTx;

  constructor(db: Database) {
    this.insertRow = db.prepare<[number, string, string, number]>(
      "INSERT INTO task_executions (task_id, task_name, trigger, state, queued_at) VALUES (?, ?, ?, 'queued', ?)",
    );
    this.setRunning = db.prepare<[number, number]>("UPDATE task_executions SET state = 'running', started_at = ? WHERE id = ?");
    this.setProgress = db.prepare<[number, number, number]>('UPDATE task_executions SET done = ?, total = ? WHERE id = ?');
    this.setFinal = db.prepare<[string, number, string | null, number]>('UPDATE task_executions SET state = ?, finished_at = ?, error = ? WHERE id = ?');
    this.selectOne = db.prepare<[number], ExecutionRow>(`${SUMMARY} WHERE e.id = ?`);
    this.selectRecent = db.prepare<[number], ExecutionRow>(`${SUMMARY} ORDER BY e.id DESC LIMIT ?`);
    this.selectRecentOfTask = db.prepare<[number, number], ExecutionRow>(`${SUMMARY} WHERE e.task_id = ? ORDER BY e.id DESC LIMIT ?`);
    this.selectLatestPerTask = db.prepare<[], ExecutionRow>(`${SUMMARY} WHERE e.id IN (SELECT max(id) FROM task_executions GROUP BY task_id)`);
    this.selectResults = db.prepare<[number], { device_id: number | null; label: string; ok: number; message: string; at: number; items: string | null }>(
      'SELECT device_id, label, ok, message, at, items FROM task_device_results WHERE execution_id = ? ORDER BY seq',
    );
    this.selectLog = db.prepare<[number], { at: number; line: string }>('SELECT at, line FROM task_log WHERE execution_id = ? ORDER BY seq');
    // A device removed meanwhile is kept as a result without its link (the label says who it was).
    this.insertResult = db.prepare<[number, number, number | null, string, number, string, number, string | null]>(
      `INSERT INTO task_device_results (execution_id, seq, device_id, label, ok, message, at, items)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM task_device_results WHERE execution_id = ?),
               (SELECT id FROM devices WHERE id = ?), ?, ?, ?, ?, ?)`,
    );
    this.insertLog = db.prepare<[number, number, number, string]>(
      `INSERT INTO task_log (execution_id, seq, at, line)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM task_log WHERE execution_id = ?), ?, ?)`,
    );
    this.closeRunning = db.prepare<[number]>(
      "UPDATE task_executions SET state = 'failed', finished_at = ?, error = 'the console stopped during the execution' WHERE state = 'running'",
    );
    this.closeQueued = db.prepare<[number]>(
      "UPDATE task_executions SET state = 'failed', finished_at = ?, error = 'the console stopped before it ran' WHERE state = 'queued'",
    );
    this.deleteOld = db.prepare<[number, number, number]>(
      `DELETE FROM task_executions WHERE task_id = ? AND state NOT IN ('queued', 'running')
       AND id < coalesce((SELECT id FROM task_executions WHERE task_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?), 0)`,
    );
    this.addResultsTx = db.transaction((executionId: number, results: readonly TaskDeviceResult[]) => {
      for (const r of results) this.insertResult.run(executionId, executionId, r.deviceId, r.label, r.ok ? 1 : 0, r.message, r.at, r.items ? JSON.stringify(r.items) : null);
    });
  }

  /** Records a queued execution and returns it. */
  create(run: { taskId: number; taskName: string; trigger: TaskTrigger; queuedAt: number }): ExecutionSummary {
    const id = Number(this.insertRow.run(run.taskId, run.taskName, run.trigger, run.queuedAt).lastInsertRowid);
    return this.get(id) as ExecutionSummary;
  }

  markRunning(id: number, startedAt: number): void {
    this.setRunning.run(startedAt, id);
  }

  saveProgress(id: number, done: number, total: number): void {
    this.setProgress.run(done, total, id);
  }

  finish(id: number, end: { state: FinalExecutionState; finishedAt: number; error: string | null }): void {
    this.setFinal.run(end.state, end.finishedAt, end.error, id);
  }

  /** Saves per-device results in one transaction, in order after those already saved. */
  addDeviceResults(id: number, results: readonly TaskDeviceResult[]): void {
    if (results.length > 0) this.addResultsTx(id, results);
  }

  addLog(id: number, at: number, line: string): void {
    this.insertLog.run(id, id, at, line);
  }

  get(id: number): ExecutionSummary | null {
    const row = this.selectOne.get(id);
    return row ? toSummary(row) : null;
  }

  /** Newest first, of one task or of all. */
  list(taskId: number | null, limit: number): ExecutionSummary[] {
    return (taskId === null ? this.selectRecent.all(limit) : this.selectRecentOfTask.all(taskId, limit)).map(toSummary);
  }

  /** The newest execution of each task, by task id. */
  latestPerTask(): Map<number, ExecutionSummary> {
    return new Map(this.selectLatestPerTask.all().map((row) => [row.task_id, toSummary(row)]));
  }

  deviceResults(id: number): TaskDeviceResult[] {
    return this.selectResults.all(id).map((r) => {
      const result: TaskDeviceResult = { deviceId: r.device_id, label: r.label, ok: r.ok === 1, message: r.message, at: r.at };
      const items = r.items === null ? null : parseItems(r.items);
      return items ? { ...result, items } : result;
    });
  }

  log(id: number): Array<{ at: number; line: string }> {
    return this.selectLog.all(id);
  }

  /** Marks executions a stopped console left queued or running as failed; returns how many. */
  closeInterrupted(at: number): number {
    return this.closeRunning.run(at).changes + this.closeQueued.run(at).changes;
  }

  /** Deletes the finished executions of a task beyond the newest `keep`. */
  prune(taskId: number, keep: number): number {
    return this.deleteOld.run(taskId, taskId, keep - 1).changes;
  }
}

function toSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    taskId: row.task_id,
    taskName: row.task_name,
    trigger: row.trigger,
    state: row.state,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    done: row.done,
    total: row.total,
    succeeded: row.succeeded,
    failed: row.failed,
    error: row.error,
  };
}

/** Per-item outcomes as stored (JSON); rows that no longer parse read as none. */
function parseItems(text: string): ItemOutcome[] | null {
  try {
    const parsed = itemOutcomeSchema.array().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
