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
}

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

  /** The credentials a task writes to a device with: its own, else its first static group's default. A key that no longer opens reads as none. */
  forDevice(deviceId: number): DeviceWriteCredentials {
    return this.forDevices([deviceId]).get(deviceId) ?? { snmpWrite: null, admin: null };
  }

  /** `forDevice` for many devices with a few queries (a task over a fleet); every sealed value is opened once. */
  forDevices(deviceIds: readonly number[]): Map<number, DeviceWriteCredentials> {
    const own = this.deps.repository.getMany('device', deviceIds);
    const memberships = this.deps.repository.groupsOfMany(deviceIds);
    const groupRows = this.deps.repository.getMany('group', [...new Set([...memberships.values()].flat().map((g) => g.id))]);
    const opened = new Map<string, Credential | null>();
    const open = (sealed: string | null): Credential | null => {
      if (sealed === null) return null;
      if (!opened.has(sealed)) opened.set(sealed, this.openCredential(sealed));
      return opened.get(sealed) ?? null;
    };
    const result = new Map<number, DeviceWriteCredentials>();
    for (const id of deviceIds) {
      const mine = own.get(id) ?? null;
      const group = (memberships.get(id) ?? []).map((g) => groupRows.get(g.id)).find((row) => row && (row.snmpWrite !== null || row.adminId !== null)) ?? null;
      const snmpRow = mine?.snmpWrite ? mine : group?.snmpWrite ? group : null;
      const adminRow = mine?.adminId ? mine : group?.adminId ? group : null;
      result.set(id, { snmpWrite: snmpRow ? open(snmpRow.snmpWrite) : null, admin: adminRow ? this.openAdmin(adminRow) : null });
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
    const credential = snmpWrite ?? this.forDevice(deviceId).snmpWrite;
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
    const credential = snmpRow ? this.openCredential(snmpRow.snmpWrite) : null;
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

  private openCredential(sealed: string | null): Credential | null {
    if (sealed === null) return null;
    try {
      const parsed = credentialSchema.safeParse(JSON.parse(this.deps.secrets.open(sealed)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private openAdmin(row: StoredCredentials): { id: string; password: string } | null {
    if (row.adminId === null || row.adminPassword === null) return null;
    try {
      return { id: row.adminId, password: this.deps.secrets.open(row.adminPassword) };
    } catch {
      return null;
    }
  }
}
