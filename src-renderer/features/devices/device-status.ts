import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';

/** Mantine colour of each device state (badges, icons). */
export const STATE_COLOR: Readonly<Record<DeviceSummary['state'], string>> = {
  ok: 'teal',
  warning: 'yellow',
  error: 'red',
  offline: 'gray',
  unknown: 'gray',
};
