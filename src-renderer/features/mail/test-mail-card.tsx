import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailAddressSchema, type SendTestResult } from '../../../src-shared/contract/mail.contract';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { splitAddresses } from '../forms/form-problems';

type Outcome = { kind: 'result'; result: SendTestResult } | { kind: 'refused'; message: string };

/** "Send test mail" with the stored settings; shows the server's answer or the step that failed and why. */
export function TestMailCard({ unsaved }: { unsaved: boolean }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async () => {
    const addresses = splitAddresses(to);
    const bad = addresses.find((a) => !mailAddressSchema.safeParse(a).success);
    if (addresses.length === 0) return setError(t('discovery.errors.required'));
    if (bad !== undefined) return setError(t('forms.errors.badAddress', { address: bad }));
    setError(null);
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'result', result: await api.mail.sendTest({ to: addresses }) });
    } catch (caught) {
      setOutcome({ kind: 'refused', message: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  let shown = null;
  if (outcome?.kind === 'refused') shown = { ok: false, text: outcome.message };
  else if (outcome?.kind === 'result') shown = outcome.result.ok ? { ok: true, text: t('mail.test.ok', { message: outcome.result.message }) } : { ok: false, text: t('mail.test.failed', { step: t(`mail.steps.${outcome.result.step}`), error: outcome.result.error }) };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('mail.test.title')}>
      <Stack gap="sm">
        <Title order={5}>{t('mail.test.title')}</Title>
        <Group align="flex-start" gap="sm">
          <TextInput style={{ flex: 1 }} label={t('mail.test.to')} placeholder="you@example.com" value={to} onChange={(event) => setTo(event.currentTarget.value)} error={error} />
          <Button mt={25} leftSection={<Icon name="mail" size={16} />} loading={busy} onClick={() => void send()}>
            {t('mail.test.send')}
          </Button>
        </Group>
        {unsaved && (
          <Text size="sm" c="orange">
            {t('mail.test.unsaved')}
          </Text>
        )}
        {shown && (
          <Alert color={shown.ok ? 'teal' : 'red'} py={6} role={shown.ok ? 'status' : 'alert'} data-testid="mail-test-result" data-ok={String(shown.ok)}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{shown.text}</span>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
