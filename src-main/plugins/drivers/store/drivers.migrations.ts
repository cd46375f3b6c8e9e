import type { PluginMigration } from '../../../plugin-api/plugin-host';
import { CLIENTS_MIGRATION } from './clients.migration';
import { SSH_MIGRATION } from './ssh.migration';
import { TOKENS_MIGRATION } from './tokens.migration';

/**
 * The drivers plug-in's own tables (its numbering, apart from the core's). Migration 1: driver
 * stores (FTP settings as JSON, the password sealed by the console's SecretStore), driver sets,
 * associations and the IPP Everywhere check of devices. Device ids refer to the core's devices,
 * which a plug-in reads only through the host: no foreign key to them (a deleted device leaves
 * an association without its device, shown as such).
 */
export const DRIVERS_MIGRATIONS: readonly PluginMigration[] = [
  {
    version: 1,
    name: 'driver stores, driver sets, associations, IPP Everywhere checks',
    up: (db) =>
      db.exec(`
CREATE TABLE drivers_stores (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  settings    TEXT NOT NULL,
  password    TEXT,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);

CREATE TABLE drivers_sets (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description      TEXT NOT NULL DEFAULT '',
  os               TEXT NOT NULL CHECK (os IN ('windows', 'macos', 'linux')),
  arch             TEXT NOT NULL CHECK (arch IN ('x64', 'x86', 'arm64', 'any')),
  kind             TEXT NOT NULL CHECK (kind IN ('inf', 'ppd', 'driverless')),
  version          TEXT NOT NULL DEFAULT '',
  driver_name      TEXT NOT NULL DEFAULT '',
  models           TEXT NOT NULL DEFAULT '[]',
  entry_file       TEXT,
  store_id         INTEGER REFERENCES drivers_stores (id) ON DELETE RESTRICT,
  folder           TEXT,
  files            INTEGER NOT NULL DEFAULT 0,
  bytes            INTEGER NOT NULL DEFAULT 0,
  manifest_sha256  TEXT,
  created_at       INTEGER NOT NULL,
  created_by       TEXT,
  CHECK ((kind = 'driverless') = (store_id IS NULL))
);

CREATE TABLE drivers_associations (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  device_id   INTEGER NOT NULL,
  set_id      INTEGER NOT NULL REFERENCES drivers_sets (id) ON DELETE RESTRICT,
  queue_name  TEXT NOT NULL,
  protocol    TEXT NOT NULL CHECK (protocol IN ('ipp', 'ipps', 'raw', 'lpd')),
  port        INTEGER,
  resource    TEXT NOT NULL DEFAULT '',
  defaults    TEXT NOT NULL,
  location    TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);
CREATE INDEX drivers_associations_device ON drivers_associations (device_id);

CREATE TABLE drivers_ipp_checks (
  device_id       INTEGER PRIMARY KEY,
  checked_at      INTEGER NOT NULL,
  ready           INTEGER NOT NULL,
  uri             TEXT NOT NULL,
  ipp_versions    TEXT NOT NULL,
  formats         TEXT NOT NULL,
  features        TEXT NOT NULL,
  make_and_model  TEXT,
  reason          TEXT
);
`),
  },
  CLIENTS_MIGRATION,
  SSH_MIGRATION,
  TOKENS_MIGRATION,
];
