import { ActionIcon, Tooltip } from '@mantine/core';
import { Icon, type IconName } from './icons';

/** A table row's icon button, its label both the tooltip and the accessible name. */
export function RowActionIcon({ label, icon, color = 'gray', onClick }: { label: string; icon: IconName; color?: string; onClick(): void }) {
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        <Icon name={icon} size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
