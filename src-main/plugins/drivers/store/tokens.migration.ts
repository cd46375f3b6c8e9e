import type { PluginMigration } from '../../../plugin-api/plugin-host';

/**
 * The drivers plug-in's migration 4: an enrolment token may be made for one client PC (the SSH
 * installation's, or an operator's for a PC whose agent must enrol again). Only such a token
 * enrols under the name of a PC that has an agent already; other tokens are refused there, so a
 * token cannot take over a PC by its name.
 */
export const TOKENS_MIGRATION: PluginMigration = {
  version: 4,
  name: 'enrolment tokens for one client PC',
  up: (db) => db.exec('ALTER TABLE drivers_enrolment_tokens ADD COLUMN client_id INTEGER REFERENCES drivers_clients (id) ON DELETE CASCADE;'),
};
