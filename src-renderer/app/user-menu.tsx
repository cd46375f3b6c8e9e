import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session-context';
import { ChangePasswordDialog } from '../features/own-account/change-password-dialog';
import { Icon } from '../ui/icons';
import { errorMessage, useNoticeStore } from '../ui/notice.store';
import { initialsOf } from './user-initials';

/**
 * The signed-in user in the header: who (display and user name), change password (local users
 * only), sign out (not offered on a desktop that signs the local user in by itself).
 */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, host, signInRequired, signOut } = useSession();
  const notify = useNoticeStore((s) => s.notify);
  const [changing, setChanging] = useState(false);
  const canSignOut = host !== 'desktop' || signInRequired;
  return (
    <>
      <Menu position="bottom-end" withinPortal width={240}>
        <Menu.Target>
          <Button size="xs" variant="subtle" color="gray" px={6} aria-label={t('userMenu.label', { name: user.displayName })} data-testid="user-menu" leftSection={<Avatar size={24} radius="xl" color="indigo">{initialsOf(user.displayName)}</Avatar>}>
            {/* Below 992 px the initials only (the name is the button's label and the menu's first line). */}
            <Text size="sm" maw={140} truncate="end" visibleFrom="md">
              {user.displayName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('userMenu.signedInAs', { name: user.name })}</Menu.Label>
          {user.source === 'local' && (
            <Menu.Item leftSection={<Icon name="key" size={16} />} onClick={() => setChanging(true)}>
              {t('userMenu.changePassword')}
            </Menu.Item>
          )}
          {canSignOut && (
            <Menu.Item leftSection={<Icon name="logout" size={16} />} onClick={() => void signOut().catch((caught: unknown) => notify('error', t('userMenu.signOut'), errorMessage(caught)))}>
              {t('userMenu.signOut')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordDialog opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
