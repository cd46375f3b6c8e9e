import { Alert, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { datedFileName, downloadText } from '../../ui/download-file';
import { auditFilterOf, EMPTY_AUDIT_FILTER, isFiltered, type AuditFilterDraft } from './audit-filter';
import { AuditFilterBar } from './audit-filter-bar';
import { AuditTable } from './audit-table';
import { RetentionCard } from './retention-card';
import { useAuditEntries } from './use-audit-entries';

/** Typing in the filter waits this long before asking the server. */
const FILTER_DELAY_MS = 300;

/**
 * Settings → System log (system log: view): who did what, when, from where and how it ended.
 * Filtered as one types, newest first with older pages on demand, live as entries are added;
 * exported as CSV under the same filter; the retention below.
 */
export function SystemLogPanel() {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  const [settled] = useDebouncedValue(draft, FILTER_DELAY_MS);
  const parsed = auditFilterOf(settled);
  const filter = parsed.ok ? parsed.filter : null;
  const log = useAuditEntries(filter);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    if (filter === null) return;
    setExporting(true);
    try {
      const { csv, count } = await api.audit.exportCsv(filter);
      downloadText(datedFileName('printdeck-system-log', new Date()), csv);
      notify('success', t('auditLog.title'), t('auditLog.exported', { count }));
    } catch (caught) {
      notify('error', t('auditLog.exportFailed'), errorMessage(caught));
    } finally {
      setExporting(false);
    }
  };

  const entries = log.entries ?? [];
  return (
    <Stack gap="sm" data-testid="system-log">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <AuditFilterBar draft={draft} problem={parsed.ok ? null : parsed.problem} onChange={setDraft} />
        <Group gap="xs" wrap="nowrap" mt={22} style={{ flexShrink: 0 }}>
          <Button size="xs" variant="subtle" color="gray" disabled={!isFiltered(draft)} onClick={() => setDraft(EMPTY_AUDIT_FILTER)}>
            {t('auditLog.filter.clear')}
          </Button>
          <Button size="xs" variant="default" leftSection={<Icon name="download" size={16} />} loading={exporting} disabled={filter === null} onClick={() => void exportCsv()}>
            {t('auditLog.export')}
          </Button>
        </Group>
      </Group>
      {log.error && <Alert color="red">{t('forms.loadFailed', { message: log.error.message })}</Alert>}
      <Paper withBorder radius="md">
        {entries.length === 0 ? (
          <Text c="dimmed" p="md" size="sm" data-testid="audit-empty">
            {log.entries === null ? t('forms.loading') : t('auditLog.empty')}
          </Text>
        ) : (
          <ScrollArea type="auto">
            <AuditTable entries={entries} />
          </ScrollArea>
        )}
      </Paper>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid="audit-count">
          {t('auditLog.shown', { count: entries.length })}
        </Text>
        {log.more && (
          <Button size="xs" variant="light" loading={log.loadingOlder} onClick={log.older}>
            {t('auditLog.older')}
          </Button>
        )}
      </Group>
      <RetentionCard />
    </Stack>
  );
}
