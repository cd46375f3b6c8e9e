import type { PluginMigration } from '../../../plugin-api/plugin-host';

/**
 * The address book plug-in's own tables (its numbering, apart from the core's). Entries keep
 * the kind-specific fields as JSON beside the columns the editor sorts and searches by; a
 * folder's password and a directory's bind password are sealed by the console's SecretStore.
 */
export const ADDRESSBOOK_MIGRATIONS: readonly PluginMigration[] = [
  {
    version: 1,
    name: 'books, entries, directory connections, settings',
    up: (db) =>
      db.exec(`
CREATE TABLE addressbook_books (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description   TEXT NOT NULL DEFAULT '',
  source_kind   TEXT NOT NULL DEFAULT 'manual' CHECK (source_kind IN ('manual', 'file', 'directory', 'device')),
  source_label  TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  updated_by    TEXT
);

CREATE TABLE addressbook_entries (
  id        INTEGER PRIMARY KEY,
  book_id   INTEGER NOT NULL REFERENCES addressbook_books (id) ON DELETE CASCADE,
  number    INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99999),
  kind      TEXT NOT NULL CHECK (kind IN ('email', 'fax', 'ifax', 'folder', 'group')),
  name      TEXT NOT NULL,
  body      TEXT NOT NULL,
  password  TEXT,
  UNIQUE (book_id, number)
);

CREATE TABLE addressbook_directories (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  settings    TEXT NOT NULL,
  password    TEXT,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
);

CREATE TABLE addressbook_settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`),
  },
];
