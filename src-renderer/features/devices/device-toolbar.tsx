import { Button, Menu, Stack, Text } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { usePermissions } from '../../api/session-context';
import { Icon, type IconName } from '../../ui/icons';
import { OverflowToolbar, type ToolbarItem } from '../../ui/overflow-toolbar';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { DeviceSettingsMenuButton, useDeviceSettingsActions } from '../device-settings/settings-menu';
import { useDiscoveryWizardStore } from '../discovery/discovery-wizard.store';
import { CsvMenuButton, useCsvActions } from '../import-export/csv-actions';
import { AddDeviceDialog } from './add-device-dialog';
import { ColumnChooser } from './column-chooser';
import { useDeviceListStore } from './device-list.store';
import { deviceName } from '../../ui/device-text';

/**
 * Actions on the list and the selection: search, add, refresh, device settings, group, remove, CSV,
 * columns (each only for who may use it), on one line whatever the width (the rest under "More"). `total` is null while the whole list is on its way (the count says it is loading).
 */
export function DeviceToolbar({ visible, total }: { visible: readonly DeviceListRow[]; total: number | null }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { groups, devicesById } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const selectedSet = useDeviceListStore((s) => s.selected);
  // What the filter hides is not acted on (the one selection model, `ui/row-selection.ts`): the
  // count and every action take the selected rows shown.
  const selected = useMemo(() => visible.filter((device) => selectedSet.has(device.id)).map((device) => device.id), [visible, selectedSet]);
  const [adding, setAdding] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const staticGroups = groups.filter((g) => g.kind === 'static');
  const can = usePermissions();
  const manage = can('deviceManagement', 'change');
  const settings = useDeviceSettingsActions(selected);
  // "Export shown" waits for the whole list: the rows shown first are only its top.
  const csv = useCsvActions({ visible: total === null ? [] : visible, selected, canImport: manage });

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

  const noSelection = selected.length === 0;
  const groupItems = (
    <>
      {staticGroups.length === 0 && <Menu.Label>{t('toolbar.noStaticGroups')}</Menu.Label>}
      {staticGroups.map((group) => (
        <Menu.Item key={group.id} onClick={() => void addToGroup(group.id, group.name)}>
          {group.name}
        </Menu.Item>
      ))}
    </>
  );
  const items: ToolbarItem[] = [];
  if (can('deviceSearch', 'change')) {
    const search = () => useDiscoveryWizardStore.getState().open();
    items.push({
      key: 'search',
      inline: (
        <Button size="xs" leftSection={<Icon name="search" size={16} />} onClick={search}>
          {t('discovery.open')}
        </Button>
      ),
      menu: (
        <Menu.Item leftSection={<Icon name="search" size={14} />} onClick={search}>
          {t('discovery.open')}
        </Menu.Item>
      ),
    });
  }
  if (manage) {
    items.push({
      key: 'add',
      inline: (
        <Button size="xs" variant="default" leftSection={<Icon name="plus" size={16} />} onClick={() => setAdding(true)}>
          {t('toolbar.add')}
        </Button>
      ),
      menu: (
        <Menu.Item leftSection={<Icon name="plus" size={14} />} onClick={() => setAdding(true)}>
          {t('toolbar.add')}
        </Menu.Item>
      ),
    });
    items.push({
      key: 'refresh',
      inline: (
        <Button size="xs" variant="default" leftSection={<Icon name="refresh" size={16} />} disabled={noSelection} loading={refreshing} onClick={() => void refresh()}>
          {t('toolbar.refresh')}
        </Button>
      ),
      menu: (
        <Menu.Item leftSection={<Icon name="refresh" size={14} />} disabled={noSelection || refreshing} onClick={() => void refresh()}>
          {t('toolbar.refresh')}
        </Menu.Item>
      ),
    });
  }
  if (settings.allowed) {
    items.push({
      key: 'settings',
      inline: <DeviceSettingsMenuButton items={settings.items} />,
      menu: <SubMenu icon="adjustments" label={t('deviceSettings.menu')}>{settings.items}</SubMenu>,
    });
  }
  if (manage) {
    items.push({
      key: 'group',
      inline: (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" leftSection={<Icon name="folder" size={16} />} disabled={noSelection}>
              {t('toolbar.addToGroup')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>{groupItems}</Menu.Dropdown>
        </Menu>
      ),
      menu: noSelection ? (
        <Menu.Item leftSection={<Icon name="folder" size={14} />} disabled>
          {t('toolbar.addToGroup')}
        </Menu.Item>
      ) : (
        <SubMenu icon="folder" label={t('toolbar.addToGroup')}>{groupItems}</SubMenu>
      ),
    });
    const remove = () => useDeviceListStore.getState().askRemove(selected);
    items.push({
      key: 'remove',
      inline: (
        <Button size="xs" variant="default" color="red" leftSection={<Icon name="trash" size={16} />} disabled={noSelection} onClick={remove}>
          {t('toolbar.remove')}
        </Button>
      ),
      menu: (
        <Menu.Item leftSection={<Icon name="trash" size={14} />} color="red" disabled={noSelection} onClick={remove}>
          {t('toolbar.remove')}
        </Menu.Item>
      ),
    });
  }
  items.push({
    key: 'csv',
    inline: <CsvMenuButton items={csv.items} importing={csv.importing} />,
    menu: <SubMenu icon="download" label={t('csv.menu')}>{csv.items}</SubMenu>,
  });

  return (
    // The count has a line of its own: its text grows with the selection, and sharing a line with
    // the buttons moved them on the first click, under the pointer (a double click then opened the
    // row above). The buttons never wrap: what does not fit goes into "More" (issue 14).
    <Stack gap={4} px="md" py={6}>
      <Text size="sm" c="dimmed" data-testid="device-count" aria-live="polite">
        {total === null ? t('list.loading') : t('list.count', { shown: visible.length.toLocaleString(), total: total.toLocaleString() })}
        {selected.length > 0 && ` · ${t('list.selected', { count: selected.length })}`}
      </Text>
      <OverflowToolbar items={items} pinned={<ColumnChooser />} moreLabel={t('layout.moreActions')} testId="device-toolbar" />
      {settings.dialog}
      {csv.fileInput}
      {/* Mounted whatever the rights: taken away while it is open, the server's refusal shows in it. */}
      <AddDeviceDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

/** An entry of the "More" menu that is itself a menu (device settings, CSV, add to group). */
function SubMenu({ icon, label, children }: { icon: IconName; label: string; children: ReactNode }) {
  return (
    <Menu.Sub>
      <Menu.Sub.Target>
        <Menu.Sub.Item leftSection={<Icon name={icon} size={14} />}>{label}</Menu.Sub.Item>
      </Menu.Sub.Target>
      <Menu.Sub.Dropdown>{children}</Menu.Sub.Dropdown>
    </Menu.Sub>
  );
}
