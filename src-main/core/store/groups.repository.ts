import { deviceFilterSchema, type DeviceFilter } from '../../../src-shared/filters/device-filter';
import type { Database } from './database';
import { impossible, uniquely } from './store-error';

export type GroupKind = 'static' | 'smart';

/** A group as stored: a static one with its member ids, a smart one with its filter. */
export interface StoredGroup {
  id: number;
  name: string;
  kind: GroupKind;
  /** Smart groups only; null for a static group (or a smart one whose stored filter is unreadable). */
  filter: DeviceFilter | null;
  /** Static groups: member device ids, ascending. Smart groups: always empty (resolved by the caller). */
  memberIds: number[];
}

export interface StoredFilter {
  id: number;
  name: string;
  filter: DeviceFilter;
}

interface GroupRow {
  id: number;
  name: string;
  kind: string;
  filter: string | null;
}

/**
 * Groups, their members and saved filters. Names are unique regardless of case; a write that
 * would duplicate one throws StoreError 'store-conflict'. Membership rows disappear with
 * their group or their device (ON DELETE CASCADE).
 */
export class GroupsRepository {
  private readonly selectGroups;
  private readonly selectGroup;
  private readonly selectMembers;
  private readonly selectAllMembers;
  private readonly insertGroup;
  private readonly renameGroup;
  private readonly setFilter;
  private readonly deleteGroup;
  private readonly insertMember;
  private readonly deleteMember;
  private readonly changeMembers;
  private readonly selectFilters;
  private readonly upsertFilter;
  private readonly deleteFilter;
  private readonly applyUpdate;

  constructor(db: Database) {
    this.selectGroups = db.prepare<[], GroupRow>('SELECT id, name, kind, filter FROM groups ORDER BY name, id');
    this.selectGroup = db.prepare<[number], GroupRow>('SELECT id, name, kind, filter FROM groups WHERE id = ?');
    this.selectMembers = db.prepare<[number], { device_id: number }>('SELECT device_id FROM group_members WHERE group_id = ? ORDER BY device_id');
    this.selectAllMembers = db.prepare<[], { group_id: number; device_id: number }>('SELECT group_id, device_id FROM group_members ORDER BY group_id, device_id');
    this.insertGroup = db.prepare<[string, string, string | null]>('INSERT INTO groups (name, kind, filter) VALUES (?, ?, ?)');
    this.renameGroup = db.prepare<[string, number]>('UPDATE groups SET name = ? WHERE id = ?');
    this.setFilter = db.prepare<[string, number]>("UPDATE groups SET filter = ? WHERE id = ? AND kind = 'smart'");
    this.deleteGroup = db.prepare<[number]>('DELETE FROM groups WHERE id = ?');
    // Only existing devices, only static groups: a smart group never gets member rows.
    this.insertMember = db.prepare<[number, number]>(
      `INSERT OR IGNORE INTO group_members (group_id, device_id)
       SELECT g.id, d.id FROM groups g, devices d WHERE g.id = ? AND g.kind = 'static' AND d.id = ?`,
    );
    this.deleteMember = db.prepare<[number, number]>('DELETE FROM group_members WHERE group_id = ? AND device_id = ?');
    this.changeMembers = db.transaction((groupId: number, deviceIds: readonly number[], add: boolean) =>
      deviceIds.reduce((n, deviceId) => n + (add ? this.insertMember : this.deleteMember).run(groupId, deviceId).changes, 0),
    );
    this.applyUpdate = db.transaction((id: number, changes: { name?: string; filter?: DeviceFilter }) => {
      if (changes.name !== undefined) this.renameGroup.run(changes.name, id);
      if (changes.filter !== undefined) this.setFilter.run(JSON.stringify(changes.filter), id);
    });
    this.selectFilters = db.prepare<[], { id: number; name: string; filter: string }>('SELECT id, name, filter FROM saved_filters ORDER BY name, id');
    // Saving under an existing name (any case) replaces that filter and takes the new spelling.
    this.upsertFilter = db.prepare<[string, string], { id: number }>(
      `INSERT INTO saved_filters (name, filter) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET name = excluded.name, filter = excluded.filter
       RETURNING id`,
    );
    this.deleteFilter = db.prepare<[number]>('DELETE FROM saved_filters WHERE id = ?');
  }

  /** Every group by name, static ones with their members; throws only on database failure. */
  listGroups(): StoredGroup[] {
    const members = new Map<number, number[]>();
    for (const { group_id, device_id } of this.selectAllMembers.all()) {
      const list = members.get(group_id);
      if (list) list.push(device_id);
      else members.set(group_id, [device_id]);
    }
    return this.selectGroups.all().map((row) => toGroup(row, members.get(row.id) ?? []));
  }

  /** One group, or null when there is none with that id. */
  getGroup(id: number): StoredGroup | null {
    const row = this.selectGroup.get(id);
    return row === undefined ? null : toGroup(row, this.selectMembers.all(id).map((m) => m.device_id));
  }

  /**
   * Creates a group; a static group starts empty. Throws RangeError when a smart group has no
   * filter or a static one has one, StoreError 'store-conflict' when the name is taken.
   */
  createGroup(input: { name: string; kind: GroupKind; filter: DeviceFilter | null }): StoredGroup {
    if ((input.kind === 'smart') !== (input.filter !== null)) {
      throw new RangeError(input.kind === 'smart' ? 'a smart group needs a filter' : 'a static group has no filter');
    }
    const id = uniquely(input.name, () => Number(this.insertGroup.run(input.name, input.kind, input.filter && JSON.stringify(input.filter)).lastInsertRowid));
    return this.getGroup(id) ?? impossible(`group ${id} vanished after insert`);
  }

  /**
   * Renames a group and/or replaces a smart group's filter (a filter given for a static group
   * is ignored); null when the group is unknown; StoreError 'store-conflict' when the name is taken.
   */
  updateGroup(id: number, changes: { name?: string; filter?: DeviceFilter }): StoredGroup | null {
    uniquely(changes.name ?? '', () => this.applyUpdate(id, changes));
    return this.getGroup(id);
  }

  /** Deletes a group (never its devices); false when it did not exist. */
  removeGroup(id: number): boolean {
    return this.deleteGroup.run(id).changes > 0;
  }

  /** Adds devices to a static group in one transaction; unknown devices, smart groups and existing members are skipped. Returns rows added. */
  addMembers(groupId: number, deviceIds: readonly number[]): number {
    return this.changeMembers(groupId, deviceIds, true);
  }

  /** Takes devices out of a group in one transaction; returns rows removed. Never throws for unknown ids. */
  removeMembers(groupId: number, deviceIds: readonly number[]): number {
    return this.changeMembers(groupId, deviceIds, false);
  }

  /** Saved filters by name; a stored filter that no longer parses is left out. */
  listFilters(): StoredFilter[] {
    return this.selectFilters.all().flatMap((row) => {
      const filter = parseFilter(row.filter);
      return filter ? [{ id: row.id, name: row.name, filter }] : [];
    });
  }

  /** Saves a filter under a name, replacing one of the same name (any case); returns it with its id. */
  saveFilter(name: string, filter: DeviceFilter): StoredFilter {
    const row = this.upsertFilter.get(name, JSON.stringify(filter)) ?? impossible('saving a filter returned no row');
    return { id: row.id, name, filter };
  }

  /** Deletes a saved filter; false when it did not exist. */
  removeFilter(id: number): boolean {
    return this.deleteFilter.run(id).changes > 0;
  }
}

function toGroup(row: GroupRow, memberIds: number[]): StoredGroup {
  const kind: GroupKind = row.kind === 'smart' ? 'smart' : 'static';
  return { id: row.id, name: row.name, kind, filter: kind === 'smart' ? parseFilter(row.filter) : null, memberIds: kind === 'static' ? memberIds : [] };
}

/** A stored filter JSON back to a DeviceFilter; null when it is missing or does not parse. */
function parseFilter(json: string | null): DeviceFilter | null {
  if (json === null) return null;
  try {
    const parsed = deviceFilterSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
