import type { LevelQuality } from '../domain/device-reading';
import type { WordingLanguage } from './wording-language';

/**
 * How far a supply or tray level can be trusted, in one set of words for the console and the
 * command line: "coarse" is the data's value (JSON keeps it), "Approximate" what people read.
 */
export const QUALITY_WORDS: Readonly<Record<WordingLanguage, Readonly<Record<LevelQuality, string>>>> = {
  en: { exact: 'Exact', coarse: 'Approximate', unknown: 'Unknown' },
  ja: { exact: '正確', coarse: '概算', unknown: '不明' },
};

/** "Approximate" / "概算". Never throws. */
export function qualityWord(language: WordingLanguage, quality: LevelQuality): string {
  return QUALITY_WORDS[language][quality];
}
