import { NON_COLOUR_COLORANT_VALUES, type ColorantName } from '../mib/colorant-names.codes';
import { CJK_COLOUR_WORDS, COLOUR_MODIFIERS, COLOUR_WORDS, MODIFIED_COLOURS } from './colour-words.table';

/**
 * Which colour a supply is. The colorant table says it best (prtMarkerSuppliesColorantIndex →
 * prtMarkerColorantValue); many devices leave that out, so the description is read word by
 * word against a table of colour words ("Toner (Cyan)", "Black Cartridge HP CF410A",
 * "Schwarz", "noir", "黒"). Word lookup, no regular expressions: this runs on every poll.
 */

function isWordChar(code: number): boolean {
  if (code >= 97 && code <= 122) return true; // a-z (input is lower-cased)
  if (code < 0xc0) return false; // digits, punctuation, Latin-1 symbols split words
  return code !== 0xd7 && code !== 0xf7 && code !== 0x3000 && (code < 0x3001 || code > 0x303f) && (code < 0xff01 || code > 0xff0f);
}

function lowerWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const word = i < lower.length && isWordChar(lower.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  return words;
}

function cjkColour(word: string): ColorantName | undefined {
  if (word.charCodeAt(0) < 0x3000 && !hasCjk(word)) return undefined;
  for (const [needle, colour] of CJK_COLOUR_WORDS) if (word.includes(needle)) return colour;
  return undefined;
}

function hasCjk(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x3000) return true;
  return false;
}

/**
 * The colour a description names, or null when it names none or several different ones
 * ("Cyan/Magenta/Yellow Imaging Unit" has no single colour). Never throws.
 */
export function colourFromDescription(description: string | null): ColorantName | null {
  if (!description) return null;
  const words = lowerWords(description);
  let found: ColorantName | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const base = COLOUR_WORDS.get(word) ?? cjkColour(word);
    if (base === undefined) continue;
    const modifier = COLOUR_MODIFIERS.get(words[i - 1] ?? '') ?? COLOUR_MODIFIERS.get(words[i + 1] ?? '');
    const colour = modifier ? (MODIFIED_COLOURS.get(`${modifier} ${base}`) ?? base) : base;
    if (found !== null && found !== colour) return null;
    found = colour;
  }
  return found;
}

/**
 * A prtMarkerColorantValue as a colour name: a known colour when the value names one
 * ("Black" → "black", "light cyan" → "light-cyan"), else the value itself lower-cased and
 * hyphenated ("Metallic Gold" → "metallic-gold"); null for "unknown", "other" and empty. Never throws.
 */
export function colourFromColorantValue(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim().toLowerCase();
  if (NON_COLOUR_COLORANT_VALUES.has(trimmed)) return null;
  const known = colourFromDescription(trimmed);
  if (known !== null) return known;
  const words = lowerWords(trimmed);
  return words.length > 0 ? words.join('-') : null;
}

/** "light-cyan" → "Light Cyan", for messages. Never throws. */
export function colourLabel(colour: string): string {
  return colour
    .split('-')
    .map((part) => (part === '' ? part : part[0]?.toUpperCase() + part.slice(1)))
    .join(' ');
}
