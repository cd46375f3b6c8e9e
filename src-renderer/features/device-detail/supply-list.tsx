import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../src-shared/domain/device.schemas';
import { qualityHelp, qualityLabel, supplyName } from '../../i18n/labels';
import { supplyColor } from '../devices/supply-colors';

const QUALITY_COLOR = { exact: 'teal', coarse: 'yellow', unknown: 'gray' } as const;

/** Every supply: name, colour, level bar, percent and a data-quality mark with its explanation. */
export function SupplyList({ supplies, scheme }: { supplies: DeviceDetail['supplies']; scheme: 'light' | 'dark' }) {
  const { t, i18n } = useTranslation();
  if (supplies.length === 0) return <Text size="sm" c="dimmed">{t('detail.noSupplies')}</Text>;
  return (
    <Stack gap="sm" data-testid="supply-list">
      {supplies.map((supply) => {
        const color = supplyColor(supply.color, scheme);
        const known = supply.percent !== null && supply.quality !== 'unknown';
        const percent = known && supply.percent !== null ? Math.round(supply.percent) : null;
        return (
          <Stack key={supply.index} gap={4} data-testid="supply" data-color={supply.color ?? ''}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate title={supply.description}>
                <Text span fw={500}>{supplyName(t, supply)}</Text>
                {supply.color && supply.description !== supply.color && <Text span c="dimmed" size="xs"> · {supply.description}</Text>}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {percent === null
                    ? supply.quality === 'coarse'
                      ? t(supply.class === 'receptacle' ? 'quality.notFull' : 'quality.someLeft')
                      : '—'
                    : `${supply.quality === 'coarse' ? '≈ ' : ''}${percent.toLocaleString(i18n.language)} %`}
                </Text>
                <Tooltip label={qualityHelp(t, supply.quality)} multiline w={260} withinPortal>
                  <Badge size="sm" variant="light" color={QUALITY_COLOR[supply.quality]} tabIndex={0} aria-label={`${qualityLabel(t, supply.quality)}: ${qualityHelp(t, supply.quality)}`}>
                    {qualityLabel(t, supply.quality)}
                  </Badge>
                </Tooltip>
              </Group>
            </Group>
            <Progress
              value={percent ?? 0}
              color={color}
              size="md"
              striped={supply.quality === 'coarse'}
              aria-label={`${supplyName(t, supply)} ${percent === null ? t('supply.unknownLevel') : `${percent} %`}`}
              style={known ? undefined : { outline: `1px dashed ${color}` }}
            />
          </Stack>
        );
      })}
    </Stack>
  );
}
