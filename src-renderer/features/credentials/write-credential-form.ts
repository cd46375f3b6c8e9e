import { adminCredentialSchema, type CredentialStatus } from '../../../src-shared/contract/credentials.contract';
import { credentialSchema, type Credential } from '../../../src-shared/contract/discovery.contract';
import type { FieldProblem } from '../discovery/discovery-validation';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, SNMP_VERSIONS, V3_LEVELS } from '../discovery/discovery-form';

/**
 * The write credentials dialog ("same for the selected devices", or a group's default): an SNMP
 * write community (v1/v2c) or SNMPv3 user with its keys, and optionally the device
 * administrator's ID and password. What is left empty is kept as stored. Pure.
 */

export interface WriteCredentialDraft {
  /** 'keep': leave the stored SNMP write credential as it is; 'clear': remove it. */
  snmp: 'set' | 'keep' | 'clear';
  version: (typeof SNMP_VERSIONS)[number];
  community: string;
  user: string;
  level: (typeof V3_LEVELS)[number];
  authProtocol: (typeof AUTH_PROTOCOLS)[number];
  authKey: string;
  privProtocol: (typeof PRIV_PROTOCOLS)[number];
  privKey: string;
  /** 'keep' unless the person sets or clears the administrator. */
  admin: 'set' | 'keep' | 'clear';
  adminId: string;
  adminPassword: string;
}

export type WriteCredentialField = 'community' | 'user' | 'authKey' | 'privKey' | 'adminId' | 'adminPassword' | 'general';

export function initialWriteCredentialDraft(): WriteCredentialDraft {
  return { snmp: 'set', version: 'v2c', community: '', user: '', level: 'authPriv', authProtocol: 'sha', authKey: '', privProtocol: 'aes', privKey: '', admin: 'keep', adminId: '', adminPassword: '' };
}

/** A change for credentials.setForDevices / setForGroup: a value, null to clear, absent to keep. */
export interface CredentialChange {
  snmpWrite?: Credential | null;
  admin?: { id: string; password: string } | null;
}

function fieldOfPath(path: readonly PropertyKey[]): WriteCredentialField {
  const head = path[0];
  return head === 'community' || head === 'user' || head === 'authKey' || head === 'privKey' ? head : 'general';
}

/** The SNMP write credential the draft describes (the contract's schema decides), or the problems under their fields. */
export function buildWriteCredential(draft: WriteCredentialDraft): { ok: true; value: Credential } | { ok: false; problems: Partial<Record<WriteCredentialField, FieldProblem>> } {
  const problems: Partial<Record<WriteCredentialField, FieldProblem>> = {};
  const add = (field: WriteCredentialField, problem: FieldProblem) => {
    problems[field] ??= problem;
  };
  let candidate: unknown;
  if (draft.version === 'v3') {
    const auth = draft.level !== 'noAuthNoPriv';
    const priv = draft.level === 'authPriv';
    if (draft.user.trim() === '') add('user', { key: 'required' });
    if (auth && draft.authKey === '') add('authKey', { key: 'required' });
    if (priv && draft.privKey === '') add('privKey', { key: 'required' });
    candidate = {
      version: 'v3',
      user: draft.user.trim(),
      level: draft.level,
      ...(auth ? { authProtocol: draft.authProtocol, authKey: draft.authKey } : {}),
      ...(priv ? { privProtocol: draft.privProtocol, privKey: draft.privKey } : {}),
    };
  } else {
    if (draft.community === '') add('community', { key: 'required' });
    candidate = { version: draft.version, community: draft.community };
  }
  const parsed = credentialSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (issue.code === 'too_small' && typeof issue.minimum === 'number' && issue.minimum > 1) add(field, { key: 'minLength', limit: issue.minimum });
      else if (issue.code === 'too_big' && typeof issue.maximum === 'number') add(field, { key: 'tooLong', limit: issue.maximum });
      else add(field, { key: 'required' });
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

/** The whole change the dialog saves, or the problems under their fields. Nothing to change is a problem under 'general'. */
export function buildCredentialChange(draft: WriteCredentialDraft): { ok: true; value: CredentialChange } | { ok: false; problems: Partial<Record<WriteCredentialField, FieldProblem>> } {
  const problems: Partial<Record<WriteCredentialField, FieldProblem>> = {};
  const change: CredentialChange = {};
  if (draft.snmp === 'set') {
    const built = buildWriteCredential(draft);
    if (built.ok) change.snmpWrite = built.value;
    else Object.assign(problems, built.problems);
  } else if (draft.snmp === 'clear') change.snmpWrite = null;
  if (draft.admin === 'set') {
    const parsed = adminCredentialSchema.safeParse({ id: draft.adminId, password: draft.adminPassword });
    if (draft.adminId.trim() === '') problems.adminId = { key: 'required' };
    if (draft.adminPassword === '') problems.adminPassword = { key: 'required' };
    if (parsed.success) change.admin = parsed.data;
    else problems.adminId ??= { key: 'tooLong', limit: 128 };
  } else if (draft.admin === 'clear') change.admin = null;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (change.snmpWrite === undefined && change.admin === undefined) return { ok: false, problems: { general: { key: 'required' } } };
  return { ok: true, value: change };
}

/** How a stored write credential reads: "SNMP v2c community", "SNMPv3 user ops", or null when none is stored. */
export function snmpWriteSummary(status: CredentialStatus['snmpWrite']): { version: 'v1' | 'v2c' | 'v3'; user: string | null } | null {
  if (!status.set || status.version === null) return null;
  return { version: status.version, user: status.v3User };
}
