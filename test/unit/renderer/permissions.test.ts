import { describe, expect, it } from 'vitest';
import { builtInPermissions, CORE_FUNCTIONS } from '../../../src-shared/auth/access';
import type { SessionUser } from '../../../src-shared/contract/auth.contract';
import { permissionsOf, userCan } from '../../../src-renderer/api/permissions';
import { pluginSections, shownSection, visibleSections } from '../../../src-renderer/app/section-access';
import { visibleSettingsTabs } from '../../../src-renderer/features/settings/settings-tabs';

function aUser(change: Partial<SessionUser> = {}): SessionUser {
  return { id: 2, name: 'alice', displayName: 'Alice', administrator: false, permissions: {}, mustChangePassword: false, source: 'local', ...change };
}

const role = (name: 'administrator' | 'operator' | 'viewer') => aUser({ administrator: name === 'administrator', permissions: builtInPermissions(name, [...CORE_FUNCTIONS]) });

describe('what the UI shows a user', () => {
  it('follows the highest level granted: change covers view, absent is none', () => {
    const user = aUser({ permissions: { deviceList: 'view', tasks: 'change' } });
    expect(userCan(user, 'deviceList', 'view')).toBe(true);
    expect(userCan(user, 'deviceList', 'change')).toBe(false);
    expect(userCan(user, 'tasks', 'view')).toBe(true);
    expect(userCan(user, 'monitoring', 'view')).toBe(false);
    expect(userCan(null, 'deviceList', 'view')).toBe(false);
  });

  it('gives an administrator everything and a user who must change their password nothing', () => {
    expect(userCan(aUser({ administrator: true }), 'systemLog', 'change')).toBe(true);
    expect(userCan(aUser({ administrator: true, mustChangePassword: true }), 'deviceList', 'view')).toBe(false);
  });

  it('shows the sections of the built-in roles: Settings only with environment, accounts or the system log', () => {
    expect(visibleSections(permissionsOf(role('administrator')))).toEqual(['devices', 'tasks', 'monitoring', 'settings']);
    expect(visibleSections(permissionsOf(role('operator')))).toEqual(['devices', 'tasks', 'monitoring']);
    expect(visibleSections(permissionsOf(role('viewer')))).toEqual(['devices', 'tasks', 'monitoring']);
    expect(visibleSections(permissionsOf(aUser({ permissions: { systemLog: 'view' } })))).toEqual(['settings']);
    expect(visibleSections(permissionsOf(aUser()))).toEqual([]);
  });

  it('falls back to the first section the user may see, or none', () => {
    const auditor = permissionsOf(aUser({ permissions: { systemLog: 'view', tasks: 'view' } }));
    expect(shownSection('devices', auditor)).toBe('tasks');
    expect(shownSection('settings', auditor)).toBe('settings');
    expect(shownSection('devices', permissionsOf(aUser()))).toBeNull();
  });

  it('shows the Settings tabs each right opens', () => {
    expect(visibleSettingsTabs(permissionsOf(role('administrator')))).toEqual(['mail', 'outbox', 'monitoring', 'ipPools', 'accounts', 'plugins', 'systemLog']);
    expect(visibleSettingsTabs(permissionsOf(aUser({ permissions: { environment: 'view' } })))).toEqual(['mail', 'plugins']);
    expect(visibleSettingsTabs(permissionsOf(aUser({ permissions: { environment: 'change', monitoring: 'view', accounts: 'view' } })))).toEqual(['mail', 'outbox', 'monitoring', 'accounts', 'plugins']);
    expect(visibleSettingsTabs(permissionsOf(aUser({ permissions: { systemLog: 'view' } })))).toEqual(['systemLog']);
  });

  it("shows a plug-in's section while it is enabled and its function may be viewed, before Settings", () => {
    const registry = [{ id: 'addressbook', viewFunction: 'addressbook.books' as const }];
    const enabled = [{ id: 'addressbook', state: 'enabled' as const }];
    const admin = permissionsOf(role('administrator'));
    const sections = pluginSections(enabled, registry, admin);
    expect(sections).toEqual(['plugin:addressbook']);
    expect(visibleSections(admin, sections)).toEqual(['devices', 'tasks', 'monitoring', 'plugin:addressbook', 'settings']);
    expect(pluginSections([{ id: 'addressbook', state: 'disabled' }], registry, admin)).toEqual([]);
    expect(pluginSections([{ id: 'addressbook', state: 'failed' }], registry, admin)).toEqual([]);
    expect(pluginSections(null, registry, admin)).toEqual([]);
    expect(pluginSections(enabled, registry, permissionsOf(aUser({ permissions: { deviceList: 'view' } })))).toEqual([]);
    const reader = permissionsOf(aUser({ permissions: { 'addressbook.books': 'view' } }));
    expect(visibleSections(reader, pluginSections(enabled, registry, reader))).toEqual(['plugin:addressbook']);
    // A plug-in switched off while its section is shown: the first section left.
    expect(shownSection('plugin:addressbook', admin, [])).toBe('devices');
  });
});
