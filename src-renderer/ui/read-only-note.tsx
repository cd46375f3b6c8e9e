import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/** Says why a page offers nothing to change: the user's groups grant "view" only. */
export function ReadOnlyNote() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" py={6} icon={<Icon name="lock" size={16} />} data-testid="read-only-note">
      {t('access.readOnly')}
    </Alert>
  );
}
