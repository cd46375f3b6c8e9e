import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { columnLabel } from '../../i18n/labels';
import { Icon } from '../../ui/icons';
import { DEFAULT_COLUMN_LAYOUT } from './column-layout';
import { useDeviceListStore } from './device-list.store';

/** Choose and reorder the list's columns; the layout is remembered in localStorage. */
export function ColumnChooser() {
  const { t } = useTranslation();
  const layout = useDeviceListStore((s) => s.columns);
  const { toggleColumn, moveColumn, resetColumns } = useDeviceListStore.getState();
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Tooltip label={t('columnChooser.button')} withinPortal>
          <ActionIcon variant="default" size={30} aria-label={t('columnChooser.button')}>
            <Icon name="columns" size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600} mb="xs">
          {t('columnChooser.title')}
        </Text>
        <Stack gap={4} role="list" aria-label={t('columnChooser.title')}>
          {layout.order.map((id, index) => {
            const label = columnLabel(t, id);
            return (
              <Group key={id} gap="xs" wrap="nowrap" justify="space-between" role="listitem">
                <Checkbox size="xs" label={label} aria-label={t('columnChooser.show', { column: label })} checked={!layout.hidden.includes(id)} onChange={() => toggleColumn(id)} />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" size="sm" disabled={index === 0} aria-label={t('columnChooser.moveUp', { column: label })} onClick={() => moveColumn(id, -1)}>
                    <Icon name="up" size={14} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" size="sm" disabled={index === layout.order.length - 1} aria-label={t('columnChooser.moveDown', { column: label })} onClick={() => moveColumn(id, 1)}>
                    <Icon name="down" size={14} />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
        </Stack>
        <Button variant="subtle" size="xs" mt="xs" onClick={() => resetColumns(DEFAULT_COLUMN_LAYOUT)}>
          {t('columnChooser.reset')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
