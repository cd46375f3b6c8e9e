import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountSettingsSchema, type AccountSettings } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formProblemText, numberDraft, schemaProblems, type FormProblems, type NumberDraft } from '../forms/form-problems';

type NumberField = 'minPasswordLength' | 'lockoutAttempts' | 'lockoutMinutes' | 'idleMinutes';
type Field = NumberField | 'general';
type Draft = Record<NumberField, NumberDraft> & { desktopRequireSignIn: boolean };

const NUMBER_FIELDS: readonly NumberField[] = ['minPasswordLength', 'lockoutAttempts', 'lockoutMinutes', 'idleMinutes'];

const fieldOf = (path: readonly PropertyKey[]): Field => {
  const head = path[0];
  return NUMBER_FIELDS.find((f) => f === head) ?? 'general';
};

/** Minimum password length, lockout after failed sign-ins, idle expiry of sessions, and whether the desktop console asks for a sign-in. */
export function AccountSettingsPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const stored = useLiveQuery(rendererApi, () => rendererApi.api.accounts.getSettings({}), ['accounts.changed']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<FormProblems<Field>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (stored.data) setDraft({ ...stored.data });
  }, [stored.data]);
  if (!draft) return <Alert color={stored.error ? 'red' : 'gray'}>{stored.error ? t('forms.loadFailed', { message: stored.error.message }) : t('forms.loading')}</Alert>;

  const save = async () => {
    const candidate: Record<string, unknown> = { desktopRequireSignIn: draft.desktopRequireSignIn };
    const found: FormProblems<Field> = {};
    for (const field of NUMBER_FIELDS) {
      if (draft[field] === '') found[field] = { key: 'required' };
      else candidate[field] = draft[field];
    }
    const parsed = accountSettingsSchema.safeParse(candidate);
    const all = { ...(parsed.success ? {} : schemaProblems(parsed.error, fieldOf)), ...found };
    setProblems(all);
    if (!parsed.success || Object.keys(all).length > 0) return;
    setBusy(true);
    try {
      const saved: AccountSettings = await rendererApi.api.accounts.updateSettings(parsed.data);
      setDraft({ ...saved });
      notify('success', t('accounts.settings.title'), t('accounts.settings.saved'));
    } catch (caught) {
      setProblems({ general: { key: 'text', text: errorMessage(caught) } });
    } finally {
      setBusy(false);
    }
  };

  const number = (field: NumberField, min: number, max: number) => (
    <NumberInput
      label={t(`accounts.settings.${field}`)}
      description={t(`accounts.settings.${field}Hint`)}
      value={draft[field]}
      onChange={(value) => setDraft({ ...draft, [field]: numberDraft(value) })}
      error={formProblemText(t, problems[field])}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      disabled={!editable}
    />
  );

  return (
    <Paper withBorder p="md" radius="md" maw={760} data-testid="account-settings">
      <Stack gap="sm">
        <Title order={5}>{t('accounts.settings.title')}</Title>
        <SimpleGrid cols={2} spacing="md">
          {number('minPasswordLength', 8, 128)}
          {number('idleMinutes', 1, 7 * 24 * 60)}
          {number('lockoutAttempts', 1, 100)}
          {number('lockoutMinutes', 1, 24 * 60)}
        </SimpleGrid>
        <Switch
          label={t('accounts.settings.desktopRequireSignIn')}
          description={t('accounts.settings.desktopRequireSignInHint')}
          checked={draft.desktopRequireSignIn}
          onChange={(event) => setDraft({ ...draft, desktopRequireSignIn: event.currentTarget.checked })}
          disabled={!editable}
        />
        {problems.general && (
          <Alert color="red" py={6} role="alert">
            {formProblemText(t, problems.general)}
          </Alert>
        )}
        {editable && (
          <Group>
            <Button loading={busy} onClick={() => void save()}>
              {t('accounts.settings.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
