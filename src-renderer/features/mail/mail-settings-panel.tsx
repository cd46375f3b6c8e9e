import { Alert, Button, Checkbox, Collapse, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SMTP_AUTH, SMTP_SECURITY, type MailSettings } from '../../../src-shared/contract/mail.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { useNoticeStore } from '../../ui/notice.store';
import { formProblemText, numberDraft, serverProblems, type FormProblems } from '../forms/form-problems';
import { buildMailUpdate, mailFieldOfPath, mailFormOf, TIMEOUT_SECONDS, type MailField, type MailForm, type PopDraft, type SmtpDraft } from './mail-settings-form';
import { TestMailCard } from './test-mail-card';

/** The SMTP and POP before SMTP settings (passwords write-only), saved together; then the test mail. Changing needs environment settings: change. */
export function MailSettingsPanel() {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const stored = useLiveQuery(rendererApi, () => rendererApi.api.mail.getSettings({}), []);
  const [form, setForm] = useState<MailForm | null>(null);
  const [saved, setSaved] = useState<MailSettings | null>(null);
  const editable = useCan('environment', 'change');
  useEffect(() => {
    if (stored.data) {
      setSaved(stored.data);
      setForm(mailFormOf(stored.data));
    }
  }, [stored.data]);
  if (!form || !saved) return <Alert color={stored.error ? 'red' : 'gray'}>{stored.error ? t('forms.loadFailed', { message: stored.error.message }) : t('forms.loading')}</Alert>;
  const unsaved = JSON.stringify(form) !== JSON.stringify(mailFormOf(saved));
  return (
    <Stack gap="md" maw={880}>
      {!editable && <ReadOnlyNote />}
      <MailSettingsForm
        form={form}
        editable={editable}
        onChange={setForm}
        onSaved={(settings) => {
          setSaved(settings);
          setForm(mailFormOf(settings));
        }}
      />
      {editable && <TestMailCard unsaved={unsaved} />}
    </Stack>
  );
}

interface MailSettingsFormProps {
  form: MailForm;
  editable: boolean;
  onChange(form: MailForm): void;
  onSaved(settings: MailSettings): void;
}

function MailSettingsForm({ form, editable, onChange, onSaved }: MailSettingsFormProps) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [attempted, setAttempted] = useState(false);
  const [refused, setRefused] = useState<{ form: MailForm; problems: FormProblems<MailField> } | null>(null);
  const [busy, setBusy] = useState(false);
  const built = buildMailUpdate(form);
  const problems: FormProblems<MailField> = { ...(built.ok || !attempted ? {} : built.problems), ...(refused?.form === form ? refused.problems : {}) };
  const errorOf = (field: MailField) => formProblemText(t, problems[field]);
  const smtp = (change: Partial<SmtpDraft>) => onChange({ ...form, smtp: { ...form.smtp, ...change } });
  const pop = (change: Partial<PopDraft>) => onChange({ ...form, pop: { ...form.pop, ...change } });
  const text = <K extends 'host' | 'user' | 'from'>(key: K) => ({ value: form.smtp[key], onChange: (event: { currentTarget: { value: string } }) => smtp({ [key]: event.currentTarget.value }) });

  const save = async () => {
    setAttempted(true);
    if (!built.ok) return;
    setBusy(true);
    try {
      const settings = await api.mail.updateSettings(built.value);
      setAttempted(false);
      setRefused(null);
      onSaved(settings);
      notify('success', t('mail.doneTitle'), t('mail.saved'));
    } catch (caught) {
      setRefused({ form, problems: serverProblems(caught, mailFieldOfPath, 'general') });
    } finally {
      setBusy(false);
    }
  };
  const general = errorOf('general') ?? (attempted && Object.keys(problems).length > 0 ? t('forms.notSaved') : null);
  const seconds = (key: 'connectionTimeoutSeconds' | 'greetingTimeoutSeconds' | 'socketTimeoutSeconds', field: MailField, label: string) => (
    <NumberInput label={label} value={form.smtp[key]} onChange={(value) => smtp({ [key]: numberDraft(value) })} error={errorOf(field)} min={TIMEOUT_SECONDS.min} max={TIMEOUT_SECONDS.max} allowDecimal={false} allowNegative={false} clampBehavior="none" />
  );

  return (
    <Paper withBorder p="md" radius="md" data-testid="mail-settings">
      <Stack gap="sm">
        <Stack gap="sm" component="section" aria-label={t('mail.smtp.title')}>
          <Title order={5}>{t('mail.smtp.title')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('mail.smtp.host')} description={t('mail.smtp.hostHint')} placeholder="smtp.example.com" {...text('host')} error={errorOf('smtp.host')} style={{ gridColumn: 'span 2' }} />
            <NumberInput label={t('mail.smtp.port')} value={form.smtp.port} onChange={(value) => smtp({ port: numberDraft(value) })} error={errorOf('smtp.port')} min={1} max={65535} allowDecimal={false} allowNegative={false} clampBehavior="none" mt={{ sm: 20 }} />
            <Select label={t('mail.smtp.security')} data={SMTP_SECURITY.map((s) => ({ value: s, label: t(`mail.smtp.securities.${s}`) }))} value={form.smtp.security} onChange={(value) => smtp({ security: SMTP_SECURITY.find((s) => s === value) ?? 'starttls' })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <Select label={t('mail.smtp.auth')} data={SMTP_AUTH.map((a) => ({ value: a, label: t(`mail.smtp.auths.${a}`) }))} value={form.smtp.auth} onChange={(value) => smtp({ auth: SMTP_AUTH.find((a) => a === value) ?? 'none' })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <Switch label={t('mail.smtp.verifyCertificate')} checked={form.smtp.verifyCertificate} onChange={(event) => smtp({ verifyCertificate: event.currentTarget.checked })} mt={30} disabled={form.smtp.security === 'none'} />
            <TextInput label={t('mail.smtp.user')} {...text('user')} error={errorOf('smtp.user')} disabled={form.smtp.auth === 'none'} autoComplete="off" />
            <PasswordField draft={form.smtp} onChange={smtp} error={errorOf('smtp.password')} disabled={form.smtp.auth === 'none'} testId="smtp-password" />
            <TextInput label={t('mail.smtp.from')} placeholder="printdeck@example.com" {...text('from')} error={errorOf('smtp.from')} />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t('mail.smtp.timeouts')}
          </Text>
          <SimpleGrid cols={3} spacing="sm">
            {seconds('connectionTimeoutSeconds', 'smtp.connectionTimeoutMs', t('mail.smtp.connectionTimeout'))}
            {seconds('greetingTimeoutSeconds', 'smtp.greetingTimeoutMs', t('mail.smtp.greetingTimeout'))}
            {seconds('socketTimeoutSeconds', 'smtp.socketTimeoutMs', t('mail.smtp.socketTimeout'))}
          </SimpleGrid>
          <TextInput
            label={t('mail.consoleUrl')}
            description={t('mail.consoleUrlHint')}
            placeholder="https://printdeck.example.com"
            value={form.consoleUrl}
            onChange={(event) => onChange({ ...form, consoleUrl: event.currentTarget.value })}
            error={errorOf('consoleUrl')}
            data-testid="console-url"
          />
        </Stack>

        <Title order={5} mt="sm">
          {t('mail.pop.title')}
        </Title>
        <Switch label={t('mail.pop.enabled')} checked={form.pop.enabled} onChange={(event) => pop({ enabled: event.currentTarget.checked })} />
        <Collapse expanded={form.pop.enabled}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="section" aria-label={t('mail.pop.title')}>
            <TextInput label={t('mail.pop.host')} value={form.pop.host} onChange={(event) => pop({ host: event.currentTarget.value })} error={errorOf('popBeforeSmtp.host')} style={{ gridColumn: 'span 2' }} />
            <NumberInput label={t('mail.pop.port')} value={form.pop.port} onChange={(value) => pop({ port: numberDraft(value) })} error={errorOf('popBeforeSmtp.port')} min={1} max={65535} allowDecimal={false} allowNegative={false} clampBehavior="none" />
            <TextInput label={t('mail.pop.user')} value={form.pop.user} onChange={(event) => pop({ user: event.currentTarget.value })} error={errorOf('popBeforeSmtp.user')} autoComplete="off" />
            <PasswordField draft={form.pop} onChange={pop} error={errorOf('popBeforeSmtp.password')} testId="pop-password" />
            <NumberInput label={t('mail.pop.waitAfter')} value={form.pop.waitAfterMs} onChange={(value) => pop({ waitAfterMs: numberDraft(value) })} error={errorOf('popBeforeSmtp.waitAfterMs')} min={0} max={60_000} step={100} allowDecimal={false} allowNegative={false} clampBehavior="none" />
            <Switch label={t('mail.pop.tls')} checked={form.pop.tls} onChange={(event) => pop({ tls: event.currentTarget.checked })} />
            <Switch label={t('mail.pop.verifyCertificate')} checked={form.pop.verifyCertificate} onChange={(event) => pop({ verifyCertificate: event.currentTarget.checked })} disabled={!form.pop.tls} />
            <Switch label={t('mail.pop.apop')} checked={form.pop.apop} onChange={(event) => pop({ apop: event.currentTarget.checked })} />
          </SimpleGrid>
        </Collapse>
        {general !== null && (
          <Alert color="red" py={6} role="alert" data-testid="mail-settings-error">
            <span style={{ whiteSpace: 'pre-wrap' }}>{general}</span>
          </Alert>
        )}
        {editable && (
          <Group>
            <Button loading={busy} onClick={() => void save()}>
              {t('mail.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A write-only password: says whether one is stored; typing replaces it, the checkbox forgets it. */
interface PasswordFieldProps {
  draft: { password: string; passwordSet: boolean; forgetPassword: boolean };
  onChange: (change: { password?: string; forgetPassword?: boolean }) => void;
  error: string | null;
  disabled?: boolean;
  testId: string;
}

function PasswordField({ draft, onChange, error, disabled, testId }: PasswordFieldProps) {
  const { t } = useTranslation();
  const stored = draft.passwordSet && !draft.forgetPassword;
  return (
    <Stack gap={4}>
      <PasswordInput
        label={t('mail.smtp.password')}
        placeholder={stored ? t('mail.smtp.passwordStored') : t('mail.smtp.passwordNone')}
        value={draft.password}
        onChange={(event) => onChange({ password: event.currentTarget.value })}
        error={error}
        disabled={disabled}
        autoComplete="new-password"
        data-testid={testId}
        data-password-set={String(draft.passwordSet)}
      />
      {draft.passwordSet && (
        <Checkbox size="xs" label={t('mail.smtp.forgetPassword')} checked={draft.forgetPassword} onChange={(event) => onChange({ forgetPassword: event.currentTarget.checked })} disabled={disabled} />
      )}
    </Stack>
  );
}
