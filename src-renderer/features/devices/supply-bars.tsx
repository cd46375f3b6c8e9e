import { Group, Progress, Text } from '@mantine/core';
import type { ListSupply } from '../../../src-shared/domain/device-list-row';
import { isMarkerSupply } from '../../../src-shared/filters/device-filter';
import { supplyColor } from './supply-colors';

type Supply = ListSupply;

/** At most this many bars fit the column; a six-colour device shows its first six. */
const MAX_BARS = 6;

/**
 * Toner/ink levels as small upright bars in the supply's colour. A coarse level (the printer
 * only says "some left") is striped; an unknown one is an empty bar marked "?".
 * `describe` gives each bar's text (colour, percent, quality) for its tooltip and screen readers
 * (the group is one image with that text; the bars themselves are hidden from them).
 */
export function SupplyBars({ supplies, scheme, describe }: { supplies: readonly Supply[]; scheme: 'light' | 'dark'; describe: (supply: Supply) => string }) {
  const markers = supplies.filter(isMarkerSupply).slice(0, MAX_BARS);
  if (markers.length === 0) return null;
  const label = markers.map(describe).join(', ');
  return (
    <Group gap={4} wrap="nowrap" role="img" aria-label={label} title={label}>
      {markers.map((supply) =>
        supply.percent === null || supply.quality === 'unknown' ? (
          <Text key={supply.index} component="span" size="10px" c="dimmed" w={8} ta="center" lh="22px" style={{ border: `1px dashed ${supplyColor(supply.color, scheme)}`, borderRadius: 2 }}>
            ?
          </Text>
        ) : (
          <Progress.Root key={supply.index} orientation="vertical" size={8} h={22} radius={2} aria-hidden>
            <Progress.Section value={Math.max(2, Math.min(100, supply.percent))} color={supplyColor(supply.color, scheme)} striped={supply.quality === 'coarse'} />
          </Progress.Root>
        ),
      )}
    </Group>
  );
}
