import i18next from 'i18next';
import { wordingOf, type WordedMessage } from '../../src-shared/wording/worded-message';

/**
 * What the server said, in the UI language: a message the core sent worded (a key and
 * parameters, worded-message.ts) is translated through the catalogues' `worded.<key>`; any
 * other message is shown as the server wrote it (English). Never throws.
 */
export function wordedText(worded: WordedMessage | null, english: string): string {
  if (worded === null || !i18next.isInitialized) return english;
  return i18next.t(`worded.${worded.key}`, { ...worded.params, defaultValue: english });
}

/** An error (an AppError from a call, or a reply body with `message` and `wording`) in the UI language. Never throws. */
export function serverText(error: unknown): string {
  const english = error instanceof Error ? error.message : typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? String((error as { message: string }).message) : String(error);
  return wordedText(wordingOf(error), english);
}
