import { z } from 'zod';
import { directorySettingsSchema, type DirectorySettings, type DirectorySettingsUpdate, type DirectoryTestResult } from '../../../src-shared/contract/accounts.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { Clock } from '../monitor/clock';
import { SecretStoreError, type SecretStore } from '../secrets/secret-store';
import type { AccountsRepository } from '../store/accounts.repository';
import { mappedGroupIds } from './auth.service';
import type { DirectoryAuthenticator } from './directory';
import { createLdapDirectory, type LdapDirectoryConfig } from './ldap-directory';

/**
 * The directory sign-in settings: stored as JSON in account_settings.directory with the service
 * account's password sealed (SecretStore), shown through the contract with only
 * `bindPasswordSet`, checked before they are saved, and turned into the LDAP adapter at each
 * sign-in (so a change applies at once and hosts need to pass nothing).
 */

const storedSchema = directorySettingsSchema.omit({ bindPasswordSet: true }).extend({
  bindPasswordSealed: z.string().nullable().default(null),
  updatedAt: z.number().nullable().default(null),
});
export type StoredDirectorySettings = z.infer<typeof storedSchema>;

/** The settings' own fields, without the password or its state. */
export type DirectoryFields = Omit<DirectorySettings, 'bindPasswordSet' | 'updatedAt'>;

/** The stored settings; missing or unreadable JSON reads as "off" with the defaults (only this file writes it). */
export function readDirectorySettings(json: string | null): StoredDirectorySettings {
  if (json !== null) {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data;
    } catch {
      // Damaged JSON: the defaults below; the next save writes a good row.
    }
  }
  return storedSchema.parse({ enabled: false, url: '' });
}

export function toContractDirectory(stored: StoredDirectorySettings): DirectorySettings {
  const { bindPasswordSealed, ...rest } = stored;
  return { ...rest, bindPasswordSet: bindPasswordSealed !== null };
}

/**
 * The stored form of an update: a password left out keeps the stored one, null clears it, a
 * string is sealed; without a service account no password is kept. Throws AppError
 * 'invalid-argument' naming the field when the settings cannot work.
 */
export function applyDirectoryUpdate(current: StoredDirectorySettings, update: DirectorySettingsUpdate, secrets: SecretStore, now: number): StoredDirectorySettings {
  const { bindPassword, ...fields } = update;
  const kept = bindPassword === undefined ? current.bindPasswordSealed : bindPassword === null ? null : seal(secrets, bindPassword);
  const next: StoredDirectorySettings = { ...fields, bindPasswordSealed: fields.bindDn === '' ? null : kept, updatedAt: now };
  const problem = directoryProblem(next, next.bindPasswordSealed !== null, next.enabled);
  if (problem) throw new AppError('invalid-argument', `${problem.field}: ${problem.message}`, { field: problem.field });
  return next;
}

/**
 * Why settings cannot work, naming the field, or null. Contradictions always count; what is
 * missing only when `complete` (enabled, or being tested).
 */
export function directoryProblem(fields: DirectoryFields, passwordSet: boolean, complete: boolean): { field: string; message: string } | null {
  if (fields.startTls && fields.url.startsWith('ldaps://')) return { field: 'startTls', message: 'ldaps:// is TLS from the start: use ldap:// with StartTLS, or ldaps:// without it' };
  if (!fields.userFilter.includes('{user}')) return { field: 'userFilter', message: 'the user filter must contain {user}, e.g. (uid={user})' };
  if (fields.bindDn === '' && fields.userDnTemplate !== '' && !fields.userDnTemplate.includes('{user}')) {
    return { field: 'userDnTemplate', message: 'the template must contain {user}, e.g. uid={user},ou=people,dc=example,dc=com or {user}@example.com' };
  }
  if (fields.groupSearch && !/\{(dn|user)\}/.test(fields.groupSearch.filter)) {
    return { field: 'groupSearch.filter', message: 'the group filter must contain {dn} or {user}, e.g. (&(objectClass=groupOfNames)(member={dn}))' };
  }
  if (!complete) return null;
  if (fields.url === '') return { field: 'url', message: 'name the directory server, e.g. ldap://dc1.example.com or ldaps://dc1.example.com' };
  if (fields.bindDn !== '' && !passwordSet) return { field: 'bindPassword', message: 'the service account needs its password' };
  if (fields.bindDn === '' && fields.userDnTemplate === '') {
    return { field: 'bindDn', message: 'give a service account that looks users up, or a user DN template (uid={user},ou=people,dc=example,dc=com or {user}@example.com) to bind with directly' };
  }
  if (fields.groupsAttribute === '' && fields.groupSearch === null) {
    return { field: 'groupsAttribute', message: 'users get their Printdeck groups from their directory groups: name the groups attribute (memberOf) or a group search' };
  }
  return null;
}

export interface DirectorySettingsDeps {
  accounts: AccountsRepository;
  secrets: SecretStore;
  clock: Clock;
}

type ConfigOutcome = { ok: true; config: LdapDirectoryConfig } | { ok: false; message: string };
/** Where the service account's password comes from: the stored (sealed) one, or one typed for a test. */
type PasswordSource = { sealed: string | null } | { plain: string | null };

/** Reads and saves the directory settings, tests them, and builds the authenticator sign-ins use. */
export class DirectorySettingsService {
  constructor(private readonly deps: DirectorySettingsDeps) {}

  stored(): StoredDirectorySettings {
    return readDirectorySettings(this.deps.accounts.getSettings().directory);
  }

  get(): DirectorySettings {
    return toContractDirectory(this.stored());
  }

  update(update: DirectorySettingsUpdate): DirectorySettings {
    const next = applyDirectoryUpdate(this.stored(), update, this.deps.secrets, this.deps.clock.now());
    this.deps.accounts.updateSettings({ ...this.deps.accounts.getSettings(), directory: JSON.stringify(next) });
    return toContractDirectory(next);
  }

  /** The AuthService's `directory`: the saved settings' adapter, null while directory sign-in is off. */
  authenticator = (): DirectoryAuthenticator | null => {
    const stored = this.stored();
    if (!stored.enabled) return null;
    const outcome = this.configOf(stored, { sealed: stored.bindPasswordSealed });
    if (!outcome.ok) {
      const message = `misconfigured: ${outcome.message}`;
      return { authenticate: () => Promise.resolve({ ok: false, reason: 'misconfigured', message }) };
    }
    return createLdapDirectory(outcome.config);
  };

  /** The "test" of the settings form: every step reported, nobody created. Never throws for a directory problem. */
  async test(args: { settings?: DirectorySettingsUpdate; userName?: string; password?: string }): Promise<DirectoryTestResult> {
    const stored = this.stored();
    let fields: DirectoryFields = stored;
    let source: PasswordSource = { sealed: stored.bindPasswordSealed };
    if (args.settings) {
      const { bindPassword, ...rest } = args.settings;
      fields = rest;
      if (bindPassword !== undefined) source = { plain: bindPassword };
    }
    const outcome = this.configOf(fields, source);
    if (!outcome.ok) return { ok: false, steps: [{ step: 'settings', ok: false, message: outcome.message, ms: 0 }], failedStep: 'settings', user: null };
    const how = fields.bindDn ? `service account ${fields.bindDn}` : `direct bind as ${fields.userDnTemplate}`;
    const settingsStep = { step: 'settings' as const, ok: true, message: `${fields.url}${fields.startTls ? ' with StartTLS' : ''}, ${how}`, ms: 0 };
    const probe = await createLdapDirectory(outcome.config).probe({ userName: args.userName, password: args.password });
    const steps = [settingsStep, ...probe.steps];
    const groups = this.deps.accounts.listGroups();
    const user = probe.user && args.userName !== undefined ? { ...probe.user, printdeckGroups: mappedGroupIds(groups, probe.user.groups).map((id) => ({ id, name: groups.find((g) => g.id === id)?.name ?? String(id) })) } : null;
    if (!probe.ok) return { ok: false, steps, failedStep: probe.failedStep, user };
    const last = steps[steps.length - 1];
    if (user && last?.step === 'groups') {
      if (user.printdeckGroups.length === 0) {
        steps[steps.length - 1] = { ...last, ok: false, message: `${last.message}; none is a directory group of a Printdeck group, so this user would be refused (add one to a group's directory groups)` };
        return { ok: false, steps, failedStep: 'groups', user };
      }
      steps[steps.length - 1] = { ...last, message: `${last.message}; Printdeck groups: ${user.printdeckGroups.map((g) => g.name).join(', ')}` };
    }
    return { ok: true, steps, failedStep: null, user };
  }

  private configOf(fields: DirectoryFields, source: PasswordSource): ConfigOutcome {
    const passwordSet = 'sealed' in source ? source.sealed !== null : source.plain !== null;
    const problem = directoryProblem(fields, passwordSet, true);
    if (problem) return { ok: false, message: `${problem.field}: ${problem.message}` };
    let bindPassword = '';
    if (fields.bindDn !== '') {
      if ('plain' in source) bindPassword = source.plain ?? '';
      else {
        try {
          bindPassword = source.sealed === null ? '' : this.deps.secrets.open(source.sealed);
        } catch (error) {
          if (!(error instanceof SecretStoreError)) throw error;
          return { ok: false, message: `bindPassword: the stored password cannot be used (${error.message})` };
        }
      }
    }
    const { url, startTls, verifyCertificate, caCertificate, bindDn, userDnTemplate, baseDn, userFilter, userNameAttribute, displayNameAttribute, groupsAttribute, groupSearch, timeoutMs } = fields;
    return {
      ok: true,
      config: { url, startTls, verifyCertificate, caCertificate, bindDn, bindPassword, userDnTemplate, baseDn, userFilter, userNameAttribute, displayNameAttribute, groupsAttribute, groupSearch, timeoutMs },
    };
  }
}

function seal(secrets: SecretStore, text: string): string {
  try {
    return secrets.seal(text);
  } catch (error) {
    if (error instanceof SecretStoreError) throw new AppError('internal', `the password cannot be stored: ${error.message}`);
    throw error;
  }
}
