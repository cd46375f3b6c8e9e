import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { useDeviceListStore } from './device-list.store';

/** Asks before removing the devices of useDeviceListStore.removeIds (Delete key or toolbar). */
export function RemoveDevicesDialog() {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const ids = useDeviceListStore((s) => s.removeIds);
  const askRemove = useDeviceListStore((s) => s.askRemove);
  const [busy, setBusy] = useState(false);
  const count = ids?.length ?? 0;

  const confirm = async () => {
    if (!ids) return;
    setBusy(true);
    try {
      const result = await api.devices.remove({ ids: [...ids] });
      useDeviceListStore.getState().forget(ids);
      notify('success', t('removeDevices.doneTitle'), t('removeDevices.done', { count: result.removed }));
      askRemove(null);
    } catch (caught) {
      notify('error', t('removeDevices.title'), errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={ids !== null} onClose={() => askRemove(null)} title={t('removeDevices.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text>{t('removeDevices.body', { count })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => askRemove(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-autofocus>
            {t('removeDevices.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
