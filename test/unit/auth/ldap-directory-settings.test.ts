import { describe, expect, it } from 'vitest';
import { DIRECTORY_PRESETS, directorySettingsUpdateSchema, type DirectorySettingsUpdateInput } from '../../../src-shared/contract/accounts.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { applyDirectoryUpdate, readDirectorySettings, toContractDirectory } from '../../../src-main/core/auth/directory-settings';
import { createMemorySecretStore } from '../../../src-main/core/secrets/file-key-secret-store';

const secrets = createMemorySecretStore();

/** An update as the router hands it to the service (defaults filled by the contract's schema). */
function anUpdate(input: Partial<DirectorySettingsUpdateInput> = {}) {
  return directorySettingsUpdateSchema.parse({
    enabled: true,
    kind: 'active-directory',
    url: 'ldaps://dc1.corp.example:636',
    ...DIRECTORY_PRESETS['active-directory'].fields,
    bindDn: 'CN=printdeck,OU=Service,DC=corp,DC=example',
    baseDn: 'DC=corp,DC=example',
    ...input,
  });
}

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid-argument') return (error.details as { field: string }).field;
    throw error;
  }
  throw new Error('expected invalid-argument');
}

describe('directory settings', () => {
  const empty = readDirectorySettings(null);

  it('reads as off with defaults when nothing (or something damaged) is stored', () => {
    expect(empty).toMatchObject({ enabled: false, url: '', bindPasswordSealed: null, groupsAttribute: 'memberOf', timeoutMs: 10_000, updatedAt: null });
    expect(readDirectorySettings('{not json')).toEqual(empty);
    expect(readDirectorySettings(JSON.stringify({ enabled: 'yes' }))).toEqual(empty);
  });

  it('seals the service password, keeps it when left out, clears it with null, and never shows it', () => {
    const saved = applyDirectoryUpdate(empty, anUpdate({ bindPassword: 'Svc-Pa55' }), secrets, 1_000);
    expect(saved.bindPasswordSealed).not.toBeNull();
    expect(JSON.stringify(saved)).not.toContain('Svc-Pa55');
    expect(secrets.open(saved.bindPasswordSealed ?? '')).toBe('Svc-Pa55');
    const shown = toContractDirectory(saved);
    expect(shown).toMatchObject({ bindPasswordSet: true, updatedAt: 1_000 });
    expect(shown).not.toHaveProperty('bindPasswordSealed');

    const kept = applyDirectoryUpdate(saved, anUpdate({ timeoutMs: 3_000 }), secrets, 2_000);
    expect(kept.bindPasswordSealed).toBe(saved.bindPasswordSealed);
    expect(readDirectorySettings(JSON.stringify(kept))).toEqual(kept);

    const direct = applyDirectoryUpdate(saved, anUpdate({ bindDn: '', userDnTemplate: '{user}@corp.example' }), secrets, 3_000);
    expect(direct.bindPasswordSealed).toBeNull();
    expect(fieldOf(() => applyDirectoryUpdate(saved, anUpdate({ bindPassword: null }), secrets, 4_000))).toBe('bindPassword');
  });

  it('names the field of settings that cannot work', () => {
    const withPassword = { bindPassword: 'x' };
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ ...withPassword, url: '' }), secrets, 1))).toBe('url');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ ...withPassword, startTls: true }), secrets, 1))).toBe('startTls');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ ...withPassword, userFilter: '(sAMAccountName=alice)' }), secrets, 1))).toBe('userFilter');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ bindDn: '' }), secrets, 1))).toBe('bindDn');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ bindDn: '', userDnTemplate: 'uid=alice,dc=x' }), secrets, 1))).toBe('userDnTemplate');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ ...withPassword, groupsAttribute: '' }), secrets, 1))).toBe('groupsAttribute');
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ ...withPassword, groupSearch: { baseDn: '', filter: '(objectClass=group)' } }), secrets, 1))).toBe('groupSearch.filter');
    // Off, what is missing may stay missing; contradictions still count.
    expect(applyDirectoryUpdate(empty, anUpdate({ enabled: false, url: '', bindDn: '' }), secrets, 1)).toMatchObject({ enabled: false });
    expect(fieldOf(() => applyDirectoryUpdate(empty, anUpdate({ enabled: false, startTls: true }), secrets, 1))).toBe('startTls');
  });

  it('accepts only LDAP URLs and filters in parentheses', () => {
    for (const url of ['ldap://dc1', 'ldaps://dc1.corp.example:3269', 'ldap://10.0.0.5:389/', 'ldap://[::1]:10389']) expect(directorySettingsUpdateSchema.safeParse({ enabled: true, url }).success, url).toBe(true);
    for (const url of ['http://dc1', 'ldap://', 'ldap://dc1:0', 'ldap://dc1:70000', 'ldap://dc1/dc=x?uid', 'dc1:389']) expect(directorySettingsUpdateSchema.safeParse({ enabled: true, url }).success, url).toBe(false);
    for (const userFilter of ['uid={user}', '(uid={user}', '(uid={user}))', '(a=1)(b=2)']) expect(directorySettingsUpdateSchema.safeParse({ enabled: true, url: '', userFilter }).success, userFilter).toBe(false);
  });
});
