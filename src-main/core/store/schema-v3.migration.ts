/**
 * Schema 3: device searches. Each run keeps its (secret-masked) request, its state and counts;
 * discovery_results lists what it found, skipped or lost. devices.snmp_credential holds the
 * credential set (JSON) a search found the device with, so polls use what works for it.
 */
export const DISCOVERY_SCHEMA = `
ALTER TABLE devices ADD COLUMN snmp_credential TEXT;

CREATE TABLE discovery_runs (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'cancelled', 'failed')),
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  request     TEXT NOT NULL,
  counts      TEXT NOT NULL,
  error       TEXT
);
CREATE INDEX discovery_runs_by_fingerprint ON discovery_runs (fingerprint, id);

CREATE TABLE discovery_results (
  run_id           INTEGER NOT NULL REFERENCES discovery_runs (id) ON DELETE CASCADE,
  seq              INTEGER NOT NULL,
  device_id        INTEGER REFERENCES devices (id) ON DELETE SET NULL,
  address          TEXT NOT NULL,
  port             INTEGER NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('new', 'updated', 'unchanged', 'lost', 'skipped', 'failed')),
  methods          TEXT NOT NULL,
  previous_address TEXT,
  label            TEXT NOT NULL,
  message          TEXT,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX discovery_results_by_device ON discovery_results (device_id);
`;
