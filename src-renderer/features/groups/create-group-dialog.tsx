import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceFilter } from '../../../src-shared/filters/device-filter';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { errorMessage } from '../../ui/notice.store';
import { useGroupStore } from './group.store';

/** Names a new group: a static one starts empty, a smart one keeps `filter`. The server's message (a taken name …) shows under the field. */
export function CreateGroupDialog({ kind, filter, onClose }: { kind: 'static' | 'smart' | null; filter: DeviceFilter; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { reloadGroups } = useServerData();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setName('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (kind === null) return;
    setBusy(true);
    try {
      const group = await api.groups.create(kind === 'smart' ? { name, kind, filter } : { name, kind });
      reloadGroups();
      useGroupStore.getState().showGroup(group.id);
      close();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={kind !== null} onClose={close} title={kind === 'smart' ? t('groups.newSmart') : t('groups.newStatic')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          {kind === 'smart' && <Text size="sm" c="dimmed">{t('groups.smartHint')}</Text>}
          <TextInput
            label={t('groups.name')}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={name.trim() === ''}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
