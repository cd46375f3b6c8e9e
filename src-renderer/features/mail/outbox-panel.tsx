import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATES, type OutboxEntry, type OutboxState } from '../../../src-shared/contract/mail.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { formatDateTime } from '../../ui/display-format';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';

const ENTRIES_SHOWN = 1000;

const STATE_COLORS: Record<OutboxState, string> = { queued: 'blue', sending: 'blue', sent: 'teal', failed: 'red' };

type OutboxColumn = 'created' | 'kind' | 'to' | 'subject' | 'state' | 'attempts' | 'next' | 'error' | 'actions';

/** Every mail the console sent or tries to send: state, attempts, last error; retry a failed one, remove one. Live via 'mail.changed'. */
export function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const notify = useNoticeStore((s) => s.notify);
  const editable = useCan('monitoring', 'change');
  const outbox = useLiveQuery(rendererApi, () => api.mail.listOutbox({ limit: ENTRIES_SHOWN }), ['mail.changed']);
  const entries = outbox.data?.entries ?? [];
  const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, outbox.data?.counts[s] ?? 0])) as Record<OutboxState, number>;
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      outbox.reload();
      notify('success', t('mail.outbox.title'), done);
    } catch (caught) {
      notify('error', t('mail.outbox.title'), errorMessage(caught));
    }
  };
  const columns: VirtualColumn<OutboxColumn>[] = [
    { id: 'created', header: t('mail.outbox.columns.created'), width: 'minmax(160px, 1fr)' },
    { id: 'kind', header: t('mail.outbox.columns.kind'), width: '110px' },
    { id: 'to', header: t('mail.outbox.columns.to'), width: 'minmax(140px, 1fr)' },
    { id: 'subject', header: t('mail.outbox.columns.subject'), width: 'minmax(180px, 1.6fr)' },
    { id: 'state', header: t('mail.outbox.columns.state'), width: '96px' },
    { id: 'attempts', header: t('mail.outbox.columns.attempts'), width: '76px', numeric: true },
    { id: 'next', header: t('mail.outbox.columns.next'), width: 'minmax(150px, 1fr)' },
    { id: 'error', header: t('mail.outbox.columns.error'), width: 'minmax(180px, 1.6fr)' },
    { id: 'actions', header: t('mail.outbox.columns.actions'), width: '150px' },
  ];
  const cell = (entry: OutboxEntry, column: OutboxColumn) => {
    switch (column) {
      case 'created':
        return formatDateTime(entry.createdAt, i18n.language);
      case 'kind':
        return t(`mail.outbox.kinds.${entry.kind}`);
      case 'to':
        return <span title={entry.to.join(', ')}>{entry.to.join(', ')}</span>;
      case 'subject':
        return <span title={entry.subject}>{entry.subject}</span>;
      case 'state':
        return (
          <Badge size="sm" variant="light" color={STATE_COLORS[entry.state]}>
            {t(`mail.outbox.states.${entry.state}`)}
          </Badge>
        );
      case 'attempts':
        return entry.attempts;
      case 'next':
        return entry.nextAttemptAt === null ? '' : formatDateTime(entry.nextAttemptAt, i18n.language);
      case 'error':
        return entry.lastError === null ? '' : <Text size="sm" c="red" title={entry.lastError} truncate>{entry.lastError}</Text>;
      case 'actions':
        return (
          <Group gap={4} wrap="nowrap">
            {editable && (entry.state === 'failed' || entry.state === 'queued') && (
              <Button size="compact-xs" variant="light" onClick={() => void act(() => api.mail.retry({ id: entry.id }), t('mail.outbox.retried'))}>
                {t('mail.outbox.retry')}
              </Button>
            )}
            {editable && entry.state !== 'sending' && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void act(() => api.mail.remove({ id: entry.id }), t('mail.outbox.removed'))}>
                {t('mail.outbox.remove')}
              </Button>
            )}
          </Group>
        );
    }
  };
  return (
    <Stack gap="sm" data-testid="outbox">
      <Text size="sm" c="dimmed">
        {t('mail.outbox.counts', counts)}
      </Text>
      {outbox.error && <Alert color="red">{t('forms.loadFailed', { message: outbox.error.message })}</Alert>}
      <VirtualTable
        label={t('mail.outbox.title')}
        columns={columns}
        count={entries.length}
        rowKey={(index) => entries[index]?.id ?? index}
        height="max(320px, calc(100dvh - 280px))"
        empty={outbox.data === null ? t('forms.loading') : t('mail.outbox.empty')}
        rowTestId="outbox-entry"
        rowData={(index) => {
          const e = entries[index];
          return e ? { 'data-outbox-id': String(e.id), 'data-state': e.state, 'data-kind': e.kind } : {};
        }}
        cell={(index, column) => {
          const entry = entries[index];
          return entry ? cell(entry, column) : null;
        }}
      />
    </Stack>
  );
}
