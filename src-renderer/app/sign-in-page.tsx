import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthCard } from './auth-card';
import type { SignInNotice } from './sign-in-notice';

interface SignInPageProps {
  notice: SignInNotice | null;
  /** Signs in; resolves with null when it worked, else the message to show (the server's, one text for every reason). */
  onSubmit(userName: string, password: string): Promise<string | null>;
}

const NOTICE_COLORS: Readonly<Record<SignInNotice, string>> = { ended: 'yellow', linkExpired: 'yellow', signedOut: 'blue' };

/** User name and password before anything else; why the page shows (session ended, link used) above the form. */
export function SignInPage({ notice, onSubmit }: SignInPageProps) {
  const { t } = useTranslation();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (userName.trim() === '' || password === '') {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const problem = await onSubmit(userName.trim(), password);
      if (problem !== null) {
        setError(problem);
        setPassword('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('signIn.title')} testId="sign-in-page">
      {notice && (
        <Alert color={NOTICE_COLORS[notice]} py="xs" data-testid="sign-in-notice" data-notice={notice}>
          {t(`signIn.notices.${notice}`)}
        </Alert>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <TextInput label={t('signIn.userName')} value={userName} onChange={(event) => setUserName(event.currentTarget.value)} autoComplete="username" autoCapitalize="none" spellCheck={false} data-autofocus autoFocus />
          <PasswordInput label={t('signIn.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="current-password" />
          {error !== null && (
            <Alert color="red" py="xs" role="alert" data-testid="sign-in-error">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
