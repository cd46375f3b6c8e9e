import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { settingsContract } from '../../../src-shared/contract/settings.contract';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import { SETTING_IDS, type SettingId } from '../../../src-shared/settings/settings-catalogue';
import type { SnmpSettings } from '../inventory/credential-settings';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository } from '../store/groups.repository';
import type { SettingsRepository } from '../store/settings.repository';
import { resolveTargets } from '../tasks/target-resolver';
import type { CredentialsVault } from './credentials-vault';
import type { IpPools } from './ip-pools';
import { settingsDevices } from './settings-targets';

type SettingsImpl = ServiceImpl<typeof settingsContract>;

export interface SettingsServiceDeps {
  devices: DevicesRepository;
  groups: GroupsRepository;
  profiles: readonly DeviceProfile[];
  vault: CredentialsVault;
  settings: SettingsRepository;
  pools: IpPools;
  snmpSettings: SnmpSettings;
}

/** The "settings" contract: the support matrix before a delivery, acquired values, IP pools. */
export class SettingsService implements SettingsImpl {
  constructor(private readonly deps: SettingsServiceDeps) {}

  support: SettingsImpl['support'] = ({ deviceIds, groupIds, items }) => {
    const resolved = resolveTargets({ deviceIds, groupIds }, this.deps);
    const asked = (items ?? SETTING_IDS).filter((id): id is SettingId => (SETTING_IDS as readonly string[]).includes(id));
    const { devices } = settingsDevices(resolved.deviceIds, this.deps);
    return {
      devices: devices.map((d) => ({
        deviceId: d.id,
        label: d.label,
        profile: d.profile?.vendor ?? d.profile?.id ?? null,
        supported: asked.filter((id) => d.plan[id] !== undefined),
        unsupported: asked.filter((id) => d.plan[id] === undefined),
        credentials: d.write !== null,
      })),
    };
  };

  acquired: SettingsImpl['acquired'] = ({ deviceId }) => ({ values: this.deps.settings.acquired(deviceId) });

  listPools: SettingsImpl['listPools'] = () => ({ pools: this.deps.pools.list() });
  createPool: SettingsImpl['createPool'] = (fields) => this.deps.pools.create(fields);
  updatePool: SettingsImpl['updatePool'] = ({ id, ...changes }) => this.deps.pools.update(id, changes);
  removePool: SettingsImpl['removePool'] = ({ id }) => {
    this.deps.pools.remove(id);
    return {};
  };
}
