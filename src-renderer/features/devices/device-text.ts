import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { isUnreachable } from '../../../src-shared/filters/device-filter';

/** Why a row is greyed out: never read yet, or its last read failed; null for a row read fine. */
export type GreyReason = { kind: 'never-read' } | { kind: 'not-answering'; message: string };

/** The reason a row is greyed out, or null when it was read fine. Never throws. */
export function greyReason(device: Pick<DeviceListRow, 'lastSeen' | 'lastError'>): GreyReason | null {
  if (!isUnreachable(device)) return null;
  if (device.lastError) return { kind: 'not-answering', message: device.lastError.message };
  return { kind: 'never-read' };
}
