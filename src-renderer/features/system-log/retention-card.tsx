import { Button, Group, NumberInput, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { numberDraft, type NumberDraft } from '../forms/form-problems';

const MIN_DAYS = 7;
const MAX_DAYS = 3650;

/** How long the system log keeps entries; changing it needs system log: change (and is itself logged). */
export function RetentionCard() {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const editable = useCan('systemLog', 'change');
  const stored = useLiveQuery(rendererApi, () => rendererApi.api.audit.getSettings({}), []);
  const [days, setDays] = useState<NumberDraft>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (stored.data) setDays(stored.data.retentionDays);
  }, [stored.data]);

  const save = async () => {
    if (days === '' || !Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) return setError(t('auditLog.retention.range', { min: MIN_DAYS, max: MAX_DAYS }));
    setBusy(true);
    try {
      const saved = await rendererApi.api.audit.updateSettings({ retentionDays: days });
      setDays(saved.retentionDays);
      notify('success', t('auditLog.retention.title'), t('auditLog.retention.saved', { count: saved.retentionDays }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" radius="md" data-testid="audit-retention">
      <Group gap="sm" align="flex-end">
        <NumberInput
          size="xs"
          w={200}
          label={t('auditLog.retention.days')}
          value={days}
          onChange={(value) => {
            setDays(numberDraft(value));
            setError(null);
          }}
          min={MIN_DAYS}
          max={MAX_DAYS}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          error={error}
          disabled={!editable}
        />
        {editable && (
          <Button size="xs" variant="light" loading={busy} onClick={() => void save()}>
            {t('auditLog.retention.save')}
          </Button>
        )}
        <Text size="xs" c="dimmed" style={{ flex: 1, minWidth: 220 }}>
          {t('auditLog.retention.hint')}
        </Text>
      </Group>
    </Paper>
  );
}
