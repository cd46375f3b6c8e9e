import { ActionIcon, Badge, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditOutcome } from '../../../src-shared/contract/audit.contract';
import { Icon } from '../../ui/icons';
import { formatDateTime } from '../../ui/display-format';
import { actionLabel } from './action-label';
import { detailText, utcText } from './audit-filter';

export const OUTCOME_COLORS: Readonly<Record<AuditOutcome, string>> = { ok: 'teal', refused: 'orange', failed: 'red' };

const COLUMNS = 8;

/**
 * System log rows, newest first: local time (UTC in the tooltip), user, host and address,
 * action in words (the method in the tooltip), targets, outcome, message; a row opens to show
 * what was asked for (secrets masked by the server) and the error code.
 */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Table verticalSpacing={4} highlightOnHover aria-label={t('auditLog.title')} data-testid="audit-table" style={{ tableLayout: 'fixed', minWidth: 1080 }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36} />
          <Table.Th w={205}>{t('auditLog.columns.time')}</Table.Th>
          <Table.Th w={110}>{t('auditLog.columns.user')}</Table.Th>
          <Table.Th w={120}>{t('auditLog.columns.where')}</Table.Th>
          <Table.Th w={190}>{t('auditLog.columns.action')}</Table.Th>
          <Table.Th w={160}>{t('auditLog.columns.targets')}</Table.Th>
          <Table.Th w={90}>{t('auditLog.columns.outcome')}</Table.Th>
          <Table.Th>{t('auditLog.columns.message')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => {
          const expanded = open.has(entry.id);
          const detail = expanded ? detailText(entry.detail) : null;
          return (
            <Fragment key={entry.id}>
              <Table.Tr data-testid="audit-row" data-entry-id={entry.id} data-action={entry.action} data-outcome={entry.outcome} data-user={entry.userName}>
                <Table.Td>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-expanded={expanded} aria-label={t(expanded ? 'auditLog.hideDetail' : 'auditLog.showDetail')} onClick={() => toggle(entry.id)}>
                    <Icon name={expanded ? 'down' : 'right'} size={14} />
                  </ActionIcon>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={utcText(entry.at)} withinPortal>
                    <Text size="sm" w="fit-content" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {formatDateTime(entry.at, i18n.language)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate="end" title={entry.userName}>
                    {entry.userName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate="end">
                    {t(`auditLog.hosts.${entry.host}`)}
                  </Text>
                  {entry.address && (
                    <Text size="xs" c="dimmed" truncate="end" title={entry.address}>
                      {entry.address}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={entry.action} withinPortal>
                    <Text size="sm" w="fit-content" lineClamp={2}>
                      {actionLabel(t, entry.action)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={entry.targets.join(', ')}>
                    {entry.targets.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={OUTCOME_COLORS[entry.outcome]} tt="none">
                    {t(`auditLog.outcomes.${entry.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={expanded ? undefined : 2} c={entry.outcome === 'ok' ? undefined : 'dimmed'}>
                    {entry.message ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {expanded && (
                <Table.Tr data-testid="audit-detail">
                  <Table.Td />
                  <Table.Td colSpan={COLUMNS - 1}>
                    <Stack gap={4} py={4}>
                      <Group gap="lg">
                        <Text size="xs" c="dimmed">
                          {t('auditLog.detail.method', { method: entry.action })}
                        </Text>
                        {entry.function && (
                          <Text size="xs" c="dimmed">
                            {t('auditLog.detail.function', { name: entry.function })}
                          </Text>
                        )}
                        {entry.errorCode && (
                          <Text size="xs" c="dimmed">
                            {t('auditLog.detail.errorCode', { code: entry.errorCode })}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {utcText(entry.at)}
                        </Text>
                      </Group>
                      {detail === null ? (
                        <Text size="xs" c="dimmed">
                          {t('auditLog.detail.none')}
                        </Text>
                      ) : (
                        <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
                          {detail}
                        </Code>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
