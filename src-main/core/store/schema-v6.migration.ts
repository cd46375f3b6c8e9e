/**
 * Schema 6: monitoring settings, monitoring conditions, the alert log and per-condition device
 * state. devices.missed_polls / missing_since count failed polls in a row, so "not reachable
 * after N misses" survives a restart. Alert state is kept per (condition, device) so a restart
 * does not announce every standing error again.
 */
export const ALERTS_SCHEMA = `
ALTER TABLE devices ADD COLUMN missed_polls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN missing_since INTEGER;

CREATE TABLE monitoring_settings (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  interval_ms   INTEGER NOT NULL,
  misses        INTEGER NOT NULL,
  traps_enabled INTEGER NOT NULL,
  trap_port     INTEGER NOT NULL
);

CREATE TABLE monitoring_conditions (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX monitoring_conditions_by_name ON monitoring_conditions (name COLLATE NOCASE);

CREATE TABLE alert_states (
  condition_id  INTEGER NOT NULL REFERENCES monitoring_conditions (id) ON DELETE CASCADE,
  device_id     INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  reported      TEXT NOT NULL,
  pending       TEXT,
  pending_since INTEGER,
  mailed        TEXT NOT NULL,
  last_mail_at  INTEGER,
  last_event_id INTEGER,
  PRIMARY KEY (condition_id, device_id)
) WITHOUT ROWID;
CREATE INDEX alert_states_by_device ON alert_states (device_id);

CREATE TABLE alert_events (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  condition_id   INTEGER REFERENCES monitoring_conditions (id) ON DELETE SET NULL,
  condition_name TEXT NOT NULL,
  device_id      INTEGER REFERENCES devices (id) ON DELETE SET NULL,
  device_name    TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('raised', 'cleared', 'changed')),
  active         TEXT NOT NULL,
  previous       TEXT NOT NULL,
  mailed_to      TEXT,
  mailed_at      INTEGER,
  suppressed     TEXT
);
CREATE INDEX alert_events_by_device ON alert_events (device_id, id);
`;
