/**
 * Schema 1. Times are epoch ms (INTEGER); booleans are 0/1; JSON columns hold text.
 * Child tables are keyed by (device_id, the device's own row index) WITHOUT ROWID so a routine
 * round updates rows in place; `position` keeps the order the device listed them in.
 * History tables are append-only and thinned at write time (see README.md).
 */
export const INITIAL_SCHEMA = `
CREATE TABLE devices (
  id                 INTEGER PRIMARY KEY,
  serial             TEXT COLLATE NOCASE,
  mac                TEXT,
  address            TEXT NOT NULL,
  port               INTEGER NOT NULL DEFAULT 161 CHECK (port BETWEEN 1 AND 65535),
  address_since      INTEGER NOT NULL,
  name               TEXT,
  name_set_by_user   INTEGER NOT NULL DEFAULT 0 CHECK (name_set_by_user IN (0, 1)),
  vendor             TEXT,
  model              TEXT,
  firmware           TEXT,
  sys_name           TEXT,
  sys_descr          TEXT,
  sys_object_id      TEXT,
  location           TEXT,
  contact            TEXT,
  uptime_s           INTEGER,
  state              TEXT NOT NULL DEFAULT 'unknown',
  status_message     TEXT NOT NULL DEFAULT '',
  conditions         TEXT NOT NULL DEFAULT '[]',
  first_seen         INTEGER NOT NULL,
  last_seen          INTEGER,
  last_attempt       INTEGER,
  last_error_code    TEXT,
  last_error_message TEXT,
  source             TEXT NOT NULL CHECK (source IN ('added', 'imported', 'discovered')),
  profile_id         TEXT
);
CREATE INDEX devices_by_serial ON devices (serial);
CREATE INDEX devices_by_mac ON devices (mac);
CREATE INDEX devices_by_address ON devices (address, port);

-- Kept apart from devices: every round rewrites the devices row (last_seen), and SQLite
-- rewrites a whole record on update, so a snapshot there would be rewritten every round.
CREATE TABLE device_snapshots (
  device_id  INTEGER PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  snapshot   BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE device_addresses (
  device_id  INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  address    TEXT NOT NULL,
  port       INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  PRIMARY KEY (device_id, address, port)
) WITHOUT ROWID;

CREATE TABLE supplies (
  device_id        INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  idx              TEXT NOT NULL,
  position         INTEGER NOT NULL,
  type             TEXT,
  class            TEXT,
  color            TEXT,
  description      TEXT NOT NULL,
  level            INTEGER,
  max              INTEGER,
  unit             TEXT,
  percent          REAL,
  quality          TEXT NOT NULL,
  recorded_at      INTEGER,
  recorded_level   INTEGER,
  recorded_percent REAL,
  PRIMARY KEY (device_id, idx)
) WITHOUT ROWID;

CREATE TABLE trays (
  device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  idx       TEXT NOT NULL,
  position  INTEGER NOT NULL,
  name      TEXT NOT NULL,
  type      TEXT,
  media     TEXT,
  level     INTEGER,
  max       INTEGER,
  percent   REAL,
  quality   TEXT NOT NULL,
  PRIMARY KEY (device_id, idx)
) WITHOUT ROWID;

CREATE TABLE counters (
  device_id      INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  position       INTEGER NOT NULL,
  unit           TEXT NOT NULL,
  value          INTEGER NOT NULL,
  recorded_at    INTEGER,
  recorded_value INTEGER,
  PRIMARY KEY (device_id, name)
) WITHOUT ROWID;

CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  device_id   INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  severity    TEXT NOT NULL,
  alert_group TEXT,
  code        TEXT,
  description TEXT NOT NULL,
  location    TEXT,
  first_seen  INTEGER NOT NULL
);
CREATE INDEX alerts_by_device ON alerts (device_id);

CREATE TABLE status_history (
  id         INTEGER PRIMARY KEY,
  device_id  INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  state      TEXT NOT NULL,
  message    TEXT NOT NULL,
  conditions TEXT NOT NULL
);
CREATE INDEX status_history_by_device ON status_history (device_id, at);

CREATE TABLE supply_history (
  id        INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  idx       TEXT NOT NULL,
  at        INTEGER NOT NULL,
  percent   REAL,
  level     INTEGER
);
CREATE INDEX supply_history_by_device ON supply_history (device_id, at);

CREATE TABLE counter_history (
  id        INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  at        INTEGER NOT NULL,
  value     INTEGER NOT NULL
);
CREATE INDEX counter_history_by_device ON counter_history (device_id, at);
`;
