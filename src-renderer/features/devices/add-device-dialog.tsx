import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useNoticeStore } from '../../ui/notice.store';
import { TextFieldDialog } from '../../ui/text-field-dialog';
import { useDeviceListStore } from './device-list.store';

/** Adds a device by address; the server checks the address and its message shows under the field. */
export function AddDeviceDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [name, setName] = useState('');
  return (
    <TextFieldDialog
      opened={opened}
      title={t('addDevice.title')}
      label={t('addDevice.address')}
      description={t('addDevice.addressHint')}
      submitLabel={t('addDevice.submit')}
      onClose={() => {
        setName('');
        onClose();
      }}
      onSubmit={async (address) => {
        const result = await api.devices.add({ address, ...(name.trim() ? { name } : {}) });
        notify('success', t('addDevice.doneTitle'), t(result.created ? 'addDevice.added' : 'addDevice.existing', { address: address.trim() }));
        useDeviceListStore.getState().selectOnly(result.id);
      }}
    >
      <TextInput label={t('addDevice.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
    </TextFieldDialog>
  );
}
