import { Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { usePermissions } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { DeviceSettingsMenu } from '../device-settings/settings-menu';
import { useDiscoveryWizardStore } from '../discovery/discovery-wizard.store';
import { CsvActions } from '../import-export/csv-actions';
import { AddDeviceDialog } from './add-device-dialog';
import { ColumnChooser } from './column-chooser';
import { useDeviceListStore } from './device-list.store';
import { deviceName } from '../../ui/device-text';

/**
 * Actions on the list and the selection: search, add, refresh, group, remove, CSV, columns (each
 * only for who may use it). `total` is null while the whole list is on its way (the count says it is loading).
 */
export function DeviceToolbar({ visible, total }: { visible: readonly DeviceListRow[]; total: number | null }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { groups, devicesById } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const selectedSet = useDeviceListStore((s) => s.selected);
  const selected = [...selectedSet].filter((id) => devicesById.has(id));
  const [adding, setAdding] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const staticGroups = groups.filter((g) => g.kind === 'static');
  const can = usePermissions();
  const manage = can('deviceManagement', 'change');

  const refresh = async () => {
    setRefreshing(true);
    try {
      const { results } = await api.devices.refresh({ ids: selected });
      const failed = results.filter((r) => !r.ok);
      const summary = t('toolbar.refreshDone', { ok: results.length - failed.length, count: results.length });
      if (failed.length === 0) notify('success', t('toolbar.refreshTitle'), summary);
      else {
        const label = (id: number) => {
          const device = devicesById.get(id);
          return (device && deviceName(device)) || `#${id}`;
        };
        const details = failed.slice(0, 5).map((r) => `${label(r.id)}: ${r.error?.message ?? ''}`);
        notify('error', t('toolbar.refreshTitle'), `${summary}\n${t('toolbar.refreshFailed', { details: details.join('\n') })}`);
      }
    } catch (caught) {
      notify('error', t('toolbar.refreshTitle'), errorMessage(caught));
    } finally {
      setRefreshing(false);
    }
  };

  const addToGroup = async (groupId: number, name: string) => {
    try {
      await api.groups.addDevices({ id: groupId, deviceIds: selected });
      notify('success', t('groups.doneTitle'), t('groups.added', { count: selected.length, name }));
    } catch (caught) {
      notify('error', t('groups.doneTitle'), errorMessage(caught));
    }
  };

  return (
    // The count has a line of its own: its text grows with the selection, and sharing a line with
    // the buttons made them wrap on the first click, moving the list under the pointer (a double
    // click then opened the row above).
    <Stack gap={4} px="md" py={6}>
      <Text size="sm" c="dimmed" data-testid="device-count" aria-live="polite">
        {total === null ? t('list.loading') : t('list.count', { shown: visible.length.toLocaleString(), total: total.toLocaleString() })}
        {selected.length > 0 && ` · ${t('list.selected', { count: selected.length })}`}
      </Text>
      <Group gap="xs">
        {can('deviceSearch', 'change') && (
          <Button size="xs" leftSection={<Icon name="search" size={16} />} onClick={() => useDiscoveryWizardStore.getState().open()}>
            {t('discovery.open')}
          </Button>
        )}
        {manage && (
          <Button size="xs" variant="default" leftSection={<Icon name="plus" size={16} />} onClick={() => setAdding(true)}>
            {t('toolbar.add')}
          </Button>
        )}
        {manage && (
          <Button size="xs" variant="default" leftSection={<Icon name="refresh" size={16} />} disabled={selected.length === 0} loading={refreshing} onClick={() => void refresh()}>
            {t('toolbar.refresh')}
          </Button>
        )}
        <DeviceSettingsMenu selected={selected} />
        {manage && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<Icon name="folder" size={16} />} disabled={selected.length === 0}>
                {t('toolbar.addToGroup')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {staticGroups.length === 0 && <Menu.Label>{t('toolbar.noStaticGroups')}</Menu.Label>}
              {staticGroups.map((group) => (
                <Menu.Item key={group.id} onClick={() => void addToGroup(group.id, group.name)}>
                  {group.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {manage && (
          <Button size="xs" variant="default" color="red" leftSection={<Icon name="trash" size={16} />} disabled={selected.length === 0} onClick={() => useDeviceListStore.getState().askRemove(selected)}>
            {t('toolbar.remove')}
          </Button>
        )}
        {/* "Export shown" waits for the whole list: the rows shown first are only its top. */}
        <CsvActions visible={total === null ? [] : visible} selected={selected} canImport={manage} />
        <ColumnChooser />
      </Group>
      {/* Mounted whatever the rights: taken away while it is open, the server's refusal shows in it. */}
      <AddDeviceDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
