/** Which UI language to use: the one a person picked (remembered), else the OS/browser locale. */

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'printdeck.language';

/** Type guard for a language code we have texts for. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered choice when valid, else the first preferred locale we speak ("ja-JP" → ja), else English. */
export function pickLanguage(remembered: string | null, preferred: readonly string[]): Language {
  if (isLanguage(remembered)) return remembered;
  for (const locale of preferred) {
    const base = locale.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * The locale dates and times are formatted in: the person's own regional locale when it is in the
 * UI language ("en-GB" → 24-hour times, "en-US" → 12-hour), else the UI language itself ("ja" →
 * 24-hour). Never throws.
 */
export function regionalLocale(language: string, preferred: readonly string[]): string {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? language;
  return preferred.find((locale) => locale.toLowerCase().split(/[-_]/)[0] === base && locale.length > base.length) ?? language;
}
