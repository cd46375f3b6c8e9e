import type { credentialsContract, CredentialStatus } from '../../../src-shared/contract/credentials.contract';
import { credentialSchema, type Credential } from '../../../src-shared/contract/discovery.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { SecretStore } from '../secrets/secret-store';
import type { CredentialsRepository, StoredCredentials } from '../store/credentials.repository';
import type { DevicesRepository } from '../store/devices.repository';
import type { WriteAccessTester } from './write-access-test';

type CredentialsImpl = ServiceImpl<typeof credentialsContract>;

/** What a task needs to write to a device: the SNMP write credential and the administrator, opened. */
export interface DeviceWriteCredentials {
  snmpWrite: Credential | null;
  admin: { id: string; password: string } | null;
  /**
   * Why a stored value could not be opened (the SecretStore's message: which key file, what
   * to do); the value it belongs to is null then, and stays sealed in the vault. Null otherwise.
   */
  problem: string | null;
}

/** A sealed value opened, or why it could not be. */
type Opened<T> = { value: T | null; problem: string | null };

export interface CredentialsVaultDeps {
  repository: CredentialsRepository;
  devices: DevicesRepository;
  secrets: SecretStore;
  tester: WriteAccessTester;
  now: () => number;
}

/**
 * The device credentials vault (whitepaper §3.2.3): write access per device, or by default per
 * static group, sealed with the SecretStore. The contract only ever sees "set / not set" and the
 * non-secret parts (version, v3 user, administrator ID); tasks open them with `forDevice`.
 */
export class CredentialsVault implements CredentialsImpl {
  constructor(private readonly deps: CredentialsVaultDeps) {}

  /** The credentials a task writes to a device with: its own, else its first static group's default. A key that no longer opens gives `problem`, never a silent "none". */
  forDevice(deviceId: number): DeviceWriteCredentials {
    return this.forDevices([deviceId]).get(deviceId) ?? { snmpWrite: null, admin: null, problem: null };
  }

  /** `forDevice` for many devices with a few queries (a task over a fleet); every sealed value is opened once. */
  forDevices(deviceIds: readonly number[]): Map<number, DeviceWriteCredentials> {
    const own = this.deps.repository.getMany('device', deviceIds);
    const memberships = this.deps.repository.groupsOfMany(deviceIds);
    const groupRows = this.deps.repository.getMany('group', [...new Set([...memberships.values()].flat().map((g) => g.id))]);
    const opened = new Map<string, Opened<Credential>>();
    const open = (sealed: string | null): Opened<Credential> => {
      if (sealed === null) return { value: null, problem: null };
      const known = opened.get(sealed) ?? this.openCredential(sealed);
      opened.set(sealed, known);
      return known;
    };
    const result = new Map<number, DeviceWriteCredentials>();
    for (const id of deviceIds) {
      const mine = own.get(id) ?? null;
      const group = (memberships.get(id) ?? []).map((g) => groupRows.get(g.id)).find((row) => row && (row.snmpWrite !== null || row.adminId !== null)) ?? null;
      const snmpRow = mine?.snmpWrite ? mine : group?.snmpWrite ? group : null;
      const adminRow = mine?.adminId ? mine : group?.adminId ? group : null;
      const snmpWrite = snmpRow ? open(snmpRow.snmpWrite) : { value: null, problem: null };
      const admin = adminRow ? this.openAdmin(adminRow) : { value: null, problem: null };
      result.set(id, { snmpWrite: snmpWrite.value, admin: admin.value, problem: snmpWrite.problem ?? admin.problem });
    }
    return result;
  }

  get: CredentialsImpl['get'] = ({ deviceIds }) => {
    const known = new Set(this.deps.devices.listDevicesByIds(deviceIds).map((d) => d.id));
    return { devices: deviceIds.filter((id) => known.has(id)).map((deviceId) => ({ deviceId, ...this.status(deviceId) })) };
  };

  setForDevices: CredentialsImpl['setForDevices'] = ({ deviceIds, snmpWrite, admin }, context) => ({
    updated: this.deps.repository.putMany('device', [...new Set(deviceIds)], (current) => this.next(current, snmpWrite, admin, context.caller?.userName ?? null)),
  });

  getGroup: CredentialsImpl['getGroup'] = ({ groupId }) => {
    const name = this.deps.repository.groupName(groupId);
    if (name === null) throw new AppError('not-found', `There is no device group ${groupId}.`);
    return this.statusOf(null, { id: groupId, name, row: this.deps.repository.get('group', groupId) });
  };

  setForGroup: CredentialsImpl['setForGroup'] = ({ groupId, snmpWrite, admin }, context) => {
    if (this.deps.repository.groupName(groupId) === null) throw new AppError('not-found', `There is no device group ${groupId}.`);
    this.deps.repository.putMany('group', [groupId], (current) => this.next(current, snmpWrite, admin, context.caller?.userName ?? null));
    return this.getGroup({ groupId }, context);
  };

  test: CredentialsImpl['test'] = async ({ deviceId, snmpWrite }) => {
    const target = this.deps.devices.listPollTargets().find((t) => t.id === deviceId);
    if (!target) throw new AppError('not-found', `There is no device ${deviceId}.`);
    const stored = snmpWrite ? null : this.forDevice(deviceId);
    const credential = snmpWrite ?? stored?.snmpWrite;
    if (!credential && stored?.problem) return { ok: false, step: 'no-credentials', message: `The stored SNMP write credential cannot be used: ${stored.problem}` };
    if (!credential) return { ok: false, step: 'no-credentials', message: 'No SNMP write credential is stored for this device or its groups.' };
    return this.deps.tester.test({ host: target.address, port: target.port }, credential);
  };

  private status(deviceId: number): CredentialStatus {
    const { own, group } = this.rows(deviceId);
    return this.statusOf(own, group);
  }

  private statusOf(own: StoredCredentials | null, group: { id: number; name: string; row: StoredCredentials | null } | null): CredentialStatus {
    const fromGroup = (has: (row: StoredCredentials) => boolean) => (group?.row && has(group.row) ? { kind: 'group' as const, groupId: group.id, groupName: group.name } : null);
    const snmpSource = own?.snmpWrite ? { kind: 'device' as const, groupId: null, groupName: null } : fromGroup((r) => r.snmpWrite !== null);
    const adminSource = own?.adminId ? { kind: 'device' as const, groupId: null, groupName: null } : fromGroup((r) => r.adminId !== null);
    const snmpRow = snmpSource?.kind === 'device' ? own : snmpSource ? group?.row : null;
    const adminRow = adminSource?.kind === 'device' ? own : adminSource ? group?.row : null;
    const credential = snmpRow ? this.openCredential(snmpRow.snmpWrite).value : null;
    return {
      snmpWrite: { set: snmpRow !== null && snmpRow !== undefined, version: credential?.version ?? null, v3User: credential?.version === 'v3' ? credential.user : null, source: snmpSource },
      admin: { set: adminRow !== null && adminRow !== undefined, id: adminRow?.adminId ?? null, source: adminSource },
    };
  }

  /** The device's own row and the first of its static groups that has a default. */
  private rows(deviceId: number): { own: StoredCredentials | null; group: { id: number; name: string; row: StoredCredentials } | null } {
    const own = this.deps.repository.get('device', deviceId);
    for (const g of this.deps.repository.groupsOf(deviceId)) {
      const row = this.deps.repository.get('group', g.id);
      if (row && (row.snmpWrite !== null || row.adminId !== null)) return { own, group: { ...g, row } };
    }
    return { own, group: null };
  }

  private next(current: StoredCredentials | null, snmpWrite: Credential | null | undefined, admin: { id: string; password: string } | null | undefined, by: string | null): StoredCredentials {
    const base: StoredCredentials = current ?? { snmpWrite: null, adminId: null, adminPassword: null, updatedAt: 0, updatedBy: null };
    return {
      snmpWrite: snmpWrite === undefined ? base.snmpWrite : snmpWrite === null ? null : this.deps.secrets.seal(JSON.stringify(snmpWrite)),
      adminId: admin === undefined ? base.adminId : (admin?.id ?? null),
      adminPassword: admin === undefined ? base.adminPassword : admin === null ? null : this.deps.secrets.seal(admin.password),
      updatedAt: this.deps.now(),
      updatedBy: by,
    };
  }

  private openCredential(sealed: string | null): Opened<Credential> {
    if (sealed === null) return { value: null, problem: null };
    try {
      const parsed = credentialSchema.safeParse(JSON.parse(this.deps.secrets.open(sealed)));
      return parsed.success ? { value: parsed.data, problem: null } : { value: null, problem: 'the stored SNMP write credential is damaged: enter it again' };
    } catch (error) {
      return { value: null, problem: describe(error) };
    }
  }

  private openAdmin(row: StoredCredentials): Opened<{ id: string; password: string }> {
    if (row.adminId === null || row.adminPassword === null) return { value: null, problem: null };
    try {
      return { value: { id: row.adminId, password: this.deps.secrets.open(row.adminPassword) }, problem: null };
    } catch (error) {
      return { value: null, problem: describe(error) };
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
