import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/rpc/app-error';
import { useRendererApi } from '../../api/api-context';
import { errorMessage } from '../../ui/notice.store';

type Field = 'current' | 'next' | 'repeat' | 'general';

interface ChangePasswordFormProps {
  /** The password was changed. */
  onDone(): void;
  /** Shown as a Cancel button when given (the dialog; the first-sign-in screen has none). */
  onCancel?: () => void;
}

/**
 * Current, new and repeated password. The repeat is checked here; everything else (wrong
 * current password, too short, same as before) is the server's message, under its field.
 */
export function ChangePasswordForm({ onDone, onCancel }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [values, setValues] = useState({ current: '', next: '', repeat: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const edit = (field: Exclude<Field, 'general'>, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined, general: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (values.current === '') found.current = t('password.required');
    if (values.next === '') found.next = t('password.required');
    else if (values.repeat !== values.next) found.repeat = t('password.mismatch');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api.auth.changePassword({ current: values.current, next: values.next });
      onDone();
    } catch (caught) {
      const code = caught instanceof AppError ? caught.code : null;
      const field: Field = code === 'unauthorized' ? 'current' : code === 'invalid-argument' ? 'next' : 'general';
      setProblems({ [field]: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <PasswordInput label={t('password.current')} value={values.current} onChange={(event) => edit('current', event.currentTarget.value)} error={problems.current} autoComplete="current-password" data-autofocus />
        <PasswordInput label={t('password.next')} value={values.next} onChange={(event) => edit('next', event.currentTarget.value)} error={problems.next} autoComplete="new-password" />
        <PasswordInput label={t('password.repeat')} value={values.repeat} onChange={(event) => edit('repeat', event.currentTarget.value)} error={problems.repeat} autoComplete="new-password" />
        {problems.general && (
          <Alert color="red" py="xs" role="alert">
            {problems.general}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
