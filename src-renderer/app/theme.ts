import { Badge, createTheme, darken, luminance, rem, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * The console's colours, readable by everyone: text at least 4.5:1 against what it sits on
 * (WCAG 2.1 AA), which Mantine's default palette misses in places (dimmed text 3.3:1, green,
 * yellow and orange badges, white on the primary button). Checked by the axe-core scan of every
 * section (test/e2e/accessibility.test.ts) and by test/unit/renderer/theme-contrast.test.ts.
 */

/** What AA asks of normal text; a little above it, so rounding in a browser never lands below. */
export const MIN_CONTRAST = 4.6;

/** WCAG contrast ratio of two colours (Mantine gives the luminance, not the ratio). */
export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** Shade 9 of a colour, darkened until it reads on every background in `on`. */
export function inkOn(tuple: MantineColorsTuple, on: readonly string[]): string {
  let ink = tuple[9];
  for (let step = 1; step <= 20 && on.some((bg) => contrast(ink, bg) < MIN_CONTRAST); step++) ink = darken(tuple[9], step * 0.05);
  return ink;
}

/** Secondary ("dimmed") text: light on white and the light grey backgrounds, dark on the dark panels. */
export const DIMMED = { light: '#5f666d', dark: '#a0a0a0' } as const;

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 in light: white on indigo 6 is 4.3:1, on indigo 7 5.0:1.
  primaryShade: { light: 7, dark: 8 },
  // Filled buttons and badges pick black or white text, whichever reads better (the two meet at luminance ≈ 0.18).
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'md',
  components: {
    // The smallest badge (9 px, e.g. "APPROXIMATE" beside a supply) is too small to read: 10 px at least.
    Badge: Badge.extend({ vars: (_theme, props) => ({ root: props.size === 'xs' ? { '--badge-fz': rem(10), '--badge-height': rem(18) } : {} }) }),
  },
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif',
});

/**
 * Light and outline variants in the light scheme: the text (and an outline's border) of each
 * colour darkened until it reads on white and on its own light and hover backgrounds; dimmed
 * text darker in light and lighter in dark.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': DIMMED.light };
  for (const [name, tuple] of Object.entries(resolved.colors)) {
    if (name === 'dark') continue;
    const ink = inkOn(tuple, ['#ffffff', tuple[0], tuple[1], tuple[2]]);
    light[`--mantine-color-${name}-light`] = tuple[1];
    light[`--mantine-color-${name}-light-hover`] = tuple[2];
    light[`--mantine-color-${name}-light-color`] = ink;
    light[`--mantine-color-${name}-outline`] = ink;
    light[`--mantine-color-${name}-text`] = ink;
  }
  const primary = resolved.colors[resolved.primaryColor];
  // Links read on white and on a selected row (the primary colour's light background).
  if (primary) light['--mantine-color-anchor'] = inkOn(primary, ['#ffffff', primary[0], primary[1], primary[2]]);
  return { variables: {}, light, dark: { '--mantine-color-dimmed': DIMMED.dark } };
};
