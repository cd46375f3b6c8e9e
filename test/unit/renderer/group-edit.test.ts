import { describe, expect, it } from 'vitest';
import type { Group } from '../../../src-shared/contract/groups.contract';
import { emptyDraft } from '../../../src-renderer/features/filters/filter-draft';
import { emptyListReason } from '../../../src-renderer/features/groups/empty-list';
import { groupEditOf } from '../../../src-renderer/features/groups/group-edit';

const STATIC: Group = { id: 1, name: 'Helpdesk watch', kind: 'static', deviceIds: [], filter: null };
const SMART: Group = { id: 2, name: 'Eng C35xx', kind: 'smart', deviceIds: [], filter: { fields: { model: 'c35' }, states: [], tonerLow: false, unreachable: false } };

describe('emptyListReason: what an empty device list says', () => {
  it('an empty static group says it is empty, not that a filter hides everything', () => {
    expect(emptyListReason({ loaded: true, total: 200, shown: 0, group: STATIC, inGroup: 0 })).toEqual({ kind: 'emptyStatic', name: 'Helpdesk watch' });
  });
  it('a smart group whose own filter matches nothing says so', () => {
    expect(emptyListReason({ loaded: true, total: 200, shown: 0, group: SMART, inGroup: 0 })).toEqual({ kind: 'emptySmart', name: 'Eng C35xx' });
  });
  it('a group with devices that the bar hides blames the bar', () => {
    expect(emptyListReason({ loaded: true, total: 200, shown: 0, group: STATIC, inGroup: 3 })).toEqual({ kind: 'groupFiltered', name: 'Helpdesk watch' });
    expect(emptyListReason({ loaded: true, total: 200, shown: 0, group: null, inGroup: 0 })).toEqual({ kind: 'filtered' });
  });
  it('loading, no devices at all, and rows shown', () => {
    expect(emptyListReason({ loaded: false, total: 0, shown: 0, group: null, inGroup: 0 })).toEqual({ kind: 'loading' });
    expect(emptyListReason({ loaded: false, total: 0, shown: 5, group: null, inGroup: 0 })).toBeNull();
    expect(emptyListReason({ loaded: true, total: 0, shown: 0, group: STATIC, inGroup: 0 })).toEqual({ kind: 'noDevices' });
  });
});

describe('groupEditOf: renaming a group, editing a smart group\'s filter', () => {
  it('renames (trimmed) and sends no filter for a static group', () => {
    expect(groupEditOf(STATIC, '  Helpdesk  ', null)).toEqual({ ok: true, update: { id: 1, name: 'Helpdesk' } });
    expect(groupEditOf(STATIC, 'Helpdesk watch', null)).toEqual({ ok: true, update: { id: 1 } });
  });
  it('refuses an empty name', () => {
    expect(groupEditOf(STATIC, '   ', null)).toEqual({ ok: false, field: 'name' });
  });
  it('sends a smart group\'s edited filter, and refuses one that lets every device through', () => {
    const draft = emptyDraft();
    draft.fields.model = ' c55 ';
    draft.fields.location = 'eng';
    draft.tonerLow = true;
    expect(groupEditOf(SMART, 'Eng C55xx', draft)).toEqual({ ok: true, update: { id: 2, name: 'Eng C55xx', filter: { fields: { model: 'c55', location: 'eng' }, states: [], tonerLow: true, unreachable: false } } });
    expect(groupEditOf(SMART, 'Eng C35xx', emptyDraft())).toEqual({ ok: false, field: 'filter' });
  });
});
