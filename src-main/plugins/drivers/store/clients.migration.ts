import type { PluginMigration } from '../../../plugin-api/plugin-host';

/**
 * The drivers plug-in's migration 2: client PCs (with their agent's key, stored as a SHA-256
 * hash: the key is 32 random bytes, so a slow hash adds nothing), the Printdeck queues each
 * reports, client groups (static members or a smart filter), enrolment tokens (hashed, expiring,
 * counted uses) and the jobs queued for agents (kept until the agent reports, so a PC that is
 * away loses none; the job's spec is sealed because it carries the store's password).
 */
export const CLIENTS_MIGRATION: PluginMigration = {
  version: 2,
  name: 'client PCs, client groups, enrolment tokens, agent jobs',
  up: (db) =>
    db.exec(`
CREATE TABLE drivers_clients (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  os               TEXT NOT NULL CHECK (os IN ('windows', 'macos', 'linux')),
  address          TEXT NOT NULL DEFAULT '',
  site             TEXT NOT NULL DEFAULT '',
  source           TEXT NOT NULL CHECK (source IN ('csv', 'manual', 'agent')),
  key_hash         TEXT UNIQUE,
  agent_version    TEXT,
  os_version       TEXT,
  protected_print  INTEGER,
  last_contact     INTEGER,
  created_at       INTEGER NOT NULL
);

CREATE TABLE drivers_client_queues (
  client_id       INTEGER NOT NULL REFERENCES drivers_clients (id) ON DELETE CASCADE,
  queue_name      TEXT NOT NULL,
  association_id  INTEGER,
  installed_at    INTEGER NOT NULL,
  PRIMARY KEY (client_id, queue_name)
);

CREATE TABLE drivers_client_groups (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind    TEXT NOT NULL CHECK (kind IN ('static', 'smart')),
  filter  TEXT
);

CREATE TABLE drivers_client_group_members (
  group_id   INTEGER NOT NULL REFERENCES drivers_client_groups (id) ON DELETE CASCADE,
  client_id  INTEGER NOT NULL REFERENCES drivers_clients (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, client_id)
);

CREATE TABLE drivers_enrolment_tokens (
  id           INTEGER PRIMARY KEY,
  label        TEXT NOT NULL DEFAULT '',
  secret_hash  TEXT NOT NULL UNIQUE,
  expires_at   INTEGER NOT NULL,
  uses         INTEGER NOT NULL,
  used         INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  created_by   TEXT
);

CREATE TABLE drivers_jobs (
  id            INTEGER PRIMARY KEY,
  client_id     INTEGER NOT NULL REFERENCES drivers_clients (id) ON DELETE CASCADE,
  execution_id  INTEGER,
  action        TEXT NOT NULL CHECK (action IN ('install', 'remove')),
  queue_names   TEXT NOT NULL,
  spec          TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued', 'collected', 'done', 'failed', 'cancelled')),
  created_at    INTEGER NOT NULL,
  collected_at  INTEGER,
  finished_at   INTEGER,
  report        TEXT
);
CREATE INDEX drivers_jobs_client ON drivers_jobs (client_id, state);
CREATE INDEX drivers_jobs_execution ON drivers_jobs (execution_id);
`),
};
