import type { AppEvents, AppImpl } from '../../../src-shared/contract/app.contract';
import type { Group } from '../../../src-shared/contract/groups.contract';
import { compileFilter } from '../../../src-shared/filters/device-filter';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository, StoredGroup } from '../store/groups.repository';
import { StoreError } from '../store/store-error';

type GroupsImpl = AppImpl['groups'];

export interface GroupsServiceDeps {
  groups: GroupsRepository;
  devices: DevicesRepository;
  events: EventHub<AppEvents>;
}

/**
 * The groups part of the contract: static groups with members, smart groups whose members
 * are the devices matching their filter at the moment they are read, and saved filters.
 * Expected failures are AppError ('not-found', 'conflict', 'unsupported', 'invalid-argument');
 * every change is announced with groups.changed.
 */
export class GroupsService implements GroupsImpl {
  constructor(private readonly deps: GroupsServiceDeps) {}

  list: GroupsImpl['list'] = () => {
    const stored = this.deps.groups.listGroups();
    const resolve = this.resolver(stored);
    return { groups: stored.map(resolve) };
  };

  create: GroupsImpl['create'] = ({ name, kind, filter }) => {
    if (kind === 'smart' && filter === undefined) throw new AppError('invalid-argument', 'filter: a smart group needs a filter', { field: 'filter' });
    if (kind === 'static' && filter !== undefined) {
      throw new AppError('invalid-argument', 'filter: a static group has no filter (create a smart group to group by a filter)', { field: 'filter' });
    }
    const group = conflictAware(name, () => this.deps.groups.createGroup({ name, kind, filter: filter ?? null }));
    return this.changed(group);
  };

  update: GroupsImpl['update'] = ({ id, name, filter }) => {
    const current = this.deps.groups.getGroup(id) ?? notFound(id);
    if (filter !== undefined && current.kind !== 'smart') throw new AppError('unsupported', `group "${current.name}" is static: only smart groups have a filter`, { field: 'filter' });
    const group = conflictAware(name ?? current.name, () => this.deps.groups.updateGroup(id, { name, filter })) ?? notFound(id);
    return this.changed(group);
  };

  remove: GroupsImpl['remove'] = ({ id }) => {
    if (this.deps.groups.removeGroup(id)) this.deps.events.emit('groups.changed', {});
    return {};
  };

  addDevices: GroupsImpl['addDevices'] = ({ id, deviceIds }) => {
    const group = this.staticGroup(id);
    if (this.deps.groups.addMembers(group.id, deviceIds) === 0) return this.resolver([group])(group);
    return this.changed(this.deps.groups.getGroup(id) ?? notFound(id));
  };

  removeDevices: GroupsImpl['removeDevices'] = ({ id, deviceIds }) => {
    const group = this.staticGroup(id);
    if (this.deps.groups.removeMembers(group.id, deviceIds) === 0) return this.resolver([group])(group);
    return this.changed(this.deps.groups.getGroup(id) ?? notFound(id));
  };

  listFilters: GroupsImpl['listFilters'] = () => ({ filters: this.deps.groups.listFilters() });

  saveFilter: GroupsImpl['saveFilter'] = ({ name, filter }) => {
    const saved = this.deps.groups.saveFilter(name, filter);
    this.deps.events.emit('groups.changed', {});
    return saved;
  };

  removeFilter: GroupsImpl['removeFilter'] = ({ id }) => {
    if (this.deps.groups.removeFilter(id)) this.deps.events.emit('groups.changed', {});
    return {};
  };

  private staticGroup(id: number): StoredGroup {
    const group = this.deps.groups.getGroup(id) ?? notFound(id);
    if (group.kind === 'smart') throw new AppError('unsupported', `group "${group.name}" is a smart group: its members follow its filter`, { id });
    return group;
  }

  private changed(group: StoredGroup): Group {
    this.deps.events.emit('groups.changed', {});
    return this.resolver([group])(group);
  }

  /** Maps stored groups to contract groups; the device list is read once, and only when a smart group needs it. */
  private resolver(groups: readonly StoredGroup[]): (group: StoredGroup) => Group {
    const devices = groups.some((g) => g.kind === 'smart') ? this.deps.devices.listDevices() : [];
    return (group) => ({
      id: group.id,
      name: group.name,
      kind: group.kind,
      // An unreadable stored filter matches nothing rather than everything.
      deviceIds: group.kind === 'static' ? group.memberIds : group.filter ? devices.filter(compileFilter(group.filter)).map((d) => d.id) : [],
      filter: group.filter,
    });
  }
}

function conflictAware<T>(name: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store-conflict') throw new AppError('conflict', `a group named "${name}" already exists`, { field: 'name' });
    throw error;
  }
}

function notFound(id: number): never {
  throw new AppError('not-found', `group ${id} does not exist (removed?)`, { id });
}
