/**
 * Schema 4: tasks, schedules and executions.
 * tasks keeps the definition (targets, params and schedule as JSON) and the scheduler's
 * bookkeeping: next_run_at (the next due time, so a restart can tell a run was missed),
 * last_scheduled_at (the due time of the last scheduled run) and schedule_anchor (when the
 * schedule was saved: intervals count from it). An execution, its per-device results and its
 * log lines go with their task (ON DELETE CASCADE); a result outlives its device.
 */
export const TASKS_SCHEMA = `
CREATE TABLE tasks (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  type              TEXT NOT NULL,
  targets           TEXT NOT NULL,
  params            TEXT NOT NULL,
  schedule          TEXT NOT NULL,
  missed_policy     TEXT NOT NULL CHECK (missed_policy IN ('run-once', 'skip')),
  mail_to           TEXT NOT NULL DEFAULT '[]',
  enabled           INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  schedule_anchor   INTEGER NOT NULL,
  next_run_at       INTEGER,
  last_scheduled_at INTEGER
);
CREATE INDEX tasks_by_next_run ON tasks (next_run_at) WHERE next_run_at IS NOT NULL;

CREATE TABLE task_executions (
  id          INTEGER PRIMARY KEY,
  task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  task_name   TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'missed')),
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'partly-failed', 'failed', 'cancelled')),
  queued_at   INTEGER NOT NULL,
  started_at  INTEGER,
  finished_at INTEGER,
  done        INTEGER NOT NULL DEFAULT 0,
  total       INTEGER NOT NULL DEFAULT 0,
  error       TEXT
);
CREATE INDEX task_executions_by_task ON task_executions (task_id, id);
CREATE INDEX task_executions_unfinished ON task_executions (state) WHERE state IN ('queued', 'running');

CREATE TABLE task_device_results (
  execution_id INTEGER NOT NULL REFERENCES task_executions (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  device_id    INTEGER REFERENCES devices (id) ON DELETE SET NULL,
  label        TEXT NOT NULL,
  ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
  message      TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;

CREATE TABLE task_log (
  execution_id INTEGER NOT NULL REFERENCES task_executions (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  line         TEXT NOT NULL,
  PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;
`;
