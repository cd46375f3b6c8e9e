import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceFilter } from '../../../src-shared/filters/device-filter';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { TextFieldDialog } from '../../ui/text-field-dialog';
import { useGroupStore } from './group.store';

/** Names a new group: a static one starts empty, a smart one keeps `filter`. The server's message (a taken name …) shows under the field. */
export function CreateGroupDialog({ kind, filter, onClose }: { kind: 'static' | 'smart' | null; filter: DeviceFilter; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { reloadGroups } = useServerData();
  return (
    <TextFieldDialog
      opened={kind !== null}
      title={kind === 'smart' ? t('groups.newSmart') : t('groups.newStatic')}
      label={t('groups.name')}
      intro={kind === 'smart' ? <Text size="sm" c="dimmed">{t('groups.smartHint')}</Text> : undefined}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async (name) => {
        if (kind === null) return;
        const group = await api.groups.create(kind === 'smart' ? { name, kind, filter } : { name, kind });
        reloadGroups();
        useGroupStore.getState().showGroup(group.id);
      }}
    />
  );
}
