import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNoticeStore } from '../../ui/notice.store';
import { ChangePasswordForm } from './change-password-form';

/** The user menu's "Change password": the form in a dialog; the user's other sessions end on the server. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const notify = useNoticeStore((s) => s.notify);
  return (
    <Modal opened={opened} onClose={onClose} title={t('password.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && (
        <ChangePasswordForm
          onCancel={onClose}
          onDone={() => {
            onClose();
            notify('success', t('password.title'), t('password.changed'));
          }}
        />
      )}
    </Modal>
  );
}
