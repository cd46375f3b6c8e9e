import type { DeviceListRow } from '../../src-shared/domain/device-list-row';
import { visibleText } from '../../src-shared/domain/visible-text';

/**
 * The name a person knows the device by: the one set in Printdeck, else its own sysName, with
 * invisible controls shown (visibleText) — it ends up in titles, pickers and notices, where no
 * <bdi> can isolate it.
 */
export function deviceName(device: Pick<DeviceListRow, 'name'> & { identity: Pick<DeviceListRow['identity'], 'sysName'> }): string {
  return visibleText(device.name ?? device.identity.sysName ?? '');
}

/** host, or host:port when the port is not SNMP's 161 (IPv6 hosts in brackets then). */
export function deviceAddress(device: Pick<DeviceListRow, 'address' | 'port'>): string {
  if (device.port === 161) return device.address;
  return device.address.includes(':') ? `[${device.address}]:${device.port}` : `${device.address}:${device.port}`;
}

/** "Name (address)", or the address alone for a device without a name: how pickers list devices. */
export function deviceOptionLabel(device: Pick<DeviceListRow, 'name' | 'address' | 'port'> & { identity: Pick<DeviceListRow['identity'], 'sysName'> }): string {
  const name = deviceName(device);
  return name ? `${name} (${deviceAddress(device)})` : deviceAddress(device);
}
