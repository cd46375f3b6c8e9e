import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  DIRECTORY_PRESETS,
  DIRECTORY_TEST_STEPS,
  directorySettingsUpdateSchema,
  type DirectoryKind,
  type DirectorySettings,
  type DirectorySettingsUpdate,
  type DirectoryTestResult,
  type DirectoryTestStep,
  type UserGroup,
} from '../../../src-shared/contract/accounts.contract';
import { flattenIssues } from '../../../src-shared/rpc/schema-issues';
import { problemOfIssue } from '../discovery/discovery-validation';
import { formProblemText, type FormProblem, type NumberDraft } from '../forms/form-problems';
import { groupLabel } from './function-labels';

/**
 * The directory (LDAP) settings form: its draft, the presets a kind fills in, and its
 * translation into accounts.updateDirectory / accounts.testDirectory. The checks mirror the
 * server's (the contract's schema, then what cannot work: StartTLS on ldaps://, a filter without
 * {user}, a service account without a password …), worded in the UI language and placed under
 * their field; the server's own refusal lands under the field its `details.field` names.
 * The service account's password is write-only: the form knows only whether one is stored.
 */

/** What Save does with the stored service account password. */
export type PasswordMode = 'keep' | 'replace' | 'clear';

export interface DirectoryForm {
  enabled: boolean;
  kind: DirectoryKind;
  url: string;
  startTls: boolean;
  verifyCertificate: boolean;
  caCertificate: string;
  bindDn: string;
  /** 'keep' while one is stored and untouched; 'replace' types a new one (the only mode while none is stored); 'clear' removes it. */
  passwordMode: PasswordMode;
  /** Typed now (never the stored one, which the console never sees). */
  password: string;
  passwordSet: boolean;
  userDnTemplate: string;
  baseDn: string;
  userFilter: string;
  userNameAttribute: string;
  displayNameAttribute: string;
  groupsAttribute: string;
  groupSearchEnabled: boolean;
  groupSearchBaseDn: string;
  groupSearchFilter: string;
  /** The contract holds milliseconds; the form whole seconds. */
  timeoutSeconds: NumberDraft;
}

export type DirectoryField =
  | 'url'
  | 'startTls'
  | 'caCertificate'
  | 'bindDn'
  | 'bindPassword'
  | 'userDnTemplate'
  | 'baseDn'
  | 'userFilter'
  | 'userNameAttribute'
  | 'displayNameAttribute'
  | 'groupsAttribute'
  | 'groupSearch.baseDn'
  | 'groupSearch.filter'
  | 'timeoutMs'
  | 'general';

/** The test card's own fields. */
export type DirectoryTestField = DirectoryField | 'testUserName';

/** A rule of the directory settings, worded by `directoryProblemText`. */
export type DirectoryRule =
  | 'url'
  | 'filter'
  | 'pem'
  | 'attribute'
  | 'needsUser'
  | 'templateNeedsUser'
  | 'groupNeedsDnOrUser'
  | 'startTlsWithLdaps'
  | 'urlRequired'
  | 'passwordRequired'
  | 'passwordToChange'
  | 'bindOrTemplate'
  | 'groupSource';

export type DirectoryProblem = FormProblem | { key: 'directory'; rule: DirectoryRule };
export type DirectoryProblems<F extends string = DirectoryField> = Partial<Record<F, DirectoryProblem>>;

/** A form turned into a request, or the problems per field keeping it from being sent. */
export type BuiltDirectory<T, F extends string = DirectoryField> = { ok: true; value: T } | { ok: false; problems: DirectoryProblems<F> };

/** The contract's timeout bounds (1 000 – 60 000 ms) in seconds. */
export const TIMEOUT_SECONDS = { min: 1, max: 60 } as const;

const ATTRIBUTE_FIELDS = ['userNameAttribute', 'displayNameAttribute', 'groupsAttribute'] as const;

const FIELDS: ReadonlySet<string> = new Set<DirectoryField>([
  'url',
  'startTls',
  'caCertificate',
  'bindDn',
  'bindPassword',
  'userDnTemplate',
  'baseDn',
  'userFilter',
  ...ATTRIBUTE_FIELDS,
  'groupSearch.baseDn',
  'groupSearch.filter',
  'timeoutMs',
]);

function isDirectoryField(value: string): value is DirectoryField {
  return FIELDS.has(value);
}

/** Where a problem at `path` of the update is shown ("groupSearch" alone: under its filter). */
export function directoryFieldOfPath(path: readonly PropertyKey[]): DirectoryField {
  const key = path.slice(0, 2).map(String).join('.');
  if (isDirectoryField(key)) return key;
  if (path[0] === 'groupSearch') return 'groupSearch.filter';
  return 'general';
}

/** The form showing the stored settings. */
export function directoryFormOf(settings: DirectorySettings): DirectoryForm {
  return {
    enabled: settings.enabled,
    kind: settings.kind,
    url: settings.url,
    startTls: settings.startTls,
    verifyCertificate: settings.verifyCertificate,
    caCertificate: settings.caCertificate,
    bindDn: settings.bindDn,
    passwordMode: settings.bindPasswordSet ? 'keep' : 'replace',
    password: '',
    passwordSet: settings.bindPasswordSet,
    userDnTemplate: settings.userDnTemplate,
    baseDn: settings.baseDn,
    userFilter: settings.userFilter,
    userNameAttribute: settings.userNameAttribute,
    displayNameAttribute: settings.displayNameAttribute,
    groupsAttribute: settings.groupsAttribute,
    groupSearchEnabled: settings.groupSearch !== null,
    groupSearchBaseDn: settings.groupSearch?.baseDn ?? '',
    groupSearchFilter: settings.groupSearch?.filter ?? '',
    timeoutSeconds: Math.round(settings.timeoutMs / 1000),
  };
}

/** The form has something Save would change. */
export function isDirty(form: DirectoryForm, saved: DirectorySettings): boolean {
  return JSON.stringify(form) !== JSON.stringify(directoryFormOf(saved));
}

/**
 * The form with the preset of `kind`: its user filter, attributes and group search (the
 * server, base DN and service account stay as typed). "Other" resets them to the plain defaults.
 */
export function applyPreset(form: DirectoryForm, kind: DirectoryKind): DirectoryForm {
  const { fields } = DIRECTORY_PRESETS[kind];
  return {
    ...form,
    kind,
    userFilter: fields.userFilter,
    userNameAttribute: fields.userNameAttribute,
    displayNameAttribute: fields.displayNameAttribute,
    groupsAttribute: fields.groupsAttribute,
    groupSearchEnabled: fields.groupSearch !== null,
    groupSearchBaseDn: fields.groupSearch?.baseDn ?? '',
    groupSearchFilter: fields.groupSearch?.filter ?? '',
  };
}

/** The group search switched on (with the preset's filter, else the groupOfNames one, when none was typed) or off (what was typed stays for later). */
export function withGroupSearch(form: DirectoryForm, enabled: boolean): DirectoryForm {
  const filter = form.groupSearchFilter.trim() === '' ? (DIRECTORY_PRESETS[form.kind].fields.groupSearch?.filter ?? DIRECTORY_PRESETS.openldap.fields.groupSearch?.filter ?? '') : form.groupSearchFilter;
  return { ...form, groupSearchEnabled: enabled, groupSearchFilter: enabled ? filter : form.groupSearchFilter };
}

/** What each kind's fields look like (placeholders: examples, never sent). */
export const DIRECTORY_EXAMPLES: Readonly<Record<DirectoryKind, { url: string; bindDn: string; userDnTemplate: string; baseDn: string }>> = {
  'active-directory': { url: 'ldaps://dc1.example.com', bindDn: 'CN=printdeck,OU=Service Accounts,DC=example,DC=com', userDnTemplate: '{user}@example.com', baseDn: 'DC=example,DC=com' },
  domino: { url: 'ldap://domino.example.com', bindDn: 'CN=printdeck,O=Example', userDnTemplate: 'CN={user},O=Example', baseDn: 'O=Example' },
  openldap: { url: 'ldap://ldap.example.com', bindDn: 'cn=printdeck,ou=services,dc=example,dc=com', userDnTemplate: 'uid={user},ou=people,dc=example,dc=com', baseDn: 'dc=example,dc=com' },
  other: { url: 'ldap://ldap.example.com', bindDn: 'cn=printdeck,ou=services,dc=example,dc=com', userDnTemplate: 'uid={user},ou=people,dc=example,dc=com', baseDn: 'dc=example,dc=com' },
};

/** The connection is encrypted (ldaps://, or StartTLS on ldap://): the certificate settings matter. */
export function usesTls(form: Pick<DirectoryForm, 'url' | 'startTls'>): boolean {
  return isLdaps(form.url) || form.startTls;
}

export function isLdaps(url: string): boolean {
  return url.trim().toLowerCase().startsWith('ldaps://');
}

/** What bindPassword sends: absent keeps the stored one, null clears it, a string replaces it; nothing without a service account. */
function bindPasswordOf(form: DirectoryForm): string | null | undefined {
  if (form.bindDn.trim() === '') return undefined;
  if (form.passwordMode === 'clear') return form.passwordSet ? null : undefined;
  if (form.passwordMode === 'replace' && form.password !== '') return form.password;
  return undefined;
}

/** The contract's rules a schema issue broke, in the form's words where it has some. */
function problemOfSchemaIssue(field: DirectoryField, issue: z.core.$ZodIssue): DirectoryProblem {
  if (issue.code === 'custom' || issue.code === 'invalid_format') {
    if (field === 'url') return { key: 'directory', rule: 'url' };
    if (field === 'userFilter' || field === 'groupSearch.filter') return { key: 'directory', rule: 'filter' };
    if (field === 'caCertificate') return { key: 'directory', rule: 'pem' };
    if ((ATTRIBUTE_FIELDS as readonly string[]).includes(field)) return { key: 'directory', rule: 'attribute' };
  }
  return problemOfIssue(issue);
}

function add<F extends string>(problems: DirectoryProblems<F>, field: F, problem: DirectoryProblem): void {
  problems[field] ??= problem;
}

/**
 * The update the form describes, or the problems keeping it from being saved. `complete`: what
 * is missing counts too (on when directory sign-in is enabled, and for a test — as on the
 * server). Never throws.
 */
export function buildDirectoryUpdate(form: DirectoryForm, complete: boolean = form.enabled): BuiltDirectory<DirectorySettingsUpdate> {
  const problems: DirectoryProblems = {};
  const rule = (field: DirectoryField, r: DirectoryRule): void => add(problems, field, { key: 'directory', rule: r });
  const url = form.url.trim();
  const bindDn = form.bindDn.trim();
  const template = form.userDnTemplate.trim();
  const userFilter = form.userFilter.trim();
  const groupFilter = form.groupSearchFilter.trim();

  // Contradictions: whether enabled or not.
  if (form.startTls && isLdaps(url)) rule('startTls', 'startTlsWithLdaps');
  if (userFilter === '') add(problems, 'userFilter', { key: 'required' });
  else if (!userFilter.includes('{user}')) rule('userFilter', 'needsUser');
  if (bindDn === '' && template !== '' && !template.includes('{user}')) rule('userDnTemplate', 'templateNeedsUser');
  if (form.groupSearchEnabled) {
    if (groupFilter === '') add(problems, 'groupSearch.filter', { key: 'required' });
    else if (!/\{(dn|user)\}/.test(groupFilter)) rule('groupSearch.filter', 'groupNeedsDnOrUser');
  }
  if (bindDn !== '' && form.passwordSet && form.passwordMode === 'replace' && form.password === '') rule('bindPassword', 'passwordToChange');
  if (form.timeoutSeconds === '') add(problems, 'timeoutMs', { key: 'required' });
  else if (form.timeoutSeconds < TIMEOUT_SECONDS.min) add(problems, 'timeoutMs', { key: 'atLeast', limit: TIMEOUT_SECONDS.min });
  else if (form.timeoutSeconds > TIMEOUT_SECONDS.max) add(problems, 'timeoutMs', { key: 'atMost', limit: TIMEOUT_SECONDS.max });
  else if (!Number.isInteger(form.timeoutSeconds)) add(problems, 'timeoutMs', { key: 'wholeNumber' });

  // What is missing: when it has to work.
  if (complete) {
    if (url === '') rule('url', 'urlRequired');
    const passwordWillBeSet = form.passwordMode === 'replace' ? form.password !== '' || form.passwordSet : form.passwordMode === 'keep' && form.passwordSet;
    if (bindDn !== '' && !passwordWillBeSet) rule('bindPassword', 'passwordRequired');
    if (bindDn === '' && template === '') rule('bindDn', 'bindOrTemplate');
    if (form.groupsAttribute.trim() === '' && !form.groupSearchEnabled) rule('groupsAttribute', 'groupSource');
  }

  const bindPassword = bindPasswordOf(form);
  const candidate = {
    enabled: form.enabled,
    kind: form.kind,
    url,
    startTls: form.startTls,
    verifyCertificate: form.verifyCertificate,
    caCertificate: form.caCertificate.trim(),
    bindDn,
    ...(bindPassword === undefined ? {} : { bindPassword }),
    userDnTemplate: template,
    baseDn: form.baseDn.trim(),
    userFilter,
    userNameAttribute: form.userNameAttribute.trim(),
    displayNameAttribute: form.displayNameAttribute.trim(),
    groupsAttribute: form.groupsAttribute.trim(),
    groupSearch: form.groupSearchEnabled ? { baseDn: form.groupSearchBaseDn.trim(), filter: groupFilter } : null,
    timeoutMs: form.timeoutSeconds === '' ? undefined : Math.round(form.timeoutSeconds * 1000),
  };
  const parsed = directorySettingsUpdateSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of flattenIssues(parsed.error.issues)) {
      const field = directoryFieldOfPath(issue.path);
      add(problems, field, problemOfSchemaIssue(field, issue));
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

export interface DirectoryTestInput {
  userName: string;
  password: string;
}

export interface DirectoryTestRequest {
  settings: DirectorySettingsUpdate;
  userName?: string;
  password?: string;
}

/**
 * accounts.testDirectory for the form as shown (saved or not; the stored password unless one
 * was typed or cleared) and the optional test user: a password without a user name is a problem
 * under the user name; an empty password is not sent (the user is only looked up).
 */
export function buildDirectoryTest(form: DirectoryForm, input: DirectoryTestInput): BuiltDirectory<DirectoryTestRequest, DirectoryTestField> {
  const built = buildDirectoryUpdate(form, true);
  const problems: DirectoryProblems<DirectoryTestField> = built.ok ? {} : { ...built.problems };
  const userName = input.userName.trim();
  if (userName === '' && input.password !== '') add(problems, 'testUserName', { key: 'required' });
  if (!built.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { settings: built.value, ...(userName === '' ? {} : { userName }), ...(userName === '' || input.password === '' ? {} : { password: input.password }) },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A refused save under the field the server names: `details.field` ("groupSearch.filter"),
 * else a router issue or message starting with a field path; the rest under 'general'. The
 * field's name is taken off the front of the message.
 */
export function directoryServerProblems(error: unknown): DirectoryProblems {
  const message = error instanceof Error ? error.message : String(error);
  const details = isRecord(error) ? error.details : undefined;
  const named = (path: string, text: string): DirectoryProblems => {
    const field = directoryFieldOfPath(path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
    const prefix = `${path}: `;
    return { [field]: { key: 'text', text: text.startsWith(prefix) ? text.slice(prefix.length) : text } };
  };
  if (isRecord(details) && typeof details.field === 'string') return named(details.field, message);
  const issues = isRecord(details) && Array.isArray(details.issues) ? details.issues.filter((i): i is string => typeof i === 'string') : [];
  const problems: DirectoryProblems = {};
  for (const issue of issues.length > 0 ? issues : [message]) {
    const match = /^([A-Za-z][\w]*(?:\.[\w]+)*): /.exec(issue);
    const found = match?.[1] === undefined ? {} : named(match[1], issue);
    for (const [field, problem] of Object.entries(found) as [DirectoryField, DirectoryProblem][]) if (field !== 'general') add(problems, field, problem);
  }
  if (Object.keys(problems).length === 0) problems.general = { key: 'text', text: message };
  return problems;
}

/** A problem in the UI language; the server's words as it said them. */
export function directoryProblemText(t: TFunction, problem: DirectoryProblem | undefined): string | null {
  if (problem === undefined) return null;
  if (problem.key === 'directory') return t(`accounts.directory.rules.${problem.rule}`);
  return formProblemText(t, problem);
}

/** One line of the test report. */
export interface TestStepRow {
  step: DirectoryTestStep;
  ok: boolean;
  message: string;
  ms: number;
}

/** What a test was run with: which steps it would take. */
export interface TestContext {
  tls: boolean;
  serviceAccount: boolean;
  baseDn: boolean;
  userName: boolean;
  password: boolean;
}

/** What a request will run. */
export function testContextOf(request: DirectoryTestRequest): TestContext {
  const { settings } = request;
  return {
    tls: isLdaps(settings.url) || settings.startTls,
    serviceAccount: settings.bindDn !== '',
    baseDn: settings.baseDn !== '',
    userName: request.userName !== undefined,
    password: request.password !== undefined,
  };
}

/**
 * The report's steps in the order they ran, and the steps after a failed one that did not run
 * (those the settings would have needed: TLS only with ldaps:// or StartTLS, the service
 * account's bind only with one, the base DN's search without a test user only with a service
 * account and a base DN, the user's steps only with a test user).
 */
export function testReport(result: DirectoryTestResult, context: TestContext): { ran: TestStepRow[]; notRun: DirectoryTestStep[] } {
  const ran = result.steps.map(({ step, ok, message, ms }) => ({ step, ok, message, ms }));
  if (result.ok) return { ran, notRun: [] };
  const wanted = (step: DirectoryTestStep): boolean => {
    switch (step) {
      case 'tls':
        return context.tls;
      case 'bind':
        return context.serviceAccount;
      case 'search':
        return context.userName || (context.serviceAccount && context.baseDn);
      case 'user-bind':
        return context.userName && (context.password || !context.serviceAccount);
      case 'groups':
        return context.userName;
      default:
        return true;
    }
  };
  const done = new Set(ran.map((r) => r.step));
  return { ran, notRun: DIRECTORY_TEST_STEPS.filter((step) => !done.has(step) && wanted(step)) };
}

/** A test user's Printdeck groups by the console's name for them (built-in roles in the UI language). */
export function printdeckGroupNames(t: TFunction, mapped: readonly { id: number; name: string }[], groups: readonly UserGroup[]): string[] {
  return mapped.map((m) => {
    const group = groups.find((g) => g.id === m.id);
    return group ? groupLabel(t, group) : m.name;
  });
}

/** The user groups that map directory groups, with them: what the Groups section of the form lists. */
export function directoryMappings(groups: readonly UserGroup[]): { group: UserGroup; directoryGroups: string[] }[] {
  return groups.filter((g) => g.directoryGroups.length > 0).map((group) => ({ group, directoryGroups: group.directoryGroups }));
}
