import { Badge, Chip, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import { ITEM_OUTCOMES, type ItemOutcomeKind } from '../../../src-shared/settings/item-outcome';
import { itemRowsOf } from './execution-item-rows';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { itemLabel, itemMessageText, OUTCOME_COLORS, OUTCOME_VARIANTS, outcomeHint, outcomeLabel, valueText } from './settings-texts';

type ItemColumn = 'device' | 'item' | 'outcome' | 'message' | 'value';

/** An outcome as a badge, with what it means in the tooltip; the same words everywhere. */
export function OutcomeBadge({ outcome }: { outcome: ItemOutcomeKind }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={outcomeHint(t, outcome)} withinPortal openDelay={300}>
      <Badge size="sm" variant={OUTCOME_VARIANTS[outcome]} color={OUTCOME_COLORS[outcome]} data-testid="item-outcome" data-outcome={outcome}>
        {outcomeLabel(t, outcome)}
      </Badge>
    </Tooltip>
  );
}

/**
 * Per device, per item (settings delivery and acquisition): the outcome, the device's message and
 * the value read back, with counts per outcome that filter the rows. Virtualised: a delivery to
 * thousands of devices stays fast. Nothing when no device has items.
 */
export function ExecutionItems({ devices }: { devices: readonly TaskDeviceResult[] }) {
  const { t } = useTranslation();
  const { rows, counts } = useMemo(() => itemRowsOf(devices), [devices]);
  const [shownOutcomes, setShownOutcomes] = useState<string[]>([]);
  const shown = useMemo(() => (shownOutcomes.length === 0 ? rows : rows.filter((r) => shownOutcomes.includes(r.outcome))), [rows, shownOutcomes]);
  if (rows.length === 0) return null;
  const columns: VirtualColumn<ItemColumn>[] = [
    { id: 'device', header: t('deviceSettings.results.columns.device'), width: 'minmax(130px, 1fr)' },
    { id: 'item', header: t('deviceSettings.results.columns.item'), width: 'minmax(130px, 1fr)' },
    { id: 'outcome', header: t('deviceSettings.results.columns.outcome'), width: '120px' },
    { id: 'message', header: t('deviceSettings.results.columns.message'), width: 'minmax(160px, 1.6fr)' },
    { id: 'value', header: t('deviceSettings.results.columns.value'), width: 'minmax(110px, 1fr)' },
  ];
  return (
    <Stack gap="xs" data-testid="execution-items">
      <Group justify="space-between" gap="xs">
        <Title order={6}>{t('deviceSettings.results.title')}</Title>
        <Chip.Group multiple value={shownOutcomes} onChange={setShownOutcomes}>
          <Group gap={4}>
            {ITEM_OUTCOMES.filter((o) => counts[o] > 0).map((o) => (
              <Chip key={o} value={o} size="xs" color={OUTCOME_COLORS[o]} data-testid="item-outcome-count" data-outcome={o} data-count={counts[o]}>
                {t('deviceSettings.results.count', { outcome: outcomeLabel(t, o), count: counts[o] })}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Group>
      <VirtualTable
        label={t('deviceSettings.results.title')}
        columns={columns}
        count={shown.length}
        rowKey={(index) => `${shown[index]?.deviceId ?? 'x'}-${shown[index]?.item ?? index}-${index}`}
        height={Math.min(300, 34 * Math.max(shown.length, 2) + 40)}
        empty={t('deviceSettings.results.noneShown')}
        rowTestId="execution-item"
        rowData={(index) => {
          const row = shown[index];
          return row ? { 'data-device-id': row.deviceId === null ? undefined : String(row.deviceId), 'data-item': row.item, 'data-outcome': row.outcome } : {};
        }}
        cell={(index, column) => {
          const row = shown[index];
          if (!row) return null;
          switch (column) {
            case 'device':
              return <span title={row.device}>{row.device}</span>;
            case 'item':
              return <span title={row.item}>{itemLabel(t, row.item)}</span>;
            case 'outcome':
              return <OutcomeBadge outcome={row.outcome} />;
            case 'message': {
              const text = itemMessageText(t, row.message);
              return <span title={text === row.message ? text : `${text}\n${row.message}`}>{text}</span>;
            }
            case 'value': {
              const text = valueText(t, row.item, row.value);
              return (
                <Text span size="sm" c={row.value === null ? 'dimmed' : undefined} title={text}>
                  {text}
                </Text>
              );
            }
          }
        }}
      />
    </Stack>
  );
}
