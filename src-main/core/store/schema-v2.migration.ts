/**
 * Schema 2: groups and saved filters. A static group lists its members in group_members; a
 * smart group stores a DeviceFilter (JSON) and has no member rows — its members are the
 * devices matching the filter when it is read. Names are unique regardless of case, so
 * "Finance" and "finance" cannot both exist.
 */
export const GROUPS_SCHEMA = `
CREATE TABLE groups (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL COLLATE NOCASE UNIQUE,
  kind   TEXT NOT NULL CHECK (kind IN ('static', 'smart')),
  filter TEXT,
  CHECK ((kind = 'smart') = (filter IS NOT NULL))
);

CREATE TABLE group_members (
  group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  device_id INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, device_id)
) WITHOUT ROWID;
-- Deleting a device looks its memberships up by device: without this index, by a full scan.
CREATE INDEX group_members_by_device ON group_members (device_id);

CREATE TABLE saved_filters (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL COLLATE NOCASE UNIQUE,
  filter TEXT NOT NULL
);
`;
