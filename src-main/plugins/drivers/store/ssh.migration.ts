import type { PluginMigration } from '../../../plugin-api/plugin-host';

/**
 * The drivers plug-in's migration 3: stored SSH logins for installing the agent on Linux and
 * macOS client PCs (password, private key and passphrase sealed), and each client's SSH host
 * key as first seen (later connections must show the same key).
 */
export const SSH_MIGRATION: PluginMigration = {
  version: 3,
  name: 'SSH logins for agent installation, client host keys',
  up: (db) =>
    db.exec(`
CREATE TABLE drivers_ssh_logins (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  user         TEXT NOT NULL,
  password     TEXT,
  private_key  TEXT,
  passphrase   TEXT,
  updated_at   INTEGER NOT NULL,
  updated_by   TEXT
);
ALTER TABLE drivers_clients ADD COLUMN ssh_host_key TEXT;
`),
};
