import type { TFunction } from 'i18next';
import { decodeText, ENCODING_NAMES, TextEncodingError, type DecodedText, type TextEncodingChoice } from '../../src-shared/csv/text-encoding';

/**
 * A file a person picked, as text: in `choice` (auto: a BOM, else UTF-8, else Shift_JIS — the
 * "CSV" of Excel in Japanese Windows), never decoded into U+FFFD. Rejects with TextEncodingError
 * (see encodingErrorText) or the browser's read error.
 */
export async function readTextFile(file: Blob, choice: TextEncodingChoice = 'auto'): Promise<DecodedText> {
  return decodeText(new Uint8Array(await file.arrayBuffer()), choice);
}

/** The sentence for a file that is not text in the encoding tried, in the UI language; null for other errors. */
export function encodingErrorText(t: TFunction, error: unknown): string | null {
  if (!(error instanceof TextEncodingError)) return null;
  switch (error.kind) {
    case 'not-utf-8':
      return t('csv.notUtf8', { line: error.line ?? 1 });
    case 'not-text':
      return t('csv.notText', { line: error.line ?? 1 });
    case 'not-shift-jis':
      return t('csv.notShiftJis');
  }
}

/** "Shift_JIS" for a file read other than as plain UTF-8 (worth saying), else null. */
export function notableEncoding(decoded: DecodedText): string | null {
  return decoded.encoding === 'utf-8' ? null : ENCODING_NAMES[decoded.encoding];
}
