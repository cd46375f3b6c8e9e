/**
 * Schema 7: accounts, user groups with their function matrix, sessions, API tokens, the audit
 * log (system log) and the account settings; tasks remember who created and last changed them.
 * Built-in groups are rows too (so users reference them like any group), but their grants are
 * computed in code (`builtInPermissions`), so a plug-in's new functions get the right default.
 * The audit log refuses UPDATE at the database level; only retention deletes from it.
 */
export const ACCOUNTS_SCHEMA = `
CREATE TABLE user_groups (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  builtin          TEXT UNIQUE CHECK (builtin IN ('administrator', 'operator', 'viewer')),
  permissions      TEXT NOT NULL DEFAULT '{}',
  directory_groups TEXT NOT NULL DEFAULT '[]',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX user_groups_by_name ON user_groups (name COLLATE NOCASE);
INSERT INTO user_groups (id, name, description, builtin, created_at, updated_at) VALUES
  (1, 'Administrators', 'Every function, including environment settings, accounts and the system log', 'administrator', 0, 0),
  (2, 'Operators', 'Every function but environment settings, accounts and the system log', 'operator', 0, 0),
  (3, 'Viewers', 'Sees what operators see, changes nothing', 'viewer', 0, 0);

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL,
  display_name         TEXT NOT NULL DEFAULT '',
  source               TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'directory')),
  builtin              INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  password_hash        TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  enabled              INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  failed_attempts      INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER,
  created_at           INTEGER NOT NULL,
  last_sign_in_at      INTEGER,
  password_changed_at  INTEGER
);
CREATE UNIQUE INDEX users_by_name ON users (name COLLATE NOCASE);
CREATE UNIQUE INDEX users_one_builtin ON users (builtin) WHERE builtin = 1;

CREATE TABLE user_group_members (
  user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, group_id)
) WITHOUT ROWID;
CREATE INDEX user_group_members_by_group ON user_group_members (group_id);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  host         TEXT NOT NULL,
  address      TEXT,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  expires_at   INTEGER,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE account_settings (
  id                       INTEGER PRIMARY KEY CHECK (id = 1),
  min_password_length      INTEGER NOT NULL DEFAULT 10,
  lockout_attempts         INTEGER NOT NULL DEFAULT 5,
  lockout_minutes          INTEGER NOT NULL DEFAULT 15,
  idle_minutes             INTEGER NOT NULL DEFAULT 30,
  audit_retention_days     INTEGER NOT NULL DEFAULT 365,
  desktop_require_sign_in  INTEGER NOT NULL DEFAULT 0 CHECK (desktop_require_sign_in IN (0, 1)),
  directory                TEXT
);
INSERT INTO account_settings (id) VALUES (1);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  user_id    INTEGER,
  user_name  TEXT NOT NULL,
  host       TEXT NOT NULL,
  address    TEXT,
  action     TEXT NOT NULL,
  function   TEXT,
  targets    TEXT NOT NULL DEFAULT '[]',
  outcome    TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  error_code TEXT,
  message    TEXT,
  detail     TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;

ALTER TABLE tasks ADD COLUMN created_by TEXT;
ALTER TABLE tasks ADD COLUMN updated_by TEXT;
`;
