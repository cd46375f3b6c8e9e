/**
 * Schema 8: device settings, and tasks run once. The credentials vault (write access per device, with defaults per
 * group; secrets sealed by the SecretStore, never in clear), the settings last acquired from each
 * device, IP address pools and the addresses they handed out, and per-item outcomes of a task's
 * device results (JSON: item, outcome, message, values).
 */
export const DEVICE_SETTINGS_SCHEMA = `
CREATE TABLE device_credentials (
  device_id       INTEGER PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  snmp_write      TEXT,
  admin_id        TEXT,
  admin_password  TEXT,
  updated_at      INTEGER NOT NULL,
  updated_by      TEXT
);

CREATE TABLE group_credentials (
  group_id        INTEGER PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
  snmp_write      TEXT,
  admin_id        TEXT,
  admin_password  TEXT,
  updated_at      INTEGER NOT NULL,
  updated_by      TEXT
);

CREATE TABLE device_settings (
  device_id   INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  item        TEXT NOT NULL,
  value       TEXT NOT NULL,
  read_at     INTEGER NOT NULL,
  PRIMARY KEY (device_id, item)
) WITHOUT ROWID;

CREATE TABLE ip_pools (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  ranges      TEXT NOT NULL,
  exclusions  TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ip_pools_by_name ON ip_pools (name COLLATE NOCASE);

CREATE TABLE ip_pool_assignments (
  pool_id     INTEGER NOT NULL REFERENCES ip_pools (id) ON DELETE CASCADE,
  address     TEXT NOT NULL,
  device_id   INTEGER REFERENCES devices (id) ON DELETE SET NULL,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (pool_id, address)
) WITHOUT ROWID;

ALTER TABLE task_device_results ADD COLUMN items TEXT;

-- A task run once from a button or the command line: listed with executions, not with saved tasks.
ALTER TABLE tasks ADD COLUMN one_off INTEGER NOT NULL DEFAULT 0 CHECK (one_off IN (0, 1));
`;
