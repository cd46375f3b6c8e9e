import { Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DRIVER_OSES, type DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';
import { DialogFooter } from '../../../ui/dialog-footer';
import { useNoticeStore } from '../../../ui/notice.store';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useDriversApi } from '../drivers-api';
import { useDriversT } from '../drivers-text';

/** Adds a driverless set: no files, IPP Everywhere on CUPS and the IPP class driver on Windows. */
export function DriverlessDialog({ onClose }: { onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const notify = useNoticeStore((s) => s.notify);
  const [os, setOs] = useState<DriverOs>('linux');
  const [name, setName] = useState('IPP Everywhere (Linux)');
  const { busy, error, run } = useAsyncAction<'save'>();
  const save = (): Promise<void> =>
    run('save', async () => {
      const set = await api.sets.createDriverless({ name, os });
      notify('success', tp('tabs.sets'), tp('sets.created', { name: set.name }));
      onClose();
    });
  return (
    <Modal opened onClose={onClose} title={tp('sets.driverlessTitle')}>
      <Stack gap="sm" data-testid="driverless-dialog">
        <Text size="sm" c="dimmed">
          {tp('sets.driverlessHint')}
        </Text>
        <Select
          label={tp('sets.os')}
          value={os}
          onChange={(v) => {
            const next = DRIVER_OSES.find((o) => o === v) ?? 'linux';
            setOs(next);
            setName(next === 'windows' ? 'IPP class driver (Windows)' : `IPP Everywhere (${tp(`os.${next}`)})`);
          }}
          data={DRIVER_OSES.map((o) => ({ value: o, label: tp(`os.${o}`) }))}
          allowDeselect={false}
        />
        <TextInput label={tp('sets.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <DialogFooter error={error} cancelLabel={tp('cancel')} onCancel={onClose} action={{ label: tp('save'), onClick: () => void save(), loading: busy === 'save', testId: 'driverless-save' }} />
      </Stack>
    </Modal>
  );
}
