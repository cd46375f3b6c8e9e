import { Checkbox, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { FormFooter } from '../../ui/form-footer';
import { useNoticeStore } from '../../ui/notice.store';
import { useAsyncAction } from '../../ui/use-async-action';

/** Sets a user's password (and unlocks them); their sessions end. The server's message (too short …) shows in the dialog. */
export function ResetPasswordDialog({ user, onClose }: { user: AccountUser; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const { busy, error, setError, run } = useAsyncAction<'reset'>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return setError(t('accounts.required'));
    await run('reset', async () => {
      await api.accounts.resetPassword({ id: user.id, password, mustChangePassword: mustChange });
      notify('success', t('accounts.users.title'), t('accounts.users.passwordReset', { name: user.name }));
      onClose();
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('accounts.users.resetTitle', { name: user.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('accounts.users.resetBody')}</Text>
          <PasswordInput
            label={t('accounts.users.dialog.password')}
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setError(null);
            }}
            autoComplete="new-password"
            data-autofocus
            required
          />
          <Checkbox label={t('accounts.users.dialog.mustChange')} checked={mustChange} onChange={(event) => setMustChange(event.currentTarget.checked)} />
          <FormFooter error={error} busy={busy === 'reset'} submitLabel={t('accounts.users.resetSubmit')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
