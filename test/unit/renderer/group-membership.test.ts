import { describe, expect, it } from 'vitest';
import type { Group } from '../../../src-shared/contract/groups.contract';
import { EMPTY_FILTER } from '../../../src-shared/filters/device-filter';
import { groupCounts, groupPredicate } from '../../../src-renderer/features/groups/group-membership';
import { aDevice } from './device-builders';

const devices = [
  aDevice({ id: 1, state: 'error' }),
  aDevice({ id: 2, identity: { location: 'Floor 3' } }),
  aDevice({ id: 3, state: 'error', identity: { location: 'Floor 3' } }),
];

describe('group membership', () => {
  it('a static group holds its listed devices; a device may be in several groups', () => {
    const a: Group = { id: 1, name: 'A', kind: 'static', deviceIds: [1, 3], filter: null };
    const b: Group = { id: 2, name: 'B', kind: 'static', deviceIds: [3], filter: null };
    expect(devices.filter(groupPredicate(a)).map((d) => d.id)).toEqual([1, 3]);
    expect(groupCounts([a, b], devices)).toEqual(new Map([[1, 2], [2, 1]]));
  });

  it('a smart group follows its filter, not its (possibly stale) member list', () => {
    const smart: Group = { id: 3, name: 'Errors on 3', kind: 'smart', deviceIds: [], filter: { ...EMPTY_FILTER, states: ['error'], fields: { location: 'floor 3' } } };
    expect(devices.filter(groupPredicate(smart)).map((d) => d.id)).toEqual([3]);
  });

  it('a smart group without a filter holds nothing', () => {
    const broken: Group = { id: 4, name: 'x', kind: 'smart', deviceIds: [1], filter: null };
    expect(devices.filter(groupPredicate(broken))).toEqual([]);
  });
});
