import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { isUnreachable } from '../../../src-shared/filters/device-filter';

/** The name a person knows the device by: the one set in Printdeck, else its own sysName. */
export function deviceName(device: Pick<DeviceSummary, 'name' | 'identity'>): string {
  return device.name ?? device.identity.sysName ?? '';
}

/** host, or host:port when the port is not SNMP's 161 (IPv6 hosts in brackets then). */
export function deviceAddress(device: Pick<DeviceSummary, 'address' | 'port'>): string {
  if (device.port === 161) return device.address;
  return device.address.includes(':') ? `[${device.address}]:${device.port}` : `${device.address}:${device.port}`;
}

/** Why a row is greyed out: never read yet, or its last read failed; null for a row read fine. */
export type GreyReason = { kind: 'never-read' } | { kind: 'not-answering'; message: string };

/** The reason a row is greyed out, or null when it was read fine. Never throws. */
export function greyReason(device: DeviceSummary): GreyReason | null {
  if (!isUnreachable(device)) return null;
  if (device.lastError) return { kind: 'not-answering', message: device.lastError.message };
  return { kind: 'never-read' };
}
