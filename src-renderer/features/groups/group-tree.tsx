import { ActionIcon, Badge, Group, Menu, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group as DeviceGroup } from '../../../src-shared/contract/groups.contract';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { useDeviceSettingsWizardStore } from '../device-settings/device-settings-wizard.store';
import { useSettingsWork, useSettingsWorkAllowed } from '../device-settings/settings-menu';
import { useDeviceListStore } from '../devices/device-list.store';
import { draftToFilter, isEmptyFilter } from '../filters/filter-draft';
import { useFilterStore } from '../filters/filter.store';
import { CreateGroupDialog } from './create-group-dialog';
import { GroupEditDialog } from './group-edit-dialog';
import { groupCounts } from './group-membership';
import { useGroupStore } from './group.store';

/** All devices, then static and smart groups; clicking one narrows the list to it. Creating and editing groups needs the right to manage devices. */
export function GroupTree() {
  const { t } = useTranslation();
  const { devices, groups } = useServerData();
  const activeGroupId = useGroupStore((s) => s.activeGroupId);
  const showGroup = useGroupStore((s) => s.showGroup);
  const draft = useFilterStore((s) => s.draft);
  const [creating, setCreating] = useState<'static' | 'smart' | null>(null);
  const [editing, setEditing] = useState<DeviceGroup | null>(null);
  const filter = draftToFilter(draft);
  const counts = useMemo(() => groupCounts(groups, devices ?? []), [groups, devices]);
  const manage = useCan('deviceManagement', 'change');

  // A group deleted (here or elsewhere) stops narrowing the list. Only a group seen before
  // counts as deleted: a group just created is shown before the refetched list has it.
  const seen = useRef<ReadonlySet<number>>(new Set());
  useEffect(() => {
    const ids = new Set(groups.map((g) => g.id));
    if (activeGroupId !== null && seen.current.has(activeGroupId) && !ids.has(activeGroupId)) showGroup(null);
    seen.current = ids;
  }, [activeGroupId, groups, showGroup]);

  const section = (kind: 'static' | 'smart') => {
    const list = groups.filter((g) => g.kind === kind);
    const smartBlocked = kind === 'smart' && isEmptyFilter(filter);
    const createLabel = kind === 'smart' ? t('groups.newSmart') : t('groups.newStatic');
    return (
      <Stack gap={2} mt="md">
        <Group justify="space-between" px="sm">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {kind === 'smart' ? t('groups.smart') : t('groups.static')}
          </Text>
          {manage && (
            <Tooltip label={smartBlocked ? t('groups.smartNeedsFilter') : createLabel} withinPortal>
              <ActionIcon variant="subtle" size="sm" aria-label={createLabel} disabled={smartBlocked} onClick={() => setCreating(kind)}>
                <Icon name="plus" size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {list.length === 0 && (
          <Text size="xs" c="dimmed" px="sm">
            {t('groups.none')}
          </Text>
        )}
        {list.map((group) => (
          <GroupLink key={group.id} group={group} count={counts.get(group.id) ?? 0} active={group.id === activeGroupId} editable={manage} onSelect={() => showGroup(group.id)} onEdit={() => setEditing(group)} />
        ))}
      </Stack>
    );
  };

  return (
    <ScrollArea h="100%" type="auto">
      <nav aria-label={t('groups.label')}>
        <Stack gap={0} p="xs">
          <NavLink
            component="button"
            label={<Text size="sm" truncate="end">{t('groups.all')}</Text>}
            leftSection={<Icon name="printer" size={16} />}
            rightSection={<Badge size="sm" variant="light" color="gray">{(devices?.length ?? 0).toLocaleString()}</Badge>}
            active={activeGroupId === null}
            aria-current={activeGroupId === null ? 'page' : undefined}
            onClick={() => showGroup(null)}
          />
          {section('static')}
          {section('smart')}
        </Stack>
      </nav>
      <CreateGroupDialog kind={creating} filter={filter} onClose={() => setCreating(null)} />
      <GroupEditDialog group={editing} onClose={() => setEditing(null)} />
    </ScrollArea>
  );
}

function GroupLink({ group, count, active, editable, onSelect, onEdit }: { group: DeviceGroup; count: number; active: boolean; editable: boolean; onSelect: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { reloadGroups, devicesById } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const selectedSet = useDeviceListStore((s) => s.selected);
  const selected = [...selectedSet].filter((id) => devicesById.has(id));
  const settingsWork = useSettingsWorkAllowed();
  const work = useSettingsWork();

  const run = async (action: () => Promise<unknown>, success: string | null) => {
    try {
      await action();
      reloadGroups();
      if (success) notify('success', t('groups.doneTitle'), success);
    } catch (caught) {
      notify('error', t('groups.doneTitle'), errorMessage(caught));
    }
  };

  return (
    <Group gap={2} wrap="nowrap">
      <NavLink
        component="button"
        // The whole name, wrapped (the list is resizable); never cut to "Branch Osa…".
        label={
          <Text size="sm" title={group.name} style={{ overflowWrap: 'anywhere' }}>
            {group.name}
          </Text>
        }
        leftSection={<Icon name={group.kind === 'smart' ? 'smart' : 'folder'} size={16} />}
        rightSection={
          <Badge size="sm" variant="light" color="gray">
            {count.toLocaleString()}
          </Badge>
        }
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onSelect}
        style={{ flex: 1, minWidth: 0 }}
      />
      {(editable || settingsWork) && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" color="gray" aria-label={t('groups.actions', { name: group.name })}>
              <Icon name="dots" size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {settingsWork && (
              <>
                <Menu.Item leftSection={<Icon name="adjustments" size={14} />} onClick={() => useDeviceSettingsWizardStore.getState().openFor({ groupIds: [group.id] })}>
                  {t('deviceSettings.fromGroup')}
                </Menu.Item>
                <Menu.Item leftSection={<Icon name="download" size={14} />} disabled={count === 0} onClick={() => void work('acquireSettings', { groupIds: [group.id] })}>
                  {t('deviceSettings.acquireGroup')}
                </Menu.Item>
                {editable && <Menu.Divider />}
              </>
            )}
            {editable && group.kind === 'static' && (
              <>
                <Menu.Item disabled={selected.length === 0} onClick={() => void run(() => api.groups.addDevices({ id: group.id, deviceIds: selected }), t('groups.added', { count: selected.length, name: group.name }))}>
                  {t('groups.addSelected', { count: selected.length })}
                </Menu.Item>
                <Menu.Item disabled={selected.length === 0} onClick={() => void run(() => api.groups.removeDevices({ id: group.id, deviceIds: selected }), t('groups.removed', { count: selected.length, name: group.name }))}>
                  {t('groups.removeSelected', { count: selected.length })}
                </Menu.Item>
                <Menu.Divider />
              </>
            )}
            {editable && (
              <Menu.Item leftSection={<Icon name={group.kind === 'smart' ? 'smart' : 'pencil'} size={14} />} onClick={onEdit}>
                {group.kind === 'smart' ? t('groups.editSmart') : t('groups.rename')}
              </Menu.Item>
            )}
            {editable && (
              <Menu.Item color="red" leftSection={<Icon name="trash" size={14} />} onClick={() => void run(() => api.groups.remove({ id: group.id }), null)}>
                {t('groups.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
