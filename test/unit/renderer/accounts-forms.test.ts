import { describe, expect, it } from 'vitest';
import type { FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { directoryGroupsOf, emptyGroupDraft, grantedCount, groupDraftOf, levelsOf, permissionsOfDraft } from '../../../src-renderer/features/accounts/group-form';
import { tokenState } from '../../../src-renderer/features/accounts/token-state';

const fn = (id: string, viewOnly = false, plugin: string | null = null): FunctionInfo => ({ id, plugin, viewOnly });
const FUNCTIONS = [fn('deviceList', true), fn('deviceManagement'), fn('tasks'), fn('address-book.entries', false, 'address-book')];

function aGroup(change: Partial<UserGroup> = {}): UserGroup {
  return { id: 7, name: 'Help desk', description: 'Floor 3', builtin: null, permissions: {}, directoryGroups: [], memberCount: 0, ...change };
}

describe('the user group form', () => {
  it('offers none and view for a view-only function, and all three levels otherwise', () => {
    expect(levelsOf(fn('deviceList', true))).toEqual(['none', 'view']);
    expect(levelsOf(fn('tasks'))).toEqual(['none', 'view', 'change']);
  });

  it('starts a new group with nothing granted on every function of the matrix', () => {
    expect(emptyGroupDraft(FUNCTIONS).levels).toEqual({ deviceList: 'none', deviceManagement: 'none', tasks: 'none', 'address-book.entries': 'none' });
  });

  it('reads a group into the matrix: missing functions are none, a stray change on a view-only one is view', () => {
    const draft = groupDraftOf(aGroup({ permissions: { deviceList: 'change', tasks: 'view', gone: 'change' }, directoryGroups: ['CN=Help,DC=x', 'Help desk'] }), FUNCTIONS);
    expect(draft.levels).toEqual({ deviceList: 'view', deviceManagement: 'none', tasks: 'view', 'address-book.entries': 'none' });
    expect(draft.directoryGroups).toBe('CN=Help,DC=x\nHelp desk');
  });

  it('sends a level for every function of the matrix, never change on a view-only one', () => {
    const draft = { ...emptyGroupDraft(FUNCTIONS), levels: { deviceList: 'change' as const, tasks: 'change' as const } };
    expect(permissionsOfDraft(draft, FUNCTIONS)).toEqual({ deviceList: 'view', deviceManagement: 'none', tasks: 'change', 'address-book.entries': 'none' });
  });

  it('takes directory groups one per line or separated by ";", trimmed, without blanks or repeats', () => {
    expect(directoryGroupsOf(' CN=A,DC=x \n\nB; B ;C\n')).toEqual(['CN=A,DC=x', 'B', 'C']);
    expect(directoryGroupsOf('')).toEqual([]);
  });

  it('counts the functions a group grants something on', () => {
    expect(grantedCount({ deviceList: 'view', tasks: 'none', deviceManagement: 'change' }, FUNCTIONS)).toBe(2);
  });
});

describe('an API token', () => {
  it('is revoked, expired or active, revoked first', () => {
    expect(tokenState({ revokedAt: null, expiresAt: null }, 1000)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: 2000 }, 1000)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: 1000 }, 1000)).toBe('expired');
    expect(tokenState({ revokedAt: 500, expiresAt: 100 }, 1000)).toBe('revoked');
  });
});
