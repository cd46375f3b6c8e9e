/**
 * Colour names Printdeck reports, in the lower-case, hyphenated style of prtMarkerColorantValue
 * and the PWG colorant names (PWG 5101.1): "black", "light-cyan", "photo-black" …
 */
export const COLORANT_NAMES = [
  'black',
  'cyan',
  'magenta',
  'yellow',
  'light-cyan',
  'light-magenta',
  'light-black',
  'photo-black',
  'matte-black',
  'gray',
  'red',
  'green',
  'blue',
  'orange',
  'violet',
  'white',
  'clear',
] as const;
export type ColorantName = (typeof COLORANT_NAMES)[number];

/** prtMarkerColorantValue strings that name no colour. */
export const NON_COLOUR_COLORANT_VALUES: ReadonlySet<string> = new Set(['', 'other', 'unknown', 'none', 'n/a']);
