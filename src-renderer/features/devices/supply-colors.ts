/**
 * The colour a supply's bar is drawn in, from the colour name the printer reports
 * (prtMarkerColorantValue: "black", "cyan", "photoMagenta", "Light Gray" …).
 */

const NAMED: Readonly<Record<string, string>> = {
  black: '#25262b',
  photoblack: '#25262b',
  mattblack: '#3a3b40',
  cyan: '#00a3e0',
  lightcyan: '#6fd3f5',
  photocyan: '#6fd3f5',
  magenta: '#e0218a',
  lightmagenta: '#f27cc0',
  photomagenta: '#f27cc0',
  yellow: '#f5c400',
  red: '#e03131',
  green: '#2f9e44',
  blue: '#1c7ed6',
  orange: '#f76707',
  violet: '#7048e8',
  gray: '#868e96',
  grey: '#868e96',
  lightgray: '#adb5bd',
  lightgrey: '#adb5bd',
  white: '#dee2e6',
};

/** Used when the colour is unknown or not a colour we can name. */
export const UNKNOWN_SUPPLY_COLOR = '#868e96';

/** CSS colour for a reported colour name; black is lightened on a dark background so it stays visible. */
export function supplyColor(color: string | null, scheme: 'light' | 'dark'): string {
  const key = (color ?? '').toLowerCase().replace(/[\s_-]/g, '');
  const css = NAMED[key] ?? UNKNOWN_SUPPLY_COLOR;
  if (scheme === 'dark' && css === NAMED.black) return '#c1c2c5';
  return css;
}
