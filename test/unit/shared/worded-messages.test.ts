import { describe, expect, it } from 'vitest';
import { parseAddressSpec } from '../../../src-shared/net/address-spec.parser';
import { parseHostPort } from '../../../src-shared/net/host-port';
import { AppError } from '../../../src-shared/rpc/app-error';
import { WORDED_TEMPLATES, WordedError, wordingOf, wordMessage, type WordedKey } from '../../../src-shared/wording/worded-message';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join();

describe('messages worded once, in English and Japanese', () => {
  it('has the same keys and placeholders in both languages, and no empty text', () => {
    expect(Object.keys(WORDED_TEMPLATES.ja).sort()).toEqual(Object.keys(WORDED_TEMPLATES.en).sort());
    for (const key of Object.keys(WORDED_TEMPLATES.en) as WordedKey[]) {
      expect(placeholders(WORDED_TEMPLATES.ja[key]), key).toBe(placeholders(WORDED_TEMPLATES.en[key]));
      expect(WORDED_TEMPLATES.ja[key].trim(), key).not.toBe('');
    }
  });

  it('words a mistyped address the same for a search range and for one device (console and CLI)', () => {
    const range = thrownBy(() => parseAddressSpec('10.0.0.300'));
    const single = thrownBy(() => parseHostPort('10.0.0.300'));
    expect(range).toBeInstanceOf(WordedError);
    expect(single).toBeInstanceOf(WordedError);
    expect(wordingOf(range)).toEqual({ key: 'addressOctetRange', params: { token: '10.0.0.300', octet: '300' } });
    expect(wordingOf(single)).toEqual(wordingOf(range));
    expect((range as Error).message).toBe('10.0.0.300: octet 300 is outside 0–255');
    expect(wordMessage('ja', { key: 'addressOctetRange', params: { token: '10.0.0.300', octet: '300' } })).toBe('10.0.0.300: オクテット 300 が 0–255 の範囲外です');
  });

  it('carries the wording through an error envelope, English as the message', () => {
    const error = new AppError('invalid-argument', 'method 1 (addresses): 10.0.0.300: octet 300 is outside 0–255', undefined, { key: 'addressOctetRange', params: { token: '10.0.0.300', octet: '300' } });
    const back = AppError.fromData(JSON.parse(JSON.stringify(error.toData())) as ReturnType<AppError['toData']>);
    expect(back.message).toBe(error.message);
    expect(wordingOf(back)).toEqual(error.wording);
    expect(wordingOf(new AppError('internal', 'x'))).toBeNull();
    expect(wordingOf({ wording: { key: 'no-such-key', params: {} } })).toBeNull();
  });
});
