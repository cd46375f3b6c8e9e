import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session-context';
import { ChangePasswordForm } from '../features/own-account/change-password-form';
import { errorMessage } from '../ui/notice.store';
import { AuthCard } from './auth-card';

/**
 * Shown instead of the console while the user must change a one-time or reset password: the
 * server grants them nothing else until they do. Signing out is the only other way on.
 */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { user, refresh, signOut } = useSession();
  return (
    <AuthCard title={t('password.firstTitle')} testId="change-password-screen">
      <Text size="sm">{t('password.firstBody', { name: user.displayName })}</Text>
      <ChangePasswordForm onDone={refresh} />
      <Group justify="center">
        <Anchor component="button" type="button" size="sm" onClick={() => void signOut().catch((caught: unknown) => console.warn('printdeck: sign-out failed', errorMessage(caught)))}>
          {t('userMenu.signOut')}
        </Anchor>
      </Group>
    </AuthCard>
  );
}
