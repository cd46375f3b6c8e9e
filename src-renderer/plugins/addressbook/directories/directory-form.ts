import {
  DIRECTORY_TIMEOUT_DEFAULT_MS,
  directoryConnectionDefaults,
  directoryConnectionInputSchema,
  directoryConnectionWarnings,
  type DirectoryConnectionInput,
  type DirectoryConnectionView,
  type DirectorySecurity,
} from '../../../../src-shared/plugins/addressbook/directory-connection';
import type { DirectoryKind, DirectoryMapping } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { flattenIssues } from '../../../../src-shared/rpc/schema-issues';
import type { AddressbookT } from '../addressbook-text';
import type { NumberDraft, PasswordMode } from '../editor/entry-form';

/**
 * The directory connection form: its draft, the presets a kind fills in, and its translation
 * into addressbook.directories.save / test. The checks are the contract's schema (the server's),
 * worded in the UI language per field; the bind password is write-only (kept, replaced, cleared).
 */

export interface DirectoryDraft {
  name: string;
  kind: DirectoryKind;
  host: string;
  port: NumberDraft;
  security: DirectorySecurity;
  verifyCertificate: boolean;
  caCertificate: string;
  bindDn: string;
  passwordSet: boolean;
  passwordMode: PasswordMode;
  password: string;
  baseDn: string;
  filter: string;
  mapping: DirectoryMapping;
  pageSize: NumberDraft;
  sizeLimit: NumberDraft;
  /** The contract holds milliseconds; the form whole seconds. */
  timeoutSeconds: NumberDraft;
}

export const MAPPING_FIELDS = ['name', 'reading', 'mail', 'fax', 'member'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

export type DirectoryField =
  | 'name'
  | 'host'
  | 'port'
  | 'security'
  | 'caCertificate'
  | 'bindDn'
  | 'password'
  | 'baseDn'
  | 'filter'
  | `mapping.${MappingField}`
  | 'pageSize'
  | 'sizeLimit'
  | 'timeoutMs'
  | 'general';

/** A problem, worded by directoryProblemText. */
export type DirectoryProblem =
  | {
      key:
        | 'nameRequired'
        | 'nameTooLong'
        | 'hostRequired'
        | 'hostScheme'
        | 'hostPort'
        | 'host'
        | 'port'
        | 'pem'
        | 'caWithoutTls'
        | 'bindDn'
        | 'passwordWithoutBind'
        | 'passwordEmpty'
        | 'baseDnRequired'
        | 'baseDn'
        | 'filterRequired'
        | 'filter'
        | 'nameAttributeRequired'
        | 'attribute'
        | 'required'
        | 'timeout';
    }
  | { key: 'range'; min: number; max: number }
  | { key: 'text'; text: string };

export type DirectoryProblems = Partial<Record<DirectoryField, DirectoryProblem>>;

/** A new connection of a kind: the preset's filter and mapping, LDAPS with certificate checking. */
export function newDirectoryDraft(kind: DirectoryKind): DirectoryDraft {
  const defaults = directoryConnectionDefaults(kind);
  return {
    name: '',
    kind,
    host: '',
    port: '',
    security: defaults.security,
    verifyCertificate: defaults.verifyCertificate,
    caCertificate: defaults.caCertificate,
    bindDn: '',
    passwordSet: false,
    passwordMode: 'replace',
    password: '',
    baseDn: '',
    filter: defaults.filter,
    mapping: { ...defaults.mapping },
    pageSize: defaults.pageSize,
    sizeLimit: defaults.sizeLimit,
    timeoutSeconds: Math.round(defaults.timeoutMs / 1000),
  };
}

/** Another kind's preset filter and mapping (the rest as typed). */
export function withPreset(draft: DirectoryDraft, kind: DirectoryKind): DirectoryDraft {
  const defaults = directoryConnectionDefaults(kind);
  return { ...draft, kind, filter: defaults.filter, mapping: { ...defaults.mapping } };
}

export function draftOfConnection(connection: DirectoryConnectionView): DirectoryDraft {
  return {
    name: connection.name,
    kind: connection.kind,
    host: connection.host,
    port: connection.port ?? '',
    security: connection.security,
    verifyCertificate: connection.verifyCertificate,
    caCertificate: connection.caCertificate,
    bindDn: connection.bindDn,
    passwordSet: connection.passwordSet,
    passwordMode: connection.passwordSet ? 'keep' : 'replace',
    password: '',
    baseDn: connection.baseDn,
    filter: connection.filter,
    mapping: { ...connection.mapping },
    pageSize: connection.pageSize,
    sizeLimit: connection.sizeLimit,
    timeoutSeconds: Math.round(connection.timeoutMs / 1000),
  };
}

const numberOr = (value: NumberDraft): number => (value === '' ? Number.NaN : value);

/** The connection as the contract takes it (a kept password left out, a cleared one null). */
export function connectionInputOf(draft: DirectoryDraft): DirectoryConnectionInput {
  const input: DirectoryConnectionInput = {
    name: draft.name,
    kind: draft.kind,
    host: draft.host,
    port: draft.port === '' ? null : draft.port,
    security: draft.security,
    verifyCertificate: draft.verifyCertificate,
    caCertificate: draft.security === 'none' ? '' : draft.caCertificate,
    bindDn: draft.bindDn,
    baseDn: draft.baseDn,
    filter: draft.filter,
    mapping: draft.mapping,
    pageSize: numberOr(draft.pageSize),
    sizeLimit: numberOr(draft.sizeLimit),
    timeoutMs: draft.timeoutSeconds === '' ? DIRECTORY_TIMEOUT_DEFAULT_MS : draft.timeoutSeconds * 1000,
  };
  switch (draft.passwordMode) {
    case 'keep':
      return input;
    case 'clear':
      return { ...input, password: null };
    case 'replace':
      return draft.password === '' ? input : { ...input, password: draft.password };
  }
}

const FIELDS: ReadonlySet<string> = new Set<DirectoryField>(['name', 'host', 'port', 'security', 'caCertificate', 'bindDn', 'password', 'baseDn', 'filter', ...MAPPING_FIELDS.map((f) => `mapping.${f}` as const), 'pageSize', 'sizeLimit', 'timeoutMs']);

function isDirectoryField(value: string): value is DirectoryField {
  return FIELDS.has(value);
}

function problemOf(field: DirectoryField, draft: DirectoryDraft, code: string, message: string): DirectoryProblem {
  switch (field) {
    case 'name':
      return { key: draft.name.trim() === '' ? 'nameRequired' : 'nameTooLong' };
    case 'host': {
      const host = draft.host.trim();
      if (host === '') return { key: 'hostRequired' };
      if (/^ldaps?:\/\//i.test(host)) return { key: 'hostScheme' };
      if (/:\d+$/.test(host)) return { key: 'hostPort' };
      return { key: 'host' };
    }
    case 'port':
      return { key: 'port' };
    case 'caCertificate':
      return { key: draft.security === 'none' && draft.caCertificate.trim() !== '' ? 'caWithoutTls' : 'pem' };
    case 'bindDn':
      return { key: draft.bindDn.trim() === '' ? 'passwordWithoutBind' : 'bindDn' };
    case 'password':
      return { key: 'passwordEmpty' };
    case 'baseDn':
      return { key: draft.baseDn.trim() === '' ? 'baseDnRequired' : 'baseDn' };
    case 'filter':
      return { key: draft.filter.trim() === '' ? 'filterRequired' : 'filter' };
    case 'pageSize':
      return draft.pageSize === '' ? { key: 'required' } : { key: 'range', min: 10, max: 5_000 };
    case 'sizeLimit':
      return draft.sizeLimit === '' ? { key: 'required' } : { key: 'range', min: 1, max: 99_999 };
    case 'timeoutMs':
      return { key: 'timeout' };
    case 'mapping.name':
      return { key: draft.mapping.name.trim() === '' ? 'nameAttributeRequired' : 'attribute' };
    case 'mapping.reading':
    case 'mapping.mail':
    case 'mapping.fax':
    case 'mapping.member':
      return { key: 'attribute' };
    default:
      return code === 'invalid_type' ? { key: 'required' } : { key: 'text', text: message };
  }
}

/** The problems of the draft, by the contract's schema, one per field. */
export function directoryProblems(draft: DirectoryDraft): DirectoryProblems {
  const problems: DirectoryProblems = {};
  const parsed = directoryConnectionInputSchema.safeParse(connectionInputOf(draft));
  if (parsed.success) return problems;
  for (const issue of flattenIssues(parsed.error.issues)) {
    const path = issue.path.map(String).join('.');
    const field: DirectoryField = isDirectoryField(path) ? path : 'general';
    problems[field] ??= problemOf(field, draft, issue.code, issue.message);
  }
  return problems;
}

export function directoryProblemText(tp: AddressbookT, problem: DirectoryProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'range':
      return tp('directories.errors.range', { min: problem.min.toLocaleString(), max: problem.max.toLocaleString() });
    case 'text':
      return problem.text;
    default:
      return tp(`directories.errors.${problem.key}`);
  }
}

/** What the form shows next to settings that work but are weaker than they could be, in the UI language. */
export function warningTexts(tp: AddressbookT, draft: Pick<DirectoryDraft, 'host' | 'security' | 'verifyCertificate' | 'bindDn'>): { code: string; text: string }[] {
  return directoryConnectionWarnings({ host: draft.host.trim(), security: draft.security, verifyCertificate: draft.verifyCertificate, bindDn: draft.bindDn.trim() }).map((warning) => {
    switch (warning.code) {
      case 'plain-ldap':
        return { code: warning.code, text: draft.bindDn.trim() === '' ? tp('directories.warnings.plainLdap') : tp('directories.warnings.plainLdapBind') };
      case 'certificate-not-checked':
        return { code: warning.code, text: tp('directories.warnings.certificateNotChecked') };
      case 'anonymous':
        return { code: warning.code, text: tp('directories.warnings.anonymous') };
    }
  });
}
