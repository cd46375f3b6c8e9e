import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The primary button of a dialog footer; `type: 'submit'` sends the surrounding form instead of calling onClick. */
export interface DialogAction {
  label: ReactNode;
  onClick?: () => void;
  type?: 'button' | 'submit';
  loading?: boolean;
  disabled?: boolean;
  testId?: string;
  leftSection?: ReactNode;
}

/**
 * The end of every dialog: the server's refusal (when there is one) above Cancel and the primary
 * button, which shows that the request is under way. `start` stands at the left (a "Test" button);
 * without `action` (a read-only view) only Cancel shows.
 */
export function DialogFooter({ error, errorTestId, cancelLabel, onCancel, action, start }: { error: ReactNode; errorTestId?: string; cancelLabel?: ReactNode; onCancel: () => void; action?: DialogAction; start?: ReactNode }) {
  const { t } = useTranslation();
  const buttons = (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      {action && (
        <Button type={action.type ?? 'button'} onClick={action.onClick} loading={action.loading} disabled={action.disabled} leftSection={action.leftSection} data-testid={action.testId}>
          {action.label}
        </Button>
      )}
    </Group>
  );
  return (
    <>
      {error && (
        <Alert color="red" py={6} role="alert" data-testid={errorTestId}>
          {error}
        </Alert>
      )}
      {start === undefined ? (
        buttons
      ) : (
        <Group justify="space-between">
          {start}
          {buttons}
        </Group>
      )}
    </>
  );
}
