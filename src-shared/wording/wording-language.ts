/** The languages the shared wording tables speak; the console's UI languages are the same two. */
export const WORDING_LANGUAGES = ['en', 'ja'] as const;
export type WordingLanguage = (typeof WORDING_LANGUAGES)[number];

/** "ja-JP" → ja; every other locale (and an empty one) → en. Never throws. */
export function wordingLanguage(locale: string | null | undefined): WordingLanguage {
  return (locale ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
