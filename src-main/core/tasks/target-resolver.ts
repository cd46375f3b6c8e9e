import type { TaskTargets } from '../../../src-shared/contract/tasks.contract';
import { compileFilter } from '../../../src-shared/filters/device-filter';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { displayName } from '../monitor/round-reporter';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository } from '../store/groups.repository';

/** A task's targets as they are at the moment it runs. */
export interface ResolvedTargets {
  /** Existing devices, explicit ones first, then group members; no duplicates. */
  deviceIds: number[];
  /** Display names of those devices. */
  labels: Map<number, string>;
  /** Explicit device ids that no longer exist. */
  missingDeviceIds: number[];
  /** Group ids that no longer exist. */
  missingGroupIds: number[];
  /** Members per group (after resolving smart groups now). */
  groupSizes: Array<{ groupId: number; name: string; members: number }>;
}

/**
 * Resolves devices and groups now: a static group's members, a smart group's filter matched
 * against the current device list. An empty group resolves to nothing, which is no error.
 */
export function resolveTargets(targets: TaskTargets, deps: { devices: DevicesRepository; groups: GroupsRepository }): ResolvedTargets {
  const all = deps.devices.listDevices();
  const byId = new Map<number, DeviceSummary>(all.map((d) => [d.id, d]));
  const ids = new Set<number>();
  const missingDeviceIds: number[] = [];
  for (const id of targets.deviceIds) {
    if (byId.has(id)) ids.add(id);
    else missingDeviceIds.push(id);
  }
  const missingGroupIds: number[] = [];
  const groupSizes: ResolvedTargets['groupSizes'] = [];
  for (const groupId of targets.groupIds) {
    const group = deps.groups.getGroup(groupId);
    if (!group) {
      missingGroupIds.push(groupId);
      continue;
    }
    // An unreadable stored filter matches nothing rather than everything (as the groups service does).
    const members = group.kind === 'static' ? group.memberIds.filter((id) => byId.has(id)) : group.filter ? all.filter(compileFilter(group.filter)).map((d) => d.id) : [];
    for (const id of members) ids.add(id);
    groupSizes.push({ groupId, name: group.name, members: members.length });
  }
  const deviceIds = [...ids];
  const labels = new Map(deviceIds.map((id) => [id, displayName(byId.get(id) as DeviceSummary)]));
  return { deviceIds, labels, missingDeviceIds, missingGroupIds, groupSizes };
}
