import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AddressbookApi } from '../addressbook-api';
import { downloadBase64 } from '../../../ui/download-file';
import { Icon } from '../../../ui/icons';
import { errorMessage } from '../../../ui/notice.store';
import { useServerData } from '../../../api/server-data';
import { deviceOptionLabel } from '../../../ui/device-text';
import { useAddressbookApi } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';

type Handoff = Awaited<ReturnType<AddressbookApi['books']['handoff']>>;

/** For a device without a remote address book service: the book as a file in its vendor's format, and the steps to import it on the device. */
export function HandoffDialog({ bookId, deviceId, onClose }: { bookId: number; deviceId: number; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const { devicesById } = useServerData();
  const device = devicesById.get(deviceId);
  const [handoff, setHandoff] = useState<Handoff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api.books.handoff({ bookId, deviceId }).then(
      (answer) => alive && setHandoff(answer),
      (caught: unknown) => alive && setError(errorMessage(caught)),
    );
    return () => {
      alive = false;
    };
  }, [api, bookId, deviceId]);
  return (
    <Modal opened onClose={onClose} size="lg" title={tp('handoff.title', { device: device ? deviceOptionLabel(device) : `#${deviceId}` })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="handoff-dialog">
        <Text size="sm" c="dimmed">
          {tp('handoff.intro')}
        </Text>
        {error && (
          <Alert color="red" py={6}>
            {error}
          </Alert>
        )}
        {!handoff && !error && (
          <Text size="sm" c="dimmed">
            {tp('loading')}
          </Text>
        )}
        {handoff && (
          <>
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {handoff.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {tp(`formats.${handoff.format}`)}
                </Text>
              </div>
              <Button leftSection={<Icon name="download" size={16} />} onClick={() => downloadBase64(handoff.fileName, handoff.content)} data-testid="handoff-download" style={{ flexShrink: 0 }}>
                {tp('handoff.download')}
              </Button>
            </Group>
            <Text size="sm" fw={500}>
              {tp('handoff.steps')}
            </Text>
            <List type="ordered" size="sm" spacing={4} data-testid="handoff-steps">
              {handoff.steps.map((step, index) => (
                <List.Item key={index}>{step}</List.Item>
              ))}
            </List>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
