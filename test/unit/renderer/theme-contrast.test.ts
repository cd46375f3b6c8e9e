import { DEFAULT_THEME, luminance, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, cssVariablesResolver, DIMMED, theme } from '../../../src-renderer/app/theme';

/** The console's colours meet WCAG AA for text (4.5:1) where Mantine's defaults did not. */

const resolved = mergeMantineTheme(DEFAULT_THEME, theme);
const { light, dark } = cssVariablesResolver(resolved);
const AA = 4.5;

describe('the theme', () => {
  it('Mantine’s own dimmed grey failed (3.3:1 on white); ours reads on white and light greys, and on the dark panels', () => {
    expect(contrast(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(AA);
    for (const bg of ['#ffffff', ...resolved.colors.gray.slice(0, 2)]) expect(contrast(DIMMED.light, bg), bg).toBeGreaterThanOrEqual(AA);
    for (const bg of resolved.colors.dark.slice(6, 9)) expect(contrast(DIMMED.dark, bg), bg).toBeGreaterThanOrEqual(AA);
    expect(light['--mantine-color-dimmed']).toBe(DIMMED.light);
    expect(dark['--mantine-color-dimmed']).toBe(DIMMED.dark);
  });

  it('gives every colour’s light and outline badges text that reads on white and on its own light and hover backgrounds', () => {
    for (const [name, tuple] of Object.entries(resolved.colors)) {
      if (name === 'dark') continue;
      const ink = light[`--mantine-color-${name}-light-color`] ?? '';
      expect(light[`--mantine-color-${name}-outline`], name).toBe(ink);
      for (const bg of ['#ffffff', light[`--mantine-color-${name}-light`] ?? '', light[`--mantine-color-${name}-light-hover`] ?? '']) {
        expect(contrast(ink, bg), `${name} text ${ink} on ${bg}`).toBeGreaterThanOrEqual(AA);
      }
      expect(tuple).toHaveLength(10);
    }
  });

  it('puts white or black on filled colours, whichever reads (primary shade 7 in light, 8 in dark)', () => {
    expect(resolved.primaryShade).toEqual({ light: 7, dark: 8 });
    expect(resolved.autoContrast).toBe(true);
    for (const [name, tuple] of Object.entries(resolved.colors)) {
      for (const shade of [7, 8] as const) {
        const bg = tuple[shade];
        // What Mantine's autoContrast puts on it: black above the luminance threshold, else white.
        const text = luminance(bg) > resolved.luminanceThreshold ? '#000000' : '#ffffff';
        if (name !== 'dark') expect(contrast(text, bg), `${text} on ${name}.${shade} (${bg})`).toBeGreaterThanOrEqual(AA);
      }
    }
  });
});
