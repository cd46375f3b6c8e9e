import { ActionIcon, Tooltip } from '@mantine/core';
import { Icon, type IconName } from './icons';

/** A table row's icon button: the label as tooltip, and as accessible name unless `ariaLabel` (e.g. naming the row) is given. */
export function RowActionIcon({ label, ariaLabel = label, icon, color = 'gray', onClick }: { label: string; ariaLabel?: string; icon: IconName; color?: string; onClick(): void }) {
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="subtle" color={color} aria-label={ariaLabel} onClick={onClick}>
        <Icon name={icon} size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
