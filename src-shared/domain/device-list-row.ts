import { isMarkerSupply } from '../filters/device-filter';
import type { DeviceSummary } from './device.schemas';

/** A supply as the list shows it: a toner, ink or wax level bar (isMarkerSupply). */
export type ListSupply = DeviceSummary['supplies'][number];

/** The identity fields the list's columns, filters and sorting read. */
export type ListIdentity = Pick<DeviceSummary['identity'], 'vendor' | 'model' | 'serial' | 'mac' | 'firmware' | 'sysName' | 'location'>;

/**
 * One row of the console's device list: what its columns, filters, sorting and group membership
 * read, and nothing else (the detail pane reads devices.get). A DeviceSummary has every field
 * of it, so a function over rows takes summaries too. `supplies` holds only the marker supplies,
 * in the device's order: waste receptacles and the like are never shown in the list.
 */
export interface DeviceListRow {
  id: number;
  name: string | null;
  address: string;
  port: number;
  identity: ListIdentity;
  state: DeviceSummary['state'];
  message: string;
  conditions: DeviceSummary['conditions'];
  supplies: ListSupply[];
  totalPages: number | null;
  lastSeen: number | null;
  lastError: DeviceSummary['lastError'];
}

/** The list row of a device summary (what devices.listRows carries for it). Never throws. */
export function toDeviceListRow(device: DeviceSummary): DeviceListRow {
  const { identity } = device;
  return {
    id: device.id,
    name: device.name,
    address: device.address,
    port: device.port,
    identity: {
      vendor: identity.vendor,
      model: identity.model,
      serial: identity.serial,
      mac: identity.mac,
      firmware: identity.firmware,
      sysName: identity.sysName,
      location: identity.location,
    },
    state: device.state,
    message: device.message,
    conditions: device.conditions,
    supplies: device.supplies.filter(isMarkerSupply),
    totalPages: device.totalPages,
    lastSeen: device.lastSeen,
    lastError: device.lastError,
  };
}
