import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { useDeviceListStore } from './device-list.store';

/** Adds a device by address; the server checks the address and its message shows under the field. */
export function AddDeviceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setAddress('');
    setName('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.devices.add({ address, ...(name.trim() ? { name } : {}) });
      notify('success', t('addDevice.doneTitle'), t(result.created ? 'addDevice.added' : 'addDevice.existing', { address: address.trim() }));
      useDeviceListStore.getState().selectOnly(result.id);
      close();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('addDevice.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <TextInput
            label={t('addDevice.address')}
            description={t('addDevice.addressHint')}
            value={address}
            onChange={(event) => {
              setAddress(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            required
            data-autofocus
          />
          <TextInput label={t('addDevice.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={address.trim() === ''}>
              {t('addDevice.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
