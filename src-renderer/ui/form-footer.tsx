import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The end of every dialog form: the server's refusal (when there is one) above Cancel and the
 * submit button, which shows that the request is under way.
 */
export function FormFooter({ error, errorTestId, busy, submitLabel, onCancel }: { error: ReactNode; errorTestId?: string; busy: boolean; submitLabel: ReactNode; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" py={6} role="alert" data-testid={errorTestId}>
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
