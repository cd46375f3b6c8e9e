import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyPreset,
  buildDirectoryTest,
  buildDirectoryUpdate,
  directoryFormOf,
  directoryMappings,
  directoryProblemText,
  directoryServerProblems,
  isDirty,
  printdeckGroupNames,
  testContextOf,
  testReport,
  usesTls,
  withGroupSearch,
  type DirectoryForm,
  type DirectoryProblems,
} from '../../../src-renderer/features/accounts/directory-form';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import { DIRECTORY_PRESETS, type DirectorySettings, type DirectoryTestResult, type UserGroup } from '../../../src-shared/contract/accounts.contract';
import { AppError } from '../../../src-shared/rpc/app-error';

const i18n = i18next.createInstance();
const i18nJa = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  await i18nJa.init({ resources: { ja: { translation: ja } }, lng: 'ja', interpolation: { escapeValue: false }, initAsync: false });
});

/** What accounts.getDirectory answers for a working OpenLDAP setup with a stored service password. */
const SAVED: DirectorySettings = {
  enabled: true,
  kind: 'openldap',
  url: 'ldap://ldap.example.com',
  startTls: true,
  verifyCertificate: true,
  caCertificate: '',
  bindDn: 'cn=printdeck,ou=services,dc=example,dc=com',
  bindPasswordSet: true,
  userDnTemplate: '',
  baseDn: 'dc=example,dc=com',
  ...DIRECTORY_PRESETS.openldap.fields,
  timeoutMs: 10_000,
  updatedAt: 1_700_000_000_000,
};

const formWith = (change: Partial<DirectoryForm> = {}, saved: DirectorySettings = SAVED): DirectoryForm => ({ ...directoryFormOf(saved), ...change });

function texts(problems: DirectoryProblems<string>, t = i18n.t): Record<string, string | null> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, directoryProblemText(t, problem)]));
}

function problemsOf(form: DirectoryForm, complete?: boolean): Record<string, string | null> {
  const built = buildDirectoryUpdate(form, complete);
  if (built.ok) throw new Error('expected problems, the form was accepted');
  return texts(built.problems);
}

describe('the directory settings form', () => {
  it('shows the stored settings and saves them unchanged, keeping the stored password (never sent back)', () => {
    const form = directoryFormOf(SAVED);
    expect(form).toMatchObject({ passwordMode: 'keep', password: '', passwordSet: true, groupSearchEnabled: true, groupSearchFilter: '(&(objectClass=groupOfNames)(member={dn}))', timeoutSeconds: 10 });
    expect(isDirty(form, SAVED)).toBe(false);
    const built = buildDirectoryUpdate(form);
    expect(built).toEqual({
      ok: true,
      value: {
        enabled: true,
        kind: 'openldap',
        url: 'ldap://ldap.example.com',
        startTls: true,
        verifyCertificate: true,
        caCertificate: '',
        bindDn: 'cn=printdeck,ou=services,dc=example,dc=com',
        userDnTemplate: '',
        baseDn: 'dc=example,dc=com',
        userFilter: '(&(objectClass=inetOrgPerson)(uid={user}))',
        userNameAttribute: 'uid',
        displayNameAttribute: 'displayName',
        groupsAttribute: 'memberOf',
        groupSearch: { baseDn: '', filter: '(&(objectClass=groupOfNames)(member={dn}))' },
        timeoutMs: 10_000,
      },
    });
    expect(built.ok && 'bindPassword' in built.value).toBe(false);
  });

  it('sends a typed password, null after Clear, and nothing without a service account', () => {
    const typed = buildDirectoryUpdate(formWith({ passwordMode: 'replace', password: 's3cret pass' }));
    expect(typed.ok && typed.value.bindPassword).toBe('s3cret pass');
    const cleared = buildDirectoryUpdate(formWith({ enabled: false, passwordMode: 'clear' }));
    expect(cleared.ok && cleared.value.bindPassword).toBe(null);
    const direct = buildDirectoryUpdate(formWith({ bindDn: '', userDnTemplate: 'uid={user},ou=people,dc=example,dc=com', passwordMode: 'replace', password: 'typed' }));
    expect(direct.ok && 'bindPassword' in direct.value).toBe(false);
    expect(isDirty(formWith({ passwordMode: 'replace', password: 'x' }), SAVED)).toBe(true);
  });

  it('asks for the service password when enabled, and for a new one after Change', () => {
    const none: DirectorySettings = { ...SAVED, bindPasswordSet: false };
    expect(directoryFormOf(none).passwordMode).toBe('replace');
    expect(problemsOf(formWith({}, none))).toEqual({ bindPassword: 'The service account needs its password.' });
    expect(problemsOf(formWith({ passwordMode: 'clear' }))).toEqual({ bindPassword: 'The service account needs its password.' });
    expect(problemsOf(formWith({ passwordMode: 'replace', password: '' }))).toEqual({ bindPassword: 'Type the new password, or keep the stored one.' });
    // Off, what is missing may stay missing (the server agrees); contradictions never may.
    expect(buildDirectoryUpdate(formWith({ enabled: false }, none)).ok).toBe(true);
  });

  it('when enabled, names what is missing under its field', () => {
    const empty = formWith({ url: '', bindDn: '', userDnTemplate: '', groupsAttribute: '', groupSearchEnabled: false });
    expect(problemsOf(empty)).toEqual({
      url: 'Name the directory server, e.g. ldaps://dc1.example.com.',
      bindDn: 'Give a service account that looks users up, or a bind name template for users to bind directly.',
      groupsAttribute: 'Users get their Printdeck groups from their directory groups: name the groups attribute or search for groups.',
    });
    expect(buildDirectoryUpdate({ ...empty, enabled: false }).ok).toBe(true);
  });

  it('refuses contradictions even when disabled: StartTLS on ldaps://, filters and templates without their placeholder', () => {
    const form = formWith({
      enabled: false,
      url: 'ldaps://dc1.example.com:636',
      startTls: true,
      userFilter: '(uid=alice)',
      bindDn: '',
      userDnTemplate: 'uid=alice,ou=people,dc=example,dc=com',
      groupSearchFilter: '(objectClass=groupOfNames)',
    });
    expect(problemsOf(form)).toEqual({
      startTls: 'ldaps:// is encrypted from the start: use ldap:// with StartTLS, or ldaps:// without it.',
      userFilter: 'The filter must contain {user}, e.g. (uid={user}).',
      userDnTemplate: 'The template must contain {user}, e.g. uid={user},ou=people,dc=example,dc=com or {user}@example.com.',
      'groupSearch.filter': 'The group filter must contain {dn} or {user}, e.g. (&(objectClass=groupOfNames)(member={dn})).',
    });
  });

  it("words the contract's format rules: URL, filter, attribute name, PEM, timeout", () => {
    const form = formWith({
      url: 'http://ldap.example.com/ou=x',
      userFilter: 'uid={user}',
      displayNameAttribute: 'display name',
      caCertificate: 'not a certificate',
      groupSearchFilter: '(member={dn}',
      timeoutSeconds: 61,
    });
    expect(problemsOf(form)).toEqual({
      url: 'Enter ldap://host[:port] or ldaps://host[:port], nothing after the port.',
      userFilter: 'Enter an LDAP filter in one pair of parentheses, e.g. (uid={user}).',
      displayNameAttribute: 'Enter an attribute name such as displayName: letters, digits and “-”.',
      caCertificate: 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …).',
      'groupSearch.filter': 'Enter an LDAP filter in one pair of parentheses, e.g. (uid={user}).',
      timeoutMs: 'At most 60.',
    });
    expect(problemsOf(formWith({ timeoutSeconds: '' }))).toEqual({ timeoutMs: 'Required.' });
    expect(problemsOf(formWith({ timeoutSeconds: 0 }))).toEqual({ timeoutMs: 'At least 1.' });
    const ok = buildDirectoryUpdate(formWith({ url: '  ldaps://[2001:db8::1]:3269  ', startTls: false, timeoutSeconds: 60 }));
    expect(ok.ok && [ok.value.url, ok.value.timeoutMs]).toEqual(['ldaps://[2001:db8::1]:3269', 60_000]);
  });

  it('the Japanese texts of the rules are there', () => {
    const built = buildDirectoryUpdate(formWith({ userFilter: '(uid=alice)' }));
    expect(!built.ok && texts(built.problems, i18nJa.t)).toEqual({ userFilter: 'フィルターには {user} が必要です。例: (uid={user})' });
  });

  it('a kind fills its preset (filter, attributes, group search) and leaves server, base DN and account alone', () => {
    const form = formWith({ url: 'ldaps://dc1.example.com', baseDn: 'DC=example,DC=com' });
    const ad = applyPreset(form, 'active-directory');
    expect(ad).toMatchObject({
      kind: 'active-directory',
      url: 'ldaps://dc1.example.com',
      baseDn: 'DC=example,DC=com',
      bindDn: SAVED.bindDn,
      passwordMode: 'keep',
      userFilter: '(&(objectClass=user)(sAMAccountName={user}))',
      userNameAttribute: 'sAMAccountName',
      groupsAttribute: 'memberOf',
      groupSearchEnabled: false,
    });
    const domino = applyPreset(ad, 'domino');
    expect(domino).toMatchObject({ groupsAttribute: '', groupSearchEnabled: true, groupSearchFilter: '(&(objectClass=dominoGroup)(member={dn}))', displayNameAttribute: 'cn' });
    expect(applyPreset(domino, 'other')).toMatchObject({ userFilter: '(uid={user})', groupSearchEnabled: false, groupSearchFilter: '' });
  });

  it('switching the group search on fills a filter only when none was typed', () => {
    const off = applyPreset(formWith(), 'active-directory');
    expect(withGroupSearch(off, true)).toMatchObject({ groupSearchEnabled: true, groupSearchFilter: '(&(objectClass=groupOfNames)(member={dn}))' });
    const typed = { ...off, groupSearchFilter: '(member:1.2.840.113556.1.4.1941:={dn})' };
    expect(withGroupSearch(typed, true).groupSearchFilter).toBe('(member:1.2.840.113556.1.4.1941:={dn})');
    expect(withGroupSearch(withGroupSearch(typed, true), false)).toMatchObject({ groupSearchEnabled: false, groupSearchFilter: '(member:1.2.840.113556.1.4.1941:={dn})' });
  });

  it('knows when the connection is encrypted', () => {
    expect(usesTls({ url: 'LDAPS://dc1', startTls: false })).toBe(true);
    expect(usesTls({ url: 'ldap://dc1', startTls: true })).toBe(true);
    expect(usesTls({ url: 'ldap://dc1', startTls: false })).toBe(false);
  });
});

describe('a refused save', () => {
  it("goes under the field the server's details.field names, without the field's name in front", () => {
    const error = new AppError('invalid-argument', 'groupSearch.filter: the group filter must contain {dn} or {user}', { field: 'groupSearch.filter' });
    expect(texts(directoryServerProblems(error))).toEqual({ 'groupSearch.filter': 'the group filter must contain {dn} or {user}' });
    expect(texts(directoryServerProblems(new AppError('invalid-argument', 'bindPassword: the service account needs its password', { field: 'bindPassword' })))).toEqual({
      bindPassword: 'the service account needs its password',
    });
  });

  it("places the router's schema issues, and anything else under general", () => {
    const error = new AppError('invalid-argument', 'invalid request', { issues: ['timeoutMs: Too big: expected number to be <=60000', 'url: expected ldap://host[:port]'] });
    expect(texts(directoryServerProblems(error))).toEqual({ timeoutMs: 'Too big: expected number to be <=60000', url: 'expected ldap://host[:port]' });
    expect(texts(directoryServerProblems(new AppError('forbidden', 'accounts: change is needed')))).toEqual({ general: 'accounts: change is needed' });
    expect(texts(directoryServerProblems(new Error('socket closed')))).toEqual({ general: 'socket closed' });
  });
});

describe('the connection test', () => {
  it('tests the form as shown (the stored password unless one is typed) with the optional user', () => {
    const built = buildDirectoryTest(formWith({ enabled: false }), { userName: '  alice ', password: 'pw' });
    expect(built.ok && built.value).toMatchObject({ userName: 'alice', password: 'pw', settings: { enabled: false, url: SAVED.url } });
    expect(built.ok && 'bindPassword' in built.value.settings).toBe(false);
    const typed = buildDirectoryTest(formWith({ passwordMode: 'replace', password: 'new' }), { userName: '', password: '' });
    expect(typed.ok && typed.value).toEqual({ settings: expect.objectContaining({ bindPassword: 'new' }) });
    const lookUp = buildDirectoryTest(formWith(), { userName: 'alice', password: '' });
    expect(lookUp.ok && Object.keys(lookUp.value).sort()).toEqual(['settings', 'userName']);
  });

  it('needs complete settings even while directory sign-in is off, and a user name for a password', () => {
    const built = buildDirectoryTest(formWith({ enabled: false, url: '' }), { userName: '', password: 'pw' });
    expect(!built.ok && texts(built.problems)).toEqual({ url: 'Name the directory server, e.g. ldaps://dc1.example.com.', testUserName: 'Required.' });
  });

  const result = (change: Partial<DirectoryTestResult>): DirectoryTestResult => ({ ok: false, steps: [], failedStep: null, user: null, ...change });
  const step = (name: DirectoryTestResult['steps'][number]['step'], ok = true) => ({ step: name, ok, message: `${name} message`, ms: 3 });

  it('lists the steps that ran, and after a failure those that did not run', () => {
    const request = buildDirectoryTest(formWith(), { userName: 'alice', password: 'pw' });
    if (!request.ok) throw new Error('not built');
    const context = testContextOf(request.value);
    expect(context).toEqual({ tls: true, serviceAccount: true, baseDn: true, userName: true, password: true });
    const failed = testReport(result({ steps: [step('settings'), step('connect'), step('tls', false)], failedStep: 'tls' }), context);
    expect(failed.ran.map((r) => `${r.step}:${r.ok}`)).toEqual(['settings:true', 'connect:true', 'tls:false']);
    expect(failed.notRun).toEqual(['bind', 'search', 'user-bind', 'groups']);
    // Without a user and without TLS, nothing of the user's is missing.
    const plain = testReport(result({ steps: [step('settings'), step('connect', false)], failedStep: 'connect' }), { tls: false, serviceAccount: true, baseDn: false, userName: false, password: false });
    expect(plain.notRun).toEqual(['bind']);
    expect(testReport(result({ ok: true, steps: [step('settings'), step('connect'), step('bind')] }), context).notRun).toEqual([]);
  });

  it("names the test user's Printdeck groups as the console does (built-in roles translated)", () => {
    const groups: UserGroup[] = [
      { id: 2, name: 'Operators', description: '', builtin: 'operator', permissions: {}, directoryGroups: ['Print Operators'], memberCount: 0 },
      { id: 7, name: 'Help desk', description: '', builtin: null, permissions: {}, directoryGroups: [], memberCount: 0 },
    ];
    expect(printdeckGroupNames(i18nJa.t, [{ id: 2, name: 'Operators' }, { id: 7, name: 'Help desk' }, { id: 9, name: 'Gone' }], groups)).toEqual(['オペレーター', 'Help desk', 'Gone']);
    expect(directoryMappings(groups).map((m) => [m.group.id, m.directoryGroups])).toEqual([[2, ['Print Operators']]]);
  });
});
