import { ColorSwatch, Group, Stack, Text } from '@mantine/core';

/** One line of a chart: points oldest first. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  points: readonly { at: number; value: number }[];
}

const WIDTH = 400;
const HEIGHT = 130;
const PAD = { left: 56, right: 8, top: 8, bottom: 20 };

/**
 * A small line chart (SVG, no chart library): time on x, values on y from `min` to `max`
 * (or to the largest value). Labelled by `label` for screen readers; a legend below.
 */
export function HistoryChart({ label, series, min, max, formatValue, formatTime, from, to }: {
  label: string;
  series: readonly ChartSeries[];
  min: number;
  max?: number;
  formatValue: (value: number) => string;
  formatTime: (at: number) => string;
  from: number;
  to: number;
}) {
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const low = Math.min(min, ...values);
  const high = Math.max(max ?? low + 1, ...values, low + 1);
  const span = Math.max(1, to - from);
  const x = (at: number) => PAD.left + ((at - from) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [low, (low + high) / 2, high];

  return (
    <Stack gap={4}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} style={{ display: 'block', overflow: 'visible' }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-default-border)" strokeDasharray="3 3" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="10" fill="var(--mantine-color-dimmed)">
              {formatValue(tick)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 4} fontSize="10" fill="var(--mantine-color-dimmed)">
          {formatTime(from)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 4} fontSize="10" textAnchor="end" fill="var(--mantine-color-dimmed)">
          {formatTime(to)}
        </text>
        {series.map((s) => {
          const last = s.points.at(-1);
          return (
            <g key={s.key}>
              <polyline points={s.points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" />
              {/* The current value, visible even when all history is a moment old. */}
              {last && <circle cx={x(last.at)} cy={y(last.value)} r={3} fill={s.color} />}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <Group gap="sm">
          {series.map((s) => (
            <Group key={s.key} gap={4} wrap="nowrap">
              <ColorSwatch color={s.color} size={10} withShadow={false} />
              <Text size="xs">{s.label}</Text>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
