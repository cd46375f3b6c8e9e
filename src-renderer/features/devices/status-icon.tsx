import { ThemeIcon } from '@mantine/core';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { Icon, type IconName } from '../../ui/icons';
import { STATE_COLOR } from './device-status';

const STATE_ICON: Readonly<Record<DeviceSummary['state'], IconName>> = {
  ok: 'check',
  warning: 'alert',
  error: 'error',
  offline: 'offline',
  unknown: 'unknown',
};

/** The state as a coloured icon; `label` (the translated state) is its accessible name. */
export function StatusIcon({ state, label, size = 22 }: { state: DeviceSummary['state']; label: string; size?: number }) {
  return (
    <ThemeIcon color={STATE_COLOR[state]} variant="light" size={size} radius="xl" role="img" aria-label={label} title={label} style={{ flexShrink: 0 }}>
      <Icon name={STATE_ICON[state]} size={Math.round(size * 0.68)} />
    </ThemeIcon>
  );
}
