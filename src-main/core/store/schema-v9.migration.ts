/**
 * Schema 9: plug-ins. Which plug-ins an administrator switched off (absent: enabled), and the
 * schema version each plug-in's own migrations reached. A plug-in's tables are its own
 * ("<id>_…") and are never dropped when it is disabled.
 */
export const PLUGINS_SCHEMA = `
CREATE TABLE plugins (
  id          TEXT PRIMARY KEY,
  enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);

CREATE TABLE plugin_schema (
  plugin      TEXT PRIMARY KEY,
  version     INTEGER NOT NULL CHECK (version >= 0)
);
`;
