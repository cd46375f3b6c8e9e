import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { TextFieldDialog } from '../../ui/text-field-dialog';

/** The devices of results (lost and failed ones included when they have a device), once each. */
export function deviceIdsOf(results: readonly DiscoveryResult[]): number[] {
  return [...new Set(results.flatMap((r) => (r.deviceId === null ? [] : [r.deviceId])))];
}

/** "Add these to a group": the listed results' devices into a static group, or a new one. Needs the right to manage devices. */
export function AddResultsToGroup({ results }: { results: readonly DiscoveryResult[] }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { groups, reloadGroups } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const manage = useCan('deviceManagement', 'change');
  const [naming, setNaming] = useState(false);
  if (!manage) return null;
  const ids = deviceIdsOf(results);
  const statics = groups.filter((g) => g.kind === 'static');

  const addTo = async (id: number, name: string) => {
    try {
      await api.groups.addDevices({ id, deviceIds: ids });
      reloadGroups();
      notify('success', t('groups.doneTitle'), t('groups.added', { count: ids.length, name }));
    } catch (caught) {
      notify('error', t('groups.doneTitle'), errorMessage(caught));
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="light" leftSection={<Icon name="folder" size={14} />} disabled={ids.length === 0} data-testid="history-add-to-group">
            {t('discovery.historyView.addToGroup', { count: ids.length })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={220}>
          {statics.length === 0 && <Menu.Label>{t('discovery.historyView.noStaticGroups')}</Menu.Label>}
          {statics.map((group) => (
            <Menu.Item key={group.id} leftSection={<Icon name="folder" size={14} />} onClick={() => void addTo(group.id, group.name)}>
              {group.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<Icon name="plus" size={14} />} onClick={() => setNaming(true)}>
            {t('discovery.historyView.newGroup')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <TextFieldDialog
        opened={naming}
        title={t('groups.newStatic')}
        label={t('groups.name')}
        submitLabel={t('common.create')}
        onClose={() => setNaming(false)}
        onSubmit={async (name) => {
          const group = await api.groups.create({ name, kind: 'static' });
          await api.groups.addDevices({ id: group.id, deviceIds: ids });
          reloadGroups();
          notify('success', t('groups.doneTitle'), t('groups.added', { count: ids.length, name: group.name }));
        }}
      />
    </>
  );
}
