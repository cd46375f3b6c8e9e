import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Switch, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monitoringSettingsSchema, type MonitoringSettings } from '../../../src-shared/contract/monitoring.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formProblemText, numberDraft, schemaProblems, type FormProblems, type NumberDraft } from '../forms/form-problems';

type IntervalUnit = 'seconds' | 'minutes';
type SettingsField = 'intervalMs' | 'missesBeforeNotReachable' | 'trapPort' | 'general';

interface SettingsDraft {
  interval: NumberDraft;
  unit: IntervalUnit;
  misses: NumberDraft;
  trapsEnabled: boolean;
  trapPort: NumberDraft;
}

function draftOf(settings: MonitoringSettings): SettingsDraft {
  const minutes = settings.intervalMs % 60_000 === 0;
  return { interval: minutes ? settings.intervalMs / 60_000 : settings.intervalMs / 1000, unit: minutes ? 'minutes' : 'seconds', misses: settings.missesBeforeNotReachable, trapsEnabled: settings.trapsEnabled, trapPort: settings.trapPort };
}

const fieldOf = (path: readonly PropertyKey[]): SettingsField => {
  const head = path[0];
  return head === 'intervalMs' || head === 'missesBeforeNotReachable' || head === 'trapPort' ? head : 'general';
};

/** Poll interval, misses before "not reachable", and the trap listener; changing them needs environment settings: change. */
export function MonitoringSettingsPanel() {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const stored = useLiveQuery(rendererApi, () => rendererApi.api.monitoring.getSettings({}), ['monitoring.changed']);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [problems, setProblems] = useState<FormProblems<SettingsField>>({});
  const [busy, setBusy] = useState(false);
  const editable = useCan('environment', 'change');
  useEffect(() => {
    if (stored.data) setDraft(draftOf(stored.data));
  }, [stored.data]);
  if (!draft) return <Alert color={stored.error ? 'red' : 'gray'}>{stored.error ? t('forms.loadFailed', { message: stored.error.message }) : t('forms.loading')}</Alert>;
  const edit = (change: Partial<SettingsDraft>) => setDraft({ ...draft, ...change });
  const errorOf = (field: SettingsField) => formProblemText(t, problems[field]);

  const save = async () => {
    const found: FormProblems<SettingsField> = {};
    if (draft.interval === '') found.intervalMs = { key: 'required' };
    if (draft.misses === '') found.missesBeforeNotReachable = { key: 'required' };
    if (draft.trapPort === '') found.trapPort = { key: 'required' };
    const candidate = {
      intervalMs: draft.interval === '' ? 0 : Math.round(draft.interval * (draft.unit === 'minutes' ? 60_000 : 1000)),
      missesBeforeNotReachable: draft.misses === '' ? 0 : draft.misses,
      trapsEnabled: draft.trapsEnabled,
      trapPort: draft.trapPort === '' ? 0 : draft.trapPort,
    };
    const parsed = monitoringSettingsSchema.safeParse(candidate);
    const all = { ...(parsed.success ? {} : schemaProblems(parsed.error, fieldOf)), ...found };
    // The schema's limits read in milliseconds: the hint says them in the field's units.
    if (all.intervalMs && all.intervalMs.key !== 'required') all.intervalMs = { key: 'text', text: t('monitoring.settings.intervalHint') };
    setProblems(all);
    if (!parsed.success || Object.keys(all).length > 0) return;
    setBusy(true);
    try {
      setDraft(draftOf(await rendererApi.api.monitoring.updateSettings(parsed.data)));
      notify('success', t('monitoring.settings.title'), t('monitoring.settings.saved'));
    } catch (caught) {
      setProblems({ general: { key: 'text', text: errorMessage(caught) } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" maw={720} data-testid="monitoring-settings">
      <Stack gap="sm">
        <Title order={5}>{t('monitoring.settings.title')}</Title>
        {!editable && <ReadOnlyNote />}
        <Group align="flex-start" gap="sm">
          <NumberInput
            w={180}
            label={t('monitoring.settings.interval')}
            description={t('monitoring.settings.intervalHint')}
            value={draft.interval}
            onChange={(value) => edit({ interval: numberDraft(value) })}
            error={errorOf('intervalMs')}
            min={1}
            allowNegative={false}
            clampBehavior="none"
            styles={{ description: { whiteSpace: 'nowrap' } }}
          />
          <Select
            w={140}
            mt={44}
            aria-label={t('schedule.unit')}
            data={(['seconds', 'minutes'] as const).map((u) => ({ value: u, label: t(`monitoring.settings.units.${u}`) }))}
            value={draft.unit}
            onChange={(value) => edit({ unit: value === 'seconds' ? 'seconds' : 'minutes' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <NumberInput w={320} label={t('monitoring.settings.misses')} value={draft.misses} onChange={(value) => edit({ misses: numberDraft(value) })} error={errorOf('missesBeforeNotReachable')} min={1} max={100} allowDecimal={false} allowNegative={false} clampBehavior="none" />
        <Switch label={t('monitoring.settings.traps')} description={t('monitoring.settings.trapsHint')} checked={draft.trapsEnabled} onChange={(event) => edit({ trapsEnabled: event.currentTarget.checked })} />
        <NumberInput w={180} label={t('monitoring.settings.trapPort')} value={draft.trapPort} onChange={(value) => edit({ trapPort: numberDraft(value) })} error={errorOf('trapPort')} min={1} max={65535} allowDecimal={false} allowNegative={false} clampBehavior="none" disabled={!draft.trapsEnabled} />
        {errorOf('general') !== null && (
          <Alert color="red" py={6} role="alert">
            {errorOf('general')}
          </Alert>
        )}
        {editable && (
          <Group>
            <Button loading={busy} onClick={() => void save()}>
              {t('monitoring.settings.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
