import { Button, Center, Code, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../features/settings/language-switch';

/** Shown when the server refuses the connection: asks for the token `printdeck serve` printed. */
export function TokenScreen({ onSubmit }: { onSubmit: (token: string) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === '') setError(t('token.required'));
    else onSubmit(token.trim());
  };
  const [before, after] = t('token.body').split('`printdeck serve`');
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440} radius="md">
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>{t('token.title')}</Title>
            <Text size="sm">
              {before}
              {after !== undefined && <Code>printdeck serve</Code>}
              {after}
            </Text>
            <PasswordInput label={t('token.label')} value={token} onChange={(event) => { setToken(event.currentTarget.value); setError(null); }} error={error} autoFocus />
            <Button type="submit">{t('token.submit')}</Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
