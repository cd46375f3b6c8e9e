import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  /** null: closed. */
  request: { title: string; body: string; confirm: string } | null;
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** "Delete …?" with Cancel and a red confirm button that waits for the action; line breaks in the body start paragraphs. */
export function ConfirmDialog({ request, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={request !== null} onClose={onClose} title={request?.title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {request?.body}
      </Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() => {
            setBusy(true);
            void onConfirm().finally(() => {
              setBusy(false);
              onClose();
            });
          }}
        >
          {request?.confirm}
        </Button>
      </Group>
    </Modal>
  );
}
